using System.Diagnostics;
using SciTransfer.Core.Random;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Transfer.Running;

/// <summary>
/// One (problem, repeat) of a run: its data, its pre-trained source model (only when one of the repeat's
/// strategies needs it) and its target permutation, created once on first use and shared read-only by every cell
/// of the repeat, then released when the last of those cells finishes.
/// </summary>
internal sealed class RepeatState
{
    private readonly Lazy<(ProblemInstance Instance, int[] Permutation, double SourceSeconds)> _value;
    private int _remainingCells;

    public RepeatState(StudyProblem entry, int repeat, SeedTree repeatSeeds, ProblemSettings settings, IReadOnlyCollection<IStrategy> strategies, string? cacheFile, IProgress<TrainingProgress>? training, Action<string>? warn, CancellationToken ct)
    {
        Seeds = repeatSeeds;
        _remainingCells = strategies.Count;
        bool needsSource = strategies.AnyNeedsSource();
        _value = new(
            () =>
            {
                var sw = Stopwatch.StartNew();
                var instance = entry.Problem.Create(new ProblemContext(repeat, repeatSeeds, settings, entry.Data));
                if (needsSource)
                {
                    if (instance.PrepareSource(new SourceRequest(repeatSeeds.Child("source"), training, ct), cacheFile, warn, entry.SourceModel))
                    {
                        Trained?.Invoke();
                    }
                }

                int[] permutation = repeatSeeds.Child("target-subset").CreateRng().Permutation(instance.TargetPoolSize);
                return (instance, permutation, sw.Elapsed.TotalSeconds);
            },
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Called when the source model was trained here (not loaded from the cache): run.json's sources_trained.</summary>
    public Action? Trained { get; init; }

    /// <summary>Seed node of (study seed, problem id, repeat).</summary>
    public SeedTree Seeds { get; }

    /// <summary>The instance (with its source model when needed) and permutation, computed on first access.</summary>
    public (ProblemInstance Instance, int[] Permutation, double SourceSeconds) Value => _value.Value;

    /// <summary>Seconds spent creating data and pre-training (0 if never created).</summary>
    public double SourceSeconds => _value.IsValueCreated ? _value.Value.SourceSeconds : 0;

    /// <summary>Counts a finished cell; returns true when it was the last one.</summary>
    public bool CellFinished() => Interlocked.Decrement(ref _remainingCells) == 0;
}
