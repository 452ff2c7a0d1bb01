using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using SciTransfer.Core.Kernels;
using SciTransfer.Core.Random;

namespace SciTransfer.Benchmarks;

/// <summary>
/// <see cref="Gemm.Multiply"/> at the shapes the engine's models run, written "MxNxK" for
/// C[M, N] = A[M, K] B[K, N] (suffix "tA": A stored [K, M] and read transposed, the weight-gradient
/// product X^T dZ):
/// 40000x50x50 is a hidden layer of the forward-Laplacian PINN step (stacked state of 4 x 10,000 rows);
/// 50x50x40000tA is its weight gradient; 64x256x74 is the LSTM step's gate product [x_t, h_t] W
/// (batch 64, 10 + 64 inputs, 4 x 64 gates); 256x256x256 is a square reference.
/// Flops per call: 2 M N K, shown as the GFLOP/s column (<see cref="GflopsColumn"/>).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(GemmBenchmarks.Columns))]
public class GemmBenchmarks
{
    private double[] _a = [];
    private double[] _b = [];
    private double[] _c = [];
    private int _m;
    private int _n;
    private int _k;
    private bool _transA;

    /// <summary>"MxNxK", optionally followed by "tA" (A transposed).</summary>
    [Params("40000x50x50", "50x50x40000tA", "64x256x74", "256x256x256")]
    public string Shape { get; set; } = "256x256x256";

    /// <summary>Threads splitting the rows of C (results are identical for any count).</summary>
    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    /// <summary>Allocates and fills the operands (seed 1).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _transA = Shape.EndsWith("tA", StringComparison.Ordinal);
        string[] dims = Shape.Replace("tA", "", StringComparison.Ordinal).Split('x');
        _m = int.Parse(dims[0], CultureInfo.InvariantCulture);
        _n = int.Parse(dims[1], CultureInfo.InvariantCulture);
        _k = int.Parse(dims[2], CultureInfo.InvariantCulture);
        _a = new double[_m * _k];
        _b = new double[_k * _n];
        _c = new double[_m * _n];
        var rng = new Rng(1);
        rng.FillNormal(_a);
        rng.FillNormal(_b);
    }

    /// <summary>C = op(A) B (overwrite).</summary>
    [Benchmark]
    public void Multiply() =>
        Gemm.Multiply(_a, _transA ? _m : _k, _transA, _b, _n, false, _c, _n, _m, _n, _k, accumulate: false, Threads);

    /// <summary>Adds the GFLOP/s column to this class's summary.</summary>
    public sealed class Columns : ManualConfig
    {
        /// <summary>The column set.</summary>
        public Columns() => AddColumn(new GflopsColumn());
    }
}
