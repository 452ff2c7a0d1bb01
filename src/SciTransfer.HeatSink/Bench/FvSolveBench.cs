using System.Diagnostics;
using System.Globalization;
using SciTransfer.HeatSink.Solver;
using SciTransfer.Transfer.Bench;

namespace SciTransfer.HeatSink.Bench;

/// <summary>Finite-volume reference solve of the default cell at several resolutions (sodium Biot number).</summary>
internal sealed class FvSolveBench : IBenchWorkload
{
    /// <inheritdoc/>
    public string Name => "heat-sink-fv-solve";

    /// <inheritdoc/>
    public string Description => "finite-volume solve of the fin/base cell (CG, Jacobi) at 16, 32, 64 cells per unit length";

    /// <inheritdoc/>
    public IReadOnlyList<string> OptionKeys { get; } = ["threads", "biot"];

    /// <inheritdoc/>
    public void Run(BenchArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        double biot = arguments.GetDouble("biot", 1.31);
        foreach (int c in new[] { 16, 32, 64 })
        {
            cancellationToken.ThrowIfCancellationRequested();
            HeatSinkSolver.Solve(new HeatSinkCase(HeatSinkGeometry.Default, biot), c);
            var sw = Stopwatch.StartNew();
            var r = HeatSinkSolver.Solve(new HeatSinkCase(HeatSinkGeometry.Default, biot), c);
            double ms = sw.Elapsed.TotalMilliseconds;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"heat_sink_fv_solve float64 threads=1 cells={r.Field.Grid.SolidCount} iterations={r.Field.Iterations} ms={ms:F2} peak_theta={r.PeakTheta:G6} fin_efficiency={r.FinEfficiency:G4}"));
        }
    }
}
