using BenchmarkDotNet.Attributes;
using SciTransfer.HeatSink;
using SciTransfer.HeatSink.Solver;

namespace SciTransfer.Benchmarks;

/// <summary>
/// The heat-sink finite-volume reference solve (<see cref="HeatSinkSolver.Solve"/>): steady conduction in
/// the default fin/base symmetry cell (half pitch 1, base 0.5, fin half thickness 0.25, fin height 2;
/// dimensionless) with a Robin (Biot) wetted boundary, conjugate gradients to relative residual 1e-12.
/// Includes building the grid and matrix, as each problem instance does. The heat-sink problem uses
/// 16 cells per unit (8 in --quick runs).
/// </summary>
[MemoryDiagnoser]
public class HeatSinkSolveBenchmarks
{
    private HeatSinkCase _case = null!;

    /// <summary>Grid resolution in cells per unit length (the cell is 1 wide and 2.5 high: 16 -> 16 x 40 cells).</summary>
    [Params(8, 16, 32)]
    public int CellsPerUnit { get; set; } = 16;

    /// <summary>Biot number of the wetted faces.</summary>
    [Params(1.0)]
    public double Biot { get; set; } = 1.0;

    /// <summary>Builds the case.</summary>
    [GlobalSetup]
    public void Setup() => _case = new HeatSinkCase(HeatSinkGeometry.Default, Biot);

    /// <summary>Builds the grid and solves it; returns the result (peak temperature, fin efficiency...).</summary>
    [Benchmark]
    public ThermalResult Solve() => HeatSinkSolver.Solve(_case, CellsPerUnit);
}
