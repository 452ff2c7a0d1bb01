using System.Diagnostics;

namespace SciTransfer.Quantum.Bench;

/// <summary>
/// Median wall time of repeated runs, as the peer scripts measure it, after a warm-up of at least three
/// runs and half a second, so that tiered JIT compilation has finished before timing starts.
/// </summary>
internal static class BenchTiming
{
    public static double MedianMs(Action action, int reps, CancellationToken ct)
    {
        long warm = Stopwatch.GetTimestamp();
        for (int w = 0; w < 3 || Stopwatch.GetElapsedTime(warm).TotalSeconds < 0.5; w++)
        {
            action();
        }

        var times = new double[reps];
        for (int r = 0; r < reps; r++)
        {
            ct.ThrowIfCancellationRequested();
            long t0 = Stopwatch.GetTimestamp();
            action();
            times[r] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        }

        Array.Sort(times);
        return reps % 2 == 1 ? times[reps / 2] : 0.5 * (times[(reps / 2) - 1] + times[reps / 2]);
    }
}
