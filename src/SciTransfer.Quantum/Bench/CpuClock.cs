using System.Runtime.InteropServices;

namespace SciTransfer.Quantum.Bench;

/// <summary>
/// CPU time consumed by this process (all its threads), in milliseconds, from clock_gettime(CLOCK_PROCESS_CPUTIME_ID)
/// on Linux. On a machine loaded by other processes, wall time includes the time this process waited for a core;
/// CPU time does not, so ratios between wires measured in CPU time are not skewed by who else ran meanwhile
/// (memory-bandwidth contention still shows). Null where the clock is unavailable (then only wall time is reported).
/// </summary>
internal static partial class CpuClock
{
    private const int ClockProcessCpuTimeId = 2;

    /// <summary>True when <see cref="NowMs"/> works on this platform.</summary>
    public static bool IsAvailable { get; } = OperatingSystem.IsLinux() && Probe();

    /// <summary>Process CPU time in milliseconds (0 where unavailable).</summary>
    public static double NowMs()
    {
        if (!IsAvailable || ClockGetTime(ClockProcessCpuTimeId, out var ts) != 0)
        {
            return 0;
        }

        return (ts.Seconds * 1e3) + (ts.Nanoseconds * 1e-6);
    }

    private static bool Probe()
    {
        try
        {
            return ClockGetTime(ClockProcessCpuTimeId, out _) == 0;
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
