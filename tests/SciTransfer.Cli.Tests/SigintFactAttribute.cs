using System.Globalization;

namespace SciTransfer.Cli.Tests;

/// <summary>
/// A fact that sends SIGINT to a child run. Skipped, with the reason, when this test process ignores SIGINT: a
/// background job of a non-interactive shell (<c>cmd &amp;</c>) starts with SIGINT and SIGQUIT ignored, a child
/// inherits that across exec, and .NET (like any POSIX program) then never sees the signal, so the run would not
/// stop (found on 2026-12-06: the full suite started as <c>(bash -c '... .ci/run' &amp;)</c> failed this test after 120 s,
/// while it passes in 1 s from a foreground shell or under <c>timeout</c>, which restores the default).
/// </summary>
public sealed class SigintFactAttribute : FactAttribute
{
    public SigintFactAttribute()
    {
        if (SigintIgnored())
        {
            Skip = "needs SIGINT deliverable: this test process ignores SIGINT (started as a background job of a non-interactive shell); run the suite from a foreground shell";
        }
    }

    // /proc/self/status "SigIgn:" is a hex mask of ignored signals; SIGINT is signal 2, bit 1.
    private static bool SigintIgnored()
    {
        const string path = "/proc/self/status";
        if (!File.Exists(path))
        {
            return false;
        }

        foreach (string line in File.ReadLines(path))
        {
            if (line.StartsWith("SigIgn:", StringComparison.Ordinal))
            {
                ulong mask = ulong.Parse(line["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                return (mask & 0x2) != 0;
            }
        }

        return false;
    }
}
