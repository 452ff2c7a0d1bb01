using SciTransfer.Core.Gpu;

namespace SciTransfer.Core.Tests.Gpu;

/// <summary>The rendezvous that lets concurrent cells train as one batch: grouping, per-job results and failures.</summary>
public class DeviceBatchQueueTests
{
    // The batch function: squares every job, throws for the job -1 alone, and records each batch's jobs.
    private static DeviceBatchQueue<int, int> Queue(int maxJobs, TimeSpan window, List<int[]> batches) =>
        new(maxJobs, window, (key, jobs) =>
        {
            lock (batches)
            {
                batches.Add([.. jobs]);
            }

            return [.. jobs.Select(j => j == -1
                ? BatchOutcome<int>.Failed(new InvalidOperationException($"job {j} of {key} failed"))
                : BatchOutcome<int>.Ok(j * j))];
        });

    [Fact]
    public void Concurrent_callers_share_batches_of_at_most_max_jobs_and_each_gets_its_own_result()
    {
        var batches = new List<int[]>();
        var queue = Queue(3, TimeSpan.FromSeconds(20), batches);
        var results = new int[6];
        using var start = new Barrier(6);
        var threads = Enumerable.Range(0, 6).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            results[i] = queue.Run("a", i + 1);
        })).ToArray();
        foreach (var t in threads)
        {
            t.Start();
        }

        foreach (var t in threads)
        {
            t.Join();
        }

        // Six callers with a 20 s window: two full batches of three (a full group runs at once, never after the window).
        Assert.Equal([1, 4, 9, 16, 25, 36], results);
        Assert.Equal([3, 3], queue.BatchSizes);
        Assert.Equal([1, 2, 3, 4, 5, 6], batches.SelectMany(b => b).Order());
    }

    [Fact]
    public void A_lone_caller_runs_after_the_window_and_keys_never_share_a_batch()
    {
        var batches = new List<int[]>();
        var queue = Queue(4, TimeSpan.FromMilliseconds(30), batches);
        Assert.Equal(49, queue.Run("a", 7));
        Assert.Equal(64, queue.Run("b", 8));
        Assert.Equal([1, 1], queue.BatchSizes);
    }

    [Fact]
    public void A_failing_job_fails_only_its_caller_and_a_throwing_batch_fails_every_member()
    {
        var batches = new List<int[]>();
        var queue = Queue(2, TimeSpan.FromSeconds(20), batches);
        int other = 0;
        Exception? failed = null;
        var t1 = new Thread(() => other = queue.Run("a", 5));
        var t2 = new Thread(() => failed = Record(() => queue.Run("a", -1)));
        t1.Start();
        t2.Start();
        t1.Join();
        t2.Join();
        Assert.Equal(25, other);
        Assert.Contains("job -1 of a failed", Assert.IsType<InvalidOperationException>(failed).Message, StringComparison.Ordinal);

        var broken = new DeviceBatchQueue<int, int>(2, TimeSpan.FromMilliseconds(10), (_, _) => throw new TimeoutException("device lost"));
        Assert.Equal("device lost", Assert.Throws<TimeoutException>(() => broken.Run("a", 1)).Message);
    }

    private static Exception? Record(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
