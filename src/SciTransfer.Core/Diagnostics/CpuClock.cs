using System.Runtime.InteropServices;

namespace SciTransfer.Core.Diagnostics;

/// <summary>
/// CPU time from clock_gettime on Linux: the whole process's (CLOCK_PROCESS_CPUTIME_ID) or the calling thread's
/// (CLOCK_THREAD_CPUTIME_ID). On a machine loaded by other processes, wall time includes the time spent waiting for
/// a core; CPU time does not, so ratios measured in CPU time are not skewed by who else ran meanwhile (memory
/// bandwidth contention still shows). Used by the engine profile and the quantum wire benchmark.
/// </summary>
public static partial class CpuClock
{
    private const int ProcessCpuTimeId = 2;
    private const int ThreadCpuTimeId = 3;

    /// <summary>True when <see cref="ProcessNowMs"/> and <see cref="TryThreadNs"/> work on this platform.</summary>
    public static bool IsAvailable { get; } = OperatingSystem.IsLinux() && TryRead(ProcessCpuTimeId, out _);

    /// <summary>Process CPU time in milliseconds (0 where unavailable).</summary>
    public static double ProcessNowMs() => IsAvailable && TryRead(ProcessCpuTimeId, out long ns) ? ns * 1e-6 : 0;

    /// <summary>The calling thread's CPU time in nanoseconds; false where unavailable.</summary>
    public static bool TryThreadNs(out long nanoseconds)
    {
        nanoseconds = 0;
        return IsAvailable && TryRead(ThreadCpuTimeId, out nanoseconds);
    }

    private static bool TryRead(int clockId, out long nanoseconds)
    {
        nanoseconds = 0;
        try
        {
            if (ClockGetTime(clockId, out var ts) != 0)
            {
                return false;
            }

            nanoseconds = (ts.Seconds * 1_000_000_000L) + ts.Nanoseconds;
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clockId, out TimeSpec value);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
