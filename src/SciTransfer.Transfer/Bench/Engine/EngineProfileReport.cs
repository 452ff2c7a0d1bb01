using System.Globalization;
using SciTransfer.Core.Diagnostics;

namespace SciTransfer.Transfer.Bench.Engine;

/// <summary>
/// <c>--profile STEPS</c> of lstm-step and pinn-step: times STEPS more steps with
/// <see cref="EngineProfile"/> on and prints where a step's time goes (forward, backward and Adam
/// sections, the engine phases inside them with their GFLOP/s, what is left for the other ops and
/// the tape) and the bytes allocated per step. Lines start with "# " so the peers' line form stays
/// the only other output.
/// </summary>
internal static class EngineProfileReport
{
    /// <summary>One engine phase of a section and its floating-point operations per step (0 = not a product).</summary>
    public readonly record struct PhaseRow(EnginePhase Phase, int Section, double FlopsPerStep);

    private static readonly string[] SectionNames = ["forward", "backward", "adam"];

    /// <summary>Runs <paramref name="steps"/> profiled steps (after 3 unprofiled ones) and prints the table.</summary>
    public static void Run(string workload, Func<Span<long>, double> step, int steps, IReadOnlyList<PhaseRow> phases, TextWriter output, CancellationToken ct)
    {
        var sections = new long[3];
        for (int i = 0; i < 3; i++)
        {
            step(default);
        }

        EngineProfile.Clear();
        EngineProfile.Enabled = true;
        long bytes0 = GC.GetAllocatedBytesForCurrentThread();
        int gc0 = GC.CollectionCount(0);
        try
        {
            for (int i = 0; i < steps; i++)
            {
                ct.ThrowIfCancellationRequested();
                step(sections);
            }
        }
        finally
        {
            EngineProfile.Enabled = false;
        }

        double bytesPerStep = (double)(GC.GetAllocatedBytesForCurrentThread() - bytes0) / steps;
        int gcs = GC.CollectionCount(0) - gc0;
        double total = 0;
        var sectionMs = new double[3];
        for (int s = 0; s < 3; s++)
        {
            sectionMs[s] = sections[s] * 1e-6 / steps;
            total += sectionMs[s];
        }

        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv, $"# profile {workload}: {steps} steps, {total:F3} ms/step ({(EngineProfile.ThreadCpuClock ? "thread CPU time" : "wall time")}), {bytesPerStep / 1024:F1} KiB allocated/step, {gcs} gen-0 GCs"));
        output.WriteLine("# section / phase                 ms/step   share  GFLOP/s");
        for (int s = 0; s < 3; s++)
        {
            output.WriteLine(string.Create(inv, $"# {SectionNames[s],-32} {sectionMs[s],8:F3} {100 * sectionMs[s] / total,6:F1}%"));
            double inner = 0;
            foreach (var p in phases.Where(p => p.Section == s))
            {
                double ms = EngineProfile.Milliseconds(p.Phase) / steps;
                inner += ms;
                string gf = p.FlopsPerStep > 0 ? string.Create(inv, $"{p.FlopsPerStep / (ms * 1e6),8:F1}") : string.Empty;
                output.WriteLine(string.Create(inv, $"#   {p.Phase,-30} {ms,8:F3} {100 * ms / total,6:F1}% {gf}"));
            }

            if (phases.Any(p => p.Section == s))
            {
                double rest = sectionMs[s] - inner;
                output.WriteLine(string.Create(inv, $"#   {"(other ops, tape)",-30} {rest,8:F3} {100 * rest / total,6:F1}%"));
            }
        }
    }
}
