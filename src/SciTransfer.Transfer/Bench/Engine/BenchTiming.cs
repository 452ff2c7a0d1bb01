using System.Diagnostics;

namespace SciTransfer.Transfer.Bench.Engine;

/// <summary>Timing the way the peer scripts do it: warm-up calls, then the median of timed calls.</summary>
internal static class BenchTiming
{
    /// <summary>
    /// Median milliseconds of <paramref name="reps"/> calls after at least <paramref name="warmup"/>
    /// untimed ones and at least 0.5 s of them: .NET compiles hot methods in tiers and promotes them
    /// only after a quiet period, so a few warm-up calls of a ~10 ms step would time tier-0 code
    /// (about 30 % slower for lstm-step), which the peers' precompiled kernels never run.
    /// </summary>
    public static double MedianMs(Action step, int warmup, int reps, CancellationToken ct)
    {
        long warmStart = Stopwatch.GetTimestamp();
        for (int i = 0; i < warmup || Stopwatch.GetElapsedTime(warmStart).TotalSeconds < 0.5; i++)
        {
            ct.ThrowIfCancellationRequested();
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

        return Median(times);
    }

    /// <summary>
    /// Median wall milliseconds of <paramref name="first"/> and of <paramref name="second"/> timed alternately (one
    /// of each per round, <paramref name="reps"/> rounds after <paramref name="warmup"/> untimed rounds), so a load that
    /// changes during the run weighs on both alike.
    /// </summary>
    public static (double First, double Second) AlternatingMedianMs(Action first, Action second, int warmup, int reps, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentOutOfRangeException.ThrowIfLessThan(reps, 1);
        for (int i = 0; i < warmup; i++)
        {
            ct.ThrowIfCancellationRequested();
            first();
            second();
        }

        var a = new double[reps];
        var b = new double[reps];
        for (int i = 0; i < reps; i++)
        {
            ct.ThrowIfCancellationRequested();
            long t0 = Stopwatch.GetTimestamp();
            first();
            a[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            t0 = Stopwatch.GetTimestamp();
            second();
            b[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        }

        return (Median(a), Median(b));
    }

    private static double Median(double[] times)
    {
        Array.Sort(times);
        int n = times.Length;
        return n % 2 == 1 ? times[n / 2] : 0.5 * (times[(n / 2) - 1] + times[n / 2]);
    }
}
