using System.Diagnostics;

namespace SciTransfer.Transfer.Bench.Engine;

/// <summary>Timing the way the peer scripts do it: warm-up calls, then the median of timed calls.</summary>
internal static class BenchTiming
{
    /// <summary>Median milliseconds of <paramref name="reps"/> calls after <paramref name="warmup"/> untimed ones.</summary>
    public static double MedianMs(Action step, int warmup, int reps, CancellationToken ct)
    {
        for (int i = 0; i < warmup; i++)
        {
            step();
        }

        var times = new double[reps];
        for (int i = 0; i < reps; i++)
        {
            ct.ThrowIfCancellationRequested();
            long t0 = Stopwatch.GetTimestamp();
            step();
            times[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        }

        Array.Sort(times);
        return reps % 2 == 1 ? times[reps / 2] : 0.5 * (times[(reps / 2) - 1] + times[reps / 2]);
    }
}
