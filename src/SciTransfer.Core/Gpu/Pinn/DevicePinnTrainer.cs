using ILGPU;
using ILGPU.Runtime;
using SciTransfer.Core.Nn;

namespace SciTransfer.Core.Gpu.Pinn;

/// <summary>
/// A PINN trainer on an ILGPU accelerator: a dense MLP (tanh hidden layers, identity output of width 1) whose
/// parameters, Adam moments, per-point working values and gradients stay on the device across steps; the host
/// sends nothing per step and reads back one double (the loss) only when asked.
/// <para>
/// Loss: sum_p w_p r_p^2 over the points of a <see cref="PinnPointSet"/>, with r_p linear in u, grad u and
/// lap u at point p (Poisson residual, Dirichlet, Neumann and Robin boundaries, sensor data).
/// </para>
/// <para>
/// One step is four launches: (1) <see cref="PinnKernels.PointPass"/>, one thread per point: the forward-Laplacian
/// pass through the whole network (weights read from global memory, shared by every thread and so cached), the
/// residual, and the backward pass, leaving each layer's input state and pre-activation adjoint in a slot-major
/// scratch buffer; (2) <see cref="PinnKernels.ChunkSums"/>, one thread per (parameter, chunk of
/// <see cref="ChunkSize"/> points): that chunk's weight-gradient sum in point order; (3)
/// <see cref="PinnKernels.ReduceChunks"/>: the chunks summed in order; (4) <see cref="DeviceAdam.Step"/>. No float
/// atomics: the result is the same on every run and every device with IEEE double arithmetic (up to the
/// compiler's contraction of multiply-adds into FMAs, which can differ between back ends).
/// </para>
/// </summary>
public sealed class DevicePinnTrainer : IDisposable
{
    /// <summary>Points per partial sum of the weight gradients (a constant, so the order is the device's choice in nothing).</summary>
    public const int ChunkSize = 256;

    private readonly Accelerator _accelerator;
    private readonly PinnLayout _layout;
    private readonly MemoryBuffer1D<double, Stride1D.Dense> _weights;
    private readonly MemoryBuffer1D<double, Stride1D.Dense> _output;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _table;
    private readonly Action<Index1D, ArrayView<double>, ArrayView<int>, ArrayView<double>, ArrayView<double>, PinnDims> _pointPass;
    private readonly Action<Index2D, ArrayView<int>, ArrayView<double>, ArrayView<double>, PinnDims> _chunkSums;
    private readonly Action<Index1D, ArrayView<double>, ArrayView<double>, PinnDims> _reduce;
    private MemoryBuffer1D<double, Stride1D.Dense>? _scratch;
    private MemoryBuffer1D<double, Stride1D.Dense>? _coefficients;
    private MemoryBuffer1D<double, Stride1D.Dense>? _partial;
    private PinnDims _dims;

    /// <summary>
    /// Creates the trainer for an MLP of <paramref name="widths"/> [w_0, ..., w_L = 1] on points in
    /// <paramref name="dimensions"/> coordinates, with zero parameters and a fresh Adam.
    /// </summary>
    public DevicePinnTrainer(Accelerator accelerator, IReadOnlyList<int> widths, int dimensions, double learningRate = 1e-3,
        double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, double weightDecay = 0.0)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        _accelerator = accelerator;
        _layout = new PinnLayout(widths, dimensions);
        _weights = accelerator.Allocate1D<double>(_layout.ParameterCount);
        _weights.MemSetToZero();
        _output = accelerator.Allocate1D<double>(_layout.ParameterCount + 1);
        _table = accelerator.Allocate1D(_layout.Table);
        Optimizer = new DeviceAdam(accelerator, _layout.ParameterCount, learningRate, beta1, beta2, epsilon, weightDecay);
        _pointPass = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, ArrayView<int>, ArrayView<double>, ArrayView<double>, PinnDims>(PinnKernels.PointPass);
        _chunkSums = accelerator.LoadAutoGroupedStreamKernel<Index2D, ArrayView<int>, ArrayView<double>, ArrayView<double>, PinnDims>(PinnKernels.ChunkSums);
        _reduce = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, ArrayView<double>, PinnDims>(PinnKernels.ReduceChunks);
    }

    /// <summary>Parameters in the flat buffer (the order of <see cref="Mlp.Parameters"/>).</summary>
    public int ParameterCount => _layout.ParameterCount;

    /// <summary>Points of the current set (0 before <see cref="SetPoints"/>).</summary>
    public int PointCount => _dims.Points;

    /// <summary>The device Adam (learning rate, trainable mask).</summary>
    public DeviceAdam Optimizer { get; }

    /// <summary>The accelerator, as "Type name".</summary>
    public string Device => EngineDevices.Describe(_accelerator);

    /// <summary>Uploads the parameters, flat in the order of <see cref="Mlp.Parameters"/>.</summary>
    public void SetParameters(ReadOnlySpan<double> flat)
    {
        if (flat.Length != ParameterCount)
        {
            throw new ArgumentException($"device PINN: {flat.Length} parameters given, the network has {ParameterCount}", nameof(flat));
        }

        _weights.View.CopyFromCPU(flat.ToArray());
    }

    /// <summary>Uploads the values of <paramref name="parameters"/> (an <see cref="Mlp"/>'s, in its order).</summary>
    public void SetParameters(IReadOnlyList<Parameter> parameters) => SetParameters(Flatten(parameters));

    /// <summary>Downloads the parameters (flat).</summary>
    public double[] GetParameters() => _weights.GetAsArray1D();

    /// <summary>Writes the device parameters into <paramref name="parameters"/> (an <see cref="Mlp"/>'s, in its order).</summary>
    public void CopyParametersTo(IReadOnlyList<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        double[] flat = GetParameters();
        int at = 0;
        foreach (var p in parameters)
        {
            flat.AsSpan(at, p.Value.Length).CopyTo(p.Value.Span);
            at += p.Value.Length;
        }

        if (at != ParameterCount)
        {
            throw new ArgumentException($"device PINN: the parameters hold {at} values, the network has {ParameterCount}", nameof(parameters));
        }
    }

    /// <summary>Uploads a point set (its input states and residual coefficients); they stay until the next call.</summary>
    public void SetPoints(PinnPointSet points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Features != _layout.Widths[0] || points.Dimensions != _layout.Dimensions)
        {
            throw new ArgumentException($"device PINN: points of {points.Features} features in {points.Dimensions} dimensions for a network of {_layout.Widths[0]} inputs in {_layout.Dimensions}", nameof(points));
        }

        int n = points.Count;
        int chunks = (n + ChunkSize - 1) / ChunkSize;
        if (n != _dims.Points)
        {
            _scratch?.Dispose();
            _coefficients?.Dispose();
            _partial?.Dispose();
            _scratch = _accelerator.Allocate1D<double>((long)_layout.SlotsPerPoint * n);
            _coefficients = _accelerator.Allocate1D<double>(points.Coefficients.Length);
            _partial = _accelerator.Allocate1D<double>((long)chunks * (ParameterCount + 1));
        }

        // S_0 occupies the first (d + 2) F slots in the same slot-major order as PinnPointSet.State.
        _scratch!.View.SubView(0, points.State.Length).CopyFromCPU(points.State);
        _coefficients!.View.CopyFromCPU(points.Coefficients);
        _dims = new PinnDims(n, _layout.Blocks, _layout.Layers, ParameterCount, _layout.LossSlot, ChunkSize, chunks);
    }

    /// <summary>Computes the loss and its gradient on the device (asynchronous; read them with <see cref="Loss"/> and <see cref="GetGradients"/>).</summary>
    public void ComputeGradients()
    {
        if (_dims.Points == 0)
        {
            throw new InvalidOperationException("device PINN: no points; call SetPoints first");
        }

        _pointPass(_dims.Points, _weights.View, _table.View, _scratch!.View, _coefficients!.View, _dims);
        _chunkSums(new Index2D(ParameterCount + 1, _dims.Chunks), _table.View, _scratch.View, _partial!.View, _dims);
        _reduce(ParameterCount + 1, _partial.View, _output.View, _dims);
    }

    /// <summary>The loss of the last <see cref="ComputeGradients"/> (waits for the device).</summary>
    public double Loss()
    {
        var one = new double[1];
        _output.View.SubView(ParameterCount, 1).CopyToCPU(one);
        return one[0];
    }

    /// <summary>The gradient of the last <see cref="ComputeGradients"/>, flat (waits for the device).</summary>
    public double[] GetGradients()
    {
        var g = new double[ParameterCount];
        _output.View.SubView(0, ParameterCount).CopyToCPU(g);
        return g;
    }

    /// <summary>One Adam step on the loss; returns the loss before the update (read back only when <paramref name="readLoss"/>, else NaN).</summary>
    public double Step(bool readLoss = true)
    {
        ComputeGradients();
        Optimizer.Step(_weights.View, _output.View.SubView(0, ParameterCount));
        return readLoss ? Loss() : double.NaN;
    }

    /// <summary>Waits until every queued launch has finished (for timing).</summary>
    public void Synchronize() => _accelerator.Synchronize();

    /// <inheritdoc />
    public void Dispose()
    {
        Optimizer.Dispose();
        _weights.Dispose();
        _output.Dispose();
        _table.Dispose();
        _scratch?.Dispose();
        _coefficients?.Dispose();
        _partial?.Dispose();
    }

    private static double[] Flatten(IReadOnlyList<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var flat = new List<double>();
        foreach (var p in parameters)
        {
            flat.AddRange(p.Value.Span.ToArray());
        }

        return [.. flat];
    }
}
