using System.Diagnostics;
using SciTransfer.Core.Random;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.Transfer.Running;

/// <summary>
/// One (problem, repeat) of a run: its data, its pre-trained source model and its target permutation,
/// created once on first use and shared read-only by every cell of the repeat, then released when the
/// last of those cells finishes.
/// </summary>
internal sealed class RepeatState
{
    private readonly Lazy<(ProblemInstance Instance, object? Source, int[] Permutation, double SourceSeconds)> _value;
    private int _remainingCells;

    public RepeatState(StudyProblem entry, int repeat, SeedTree repeatSeeds, ProblemSettings settings, int cells, string? cacheFile, IProgress<TrainingProgress>? training, CancellationToken ct)
    {
        Seeds = repeatSeeds;
        _remainingCells = cells;
        _value = new(
            () =>
            {
                var sw = Stopwatch.StartNew();
                var instance = entry.Problem.Create(new ProblemContext(repeat, repeatSeeds, settings));
                object? source = LoadCached(instance, cacheFile)
                    ?? instance.PretrainSource(new SourceRequest(repeatSeeds.Child("source"), training, ct));
                if (source is not null && cacheFile is not null && !File.Exists(cacheFile))
                {
                    SaveCached(instance, source, cacheFile);
                }

                int[] permutation = repeatSeeds.Child("target-subset").CreateRng().Permutation(instance.TargetPoolSize);
                return (instance, source, permutation, sw.Elapsed.TotalSeconds);
            },
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Seed node of (study seed, problem id, repeat).</summary>
    public SeedTree Seeds { get; }

    /// <summary>The instance, source model and permutation (computed on first access).</summary>
    public (ProblemInstance Instance, object? Source, int[] Permutation, double SourceSeconds) Value => _value.Value;

    /// <summary>Seconds spent creating data and pre-training (0 if never created).</summary>
    public double SourceSeconds => _value.IsValueCreated ? _value.Value.SourceSeconds : 0;

    private static object? LoadCached(ProblemInstance instance, string? cacheFile)
    {
        if (cacheFile is null || !File.Exists(cacheFile))
        {
            return null;
        }

        using var stream = File.OpenRead(cacheFile);
        return instance.LoadSource(stream);
    }

    private static void SaveCached(ProblemInstance instance, object source, string cacheFile)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(cacheFile)!);
        string tmp = cacheFile + ".tmp";
        bool saved;
        using (var stream = File.Create(tmp))
        {
            saved = instance.SaveSource(source, stream);
        }

        if (saved)
        {
            File.Move(tmp, cacheFile, overwrite: true);
        }
        else
        {
            File.Delete(tmp);
        }
    }

    /// <summary>Counts a finished cell; returns true when it was the last one.</summary>
    public bool CellFinished() => Interlocked.Decrement(ref _remainingCells) == 0;
}
