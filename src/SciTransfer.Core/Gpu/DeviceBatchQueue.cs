namespace SciTransfer.Core.Gpu;

/// <summary>
/// A rendezvous that lets independent callers (a study's cells, each on its own thread) have their jobs run as one
/// batch: <see cref="Run"/> adds the job to the open group of its key and blocks until the group has run. The first
/// caller of a group leads it: it waits until the group holds <see cref="MaxJobs"/> jobs or <see cref="Window"/> has
/// passed since it arrived, closes the group (later callers open the next one), runs the batch function on its own
/// thread and hands every member its own result or exception. So the caller's code stays one call per job, and a
/// failing job fails only its caller (a batch function that throws fails every member of that group with it).
/// </summary>
/// <typeparam name="TJob">One caller's work.</typeparam>
/// <typeparam name="TResult">One caller's result.</typeparam>
public sealed class DeviceBatchQueue<TJob, TResult>
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Group> _open = new(StringComparer.Ordinal);
    private readonly Func<string, IReadOnlyList<TJob>, IReadOnlyList<BatchOutcome<TResult>>> _runBatch;

    /// <summary>
    /// Creates the queue. <paramref name="runBatch"/> gets a key and its group's jobs (in arrival order) and returns one
    /// outcome per job, in the same order.
    /// </summary>
    public DeviceBatchQueue(int maxJobs, TimeSpan window, Func<string, IReadOnlyList<TJob>, IReadOnlyList<BatchOutcome<TResult>>> runBatch)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxJobs);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(runBatch);
        MaxJobs = maxJobs;
        Window = window;
        _runBatch = runBatch;
    }

    /// <summary>Most jobs in one batch.</summary>
    public int MaxJobs { get; }

    /// <summary>How long a group's leader waits for more jobs before it runs the group.</summary>
    public TimeSpan Window { get; }

    /// <summary>Batches run so far and their sizes, in the order they started (for tests and the run record).</summary>
    public IReadOnlyList<int> BatchSizes
    {
        get
        {
            lock (_gate)
            {
                return [.. _sizes];
            }
        }
    }

    private readonly List<int> _sizes = [];

    /// <summary>
    /// Runs <paramref name="job"/> in a batch with the other jobs of <paramref name="key"/> (jobs of one key must be able
    /// to share a batch: the same model architecture on the same device) and returns its result, or throws its exception.
    /// </summary>
    public TResult Run(string key, TJob job)
    {
        ArgumentNullException.ThrowIfNull(key);
        Group group;
        int slot;
        bool leader;
        lock (_gate)
        {
            if (!_open.TryGetValue(key, out group!))
            {
                group = new Group();
                _open[key] = group;
            }

            slot = group.Jobs.Count;
            group.Jobs.Add(job);
            leader = slot == 0;
            if (group.Jobs.Count >= MaxJobs)
            {
                _open.Remove(key);
                Monitor.PulseAll(_gate);
            }
            else if (leader)
            {
                var deadline = DateTime.UtcNow + Window;
                while (group.Jobs.Count < MaxJobs && deadline - DateTime.UtcNow is { Ticks: > 0 } left)
                {
                    Monitor.Wait(_gate, left);
                }

                if (_open.TryGetValue(key, out var still) && ReferenceEquals(still, group))
                {
                    _open.Remove(key);
                }
            }

            if (leader)
            {
                _sizes.Add(group.Jobs.Count);
            }
        }

        if (leader)
        {
            Lead(key, group);
        }

        group.Done.Wait();
        var outcome = group.Outcomes![slot];
        if (outcome.Error is { } error)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        }

        return outcome.Result!;
    }

    private void Lead(string key, Group group)
    {
        try
        {
            var outcomes = _runBatch(key, group.Jobs);
            if (outcomes.Count != group.Jobs.Count)
            {
                throw new InvalidOperationException($"device batch: {outcomes.Count} outcomes for {group.Jobs.Count} jobs");
            }

            group.Outcomes = outcomes;
        }
        catch (Exception e)
        {
            group.Outcomes = [.. group.Jobs.Select(_ => BatchOutcome<TResult>.Failed(e))];
        }
        finally
        {
            group.Done.Set();
        }
    }

    private sealed class Group
    {
        public List<TJob> Jobs { get; } = [];

        public IReadOnlyList<BatchOutcome<TResult>>? Outcomes { get; set; }

        public ManualResetEventSlim Done { get; } = new();
    }
}

/// <summary>One job's outcome in a batch: its result, or the exception its caller gets.</summary>
/// <typeparam name="TResult">The result type.</typeparam>
/// <param name="Result">The result (default when failed).</param>
/// <param name="Error">The failure, or null.</param>
public readonly record struct BatchOutcome<TResult>(TResult? Result, Exception? Error)
{
    /// <summary>A success.</summary>
    public static BatchOutcome<TResult> Ok(TResult result) => new(result, null);

    /// <summary>A failure.</summary>
    public static BatchOutcome<TResult> Failed(Exception error) => new(default, error);
}
