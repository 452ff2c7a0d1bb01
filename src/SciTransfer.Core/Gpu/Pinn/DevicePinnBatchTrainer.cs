using ILGPU;
using ILGPU.Runtime;
using SciTransfer.Core.Nn;

namespace SciTransfer.Core.Gpu.Pinn;

/// <summary>
/// K independent PINN models of one architecture trained together on an ILGPU accelerator ("many cells at once",
/// issue 20): each model has its own parameters, Adam moments and step count, learning rate, trainable mask and point
/// set (point counts may differ), and one step is the four launches of <see cref="DevicePinnTrainer"/>, each covering
/// every model (the model is part of the kernel's index space), so K small models fill a GPU that one would leave
/// mostly idle. A model can be stopped (<see cref="Stop"/>: early stopping, or its own step limit reached); its
/// threads return at once and its state stays as it was while the others go on.
/// <para>
/// Each model's arithmetic is the single trainer's, run on sub-views of the batch's buffers (<see cref="PinnBatchKernels"/>),
/// so model k here equals a <see cref="DevicePinnTrainer"/> given the same parameters, points and steps (bit for bit
/// on the CPU accelerator; on a GPU both are the same source compiled into two kernels, which the back end may contract
/// into FMAs differently).
/// </para>
/// <para>
/// Buffers: weights and gradients [K P] (model k at k P), losses [K], scratch [SlotsPerPoint sum_k N_k] (model k's
/// block at SlotsPerPoint o_k with its own N_k, o_k = sum_{j &lt; k} N_j), coefficients likewise [(d + 4) sum N],
/// partial sums [(sum_k C_k)(P + 1)] with C_k = ceil(N_k / <see cref="DevicePinnTrainer.ChunkSize"/>).
/// </para>
/// </summary>
public sealed class DevicePinnBatchTrainer : IDisposable
{
    private readonly Accelerator _accelerator;
    private readonly PinnLayout _layout;
    private readonly MemoryBuffer1D<double, Stride1D.Dense> _weights;
    private readonly MemoryBuffer1D<double, Stride1D.Dense> _gradients;
    private readonly MemoryBuffer1D<double, Stride1D.Dense> _losses;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _table;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _active;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _pointOffsets;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _chunkOffsets;
    private readonly Action<Index1D, ArrayView<double>, ArrayView<int>, ArrayView<double>, ArrayView<double>, ArrayView<int>, ArrayView<int>, PinnBatchDims> _pointPass;
    private readonly Action<Index2D, ArrayView<int>, ArrayView<double>, ArrayView<double>, ArrayView<int>, ArrayView<int>, ArrayView<int>, PinnBatchDims> _chunkSums;
    private readonly Action<Index2D, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<int>, ArrayView<int>, PinnBatchDims> _reduce;
    private readonly PinnPointSet?[] _sets;
    private readonly bool[] _activeHost;
    private readonly int[] _pointStart;
    private readonly PinnBatchDims _dims;
    private MemoryBuffer1D<double, Stride1D.Dense>? _scratch;
    private MemoryBuffer1D<double, Stride1D.Dense>? _coefficients;
    private MemoryBuffer1D<double, Stride1D.Dense>? _partial;
    private int _totalPoints;
    private int _totalChunks;
    private bool _activeDirty = true;

    // Per-model calls (Stop, SetPoints(k), parameter copies) may come from several threads at once (the host work of
    // a batch of cells runs in parallel); the ones that change the layout or the flags take this lock.
    private readonly object _hostGate = new();

    /// <summary>
    /// Creates <paramref name="models"/> MLPs of <paramref name="widths"/> [w_0, ..., w_L = 1] on points in
    /// <paramref name="dimensions"/> coordinates, all active, with zero parameters and fresh Adam states of the given
    /// hyperparameters (the learning rate per model can change later: <see cref="Optimizer"/>).
    /// </summary>
    public DevicePinnBatchTrainer(Accelerator accelerator, IReadOnlyList<int> widths, int dimensions, int models, double learningRate = 1e-3,
        double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, double weightDecay = 0.0)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(models);
        _accelerator = accelerator;
        _layout = new PinnLayout(widths, dimensions);
        Models = models;
        int p = _layout.ParameterCount;
        _weights = accelerator.Allocate1D<double>((long)models * p);
        _weights.MemSetToZero();
        _gradients = accelerator.Allocate1D<double>((long)models * p);
        _gradients.MemSetToZero();
        _losses = accelerator.Allocate1D<double>(models);
        _losses.MemSetToZero();
        _table = accelerator.Allocate1D(_layout.Table);
        _active = accelerator.Allocate1D<int>(models);
        _pointOffsets = accelerator.Allocate1D<int>(models + 1);
        _chunkOffsets = accelerator.Allocate1D<int>(models + 1);
        _sets = new PinnPointSet?[models];
        _activeHost = [.. Enumerable.Repeat(true, models)];
        _pointStart = new int[models + 1];
        _dims = new PinnBatchDims(models, _layout.Blocks, _layout.Layers, p, _layout.LossSlot, _layout.SlotsPerPoint, dimensions + 4, DevicePinnTrainer.ChunkSize);
        Optimizer = new DeviceAdamBatch(accelerator, models, p, learningRate, beta1, beta2, epsilon, weightDecay);
        _pointPass = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, ArrayView<int>, ArrayView<double>, ArrayView<double>, ArrayView<int>, ArrayView<int>, PinnBatchDims>(PinnBatchKernels.PointPass);
        _chunkSums = accelerator.LoadAutoGroupedStreamKernel<Index2D, ArrayView<int>, ArrayView<double>, ArrayView<double>, ArrayView<int>, ArrayView<int>, ArrayView<int>, PinnBatchDims>(PinnBatchKernels.ChunkSums);
        _reduce = accelerator.LoadAutoGroupedStreamKernel<Index2D, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<int>, ArrayView<int>, PinnBatchDims>(PinnBatchKernels.ReduceChunks);
    }

    /// <summary>Models K.</summary>
    public int Models { get; }

    /// <summary>Parameters per model P (the order of <see cref="Mlp.Parameters"/>).</summary>
    public int ParameterCount => _layout.ParameterCount;

    /// <summary>The batched Adam (per-model learning rate, mask, step count).</summary>
    public DeviceAdamBatch Optimizer { get; }

    /// <summary>The accelerator, as "Type name".</summary>
    public string Device => EngineDevices.Describe(_accelerator);

    /// <summary>Points of model <paramref name="k"/>'s set (0 before <see cref="SetPoints(int, PinnPointSet)"/>).</summary>
    public int PointCount(int k) => _sets[Check(k)]?.Count ?? 0;

    /// <summary>True while model <paramref name="k"/> takes steps (until <see cref="Stop"/>).</summary>
    public bool IsActive(int k) => _activeHost[Check(k)];

    /// <summary>Models still active.</summary>
    public int ActiveCount => _activeHost.Count(a => a);

    /// <summary>
    /// Stops model <paramref name="k"/> for good (early stopping or its step limit): later steps skip it, its parameters,
    /// moments and last loss stay as they are.
    /// </summary>
    public void Stop(int k)
    {
        lock (_hostGate)
        {
            if (_activeHost[Check(k)])
            {
                _activeHost[k] = false;
                _activeDirty = true;
            }
        }
    }

    /// <summary>Uploads model <paramref name="k"/>'s parameters, flat in the order of <see cref="Mlp.Parameters"/>.</summary>
    public void SetParameters(int k, ReadOnlySpan<double> flat)
    {
        if (flat.Length != ParameterCount)
        {
            throw new ArgumentException($"device PINN batch: {flat.Length} parameters given, the network has {ParameterCount}", nameof(flat));
        }

        WeightsOf(Check(k)).CopyFromCPU(flat.ToArray());
    }

    /// <summary>Uploads the values of <paramref name="parameters"/> (an <see cref="Mlp"/>'s, in its order) as model <paramref name="k"/>'s.</summary>
    public void SetParameters(int k, IReadOnlyList<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        SetParameters(k, parameters.SelectMany(p => p.Value.Span.ToArray()).ToArray());
    }

    /// <summary>Downloads model <paramref name="k"/>'s parameters (flat).</summary>
    public double[] GetParameters(int k)
    {
        var flat = new double[ParameterCount];
        WeightsOf(Check(k)).CopyToCPU(flat);
        return flat;
    }

    /// <summary>Writes model <paramref name="k"/>'s device parameters into <paramref name="parameters"/> (an <see cref="Mlp"/>'s, in its order).</summary>
    public void CopyParametersTo(int k, IReadOnlyList<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        int held = parameters.Sum(p => p.Value.Length);
        if (held != ParameterCount)
        {
            throw new ArgumentException($"device PINN batch: the parameters hold {held} values, the network has {ParameterCount}", nameof(parameters));
        }

        double[] flat = GetParameters(k);
        int at = 0;
        foreach (var p in parameters)
        {
            flat.AsSpan(at, p.Value.Length).CopyTo(p.Value.Span);
            at += p.Value.Length;
        }
    }

    /// <summary>
    /// Sets every model's point set at once (<paramref name="sets"/>[k] for model k) and lays the batch out once.
    /// </summary>
    public void SetPoints(IReadOnlyList<PinnPointSet> sets)
    {
        ArgumentNullException.ThrowIfNull(sets);
        if (sets.Count != Models)
        {
            throw new ArgumentException($"device PINN batch: {sets.Count} point sets for {Models} models", nameof(sets));
        }

        for (int k = 0; k < Models; k++)
        {
            _sets[k] = Validate(sets[k]);
        }

        Layout();
    }

    /// <summary>
    /// Sets model <paramref name="k"/>'s point set (fresh or resampled points): uploaded in place when it has as many
    /// points as the one it replaces, else the whole batch is laid out again (every set re-uploaded; parameters and
    /// Adam state are untouched). Until every model has a set, nothing is uploaded.
    /// </summary>
    public void SetPoints(int k, PinnPointSet set)
    {
        lock (_hostGate)
        {
            var old = _sets[Check(k)];
            _sets[k] = Validate(set);
            if (_sets.Any(s => s is null))
            {
                return;
            }

            if (old is not null && old.Count == set.Count && _scratch is not null)
            {
                Upload(k);
            }
            else
            {
                Layout();
            }
        }
    }

    /// <summary>Computes every active model's loss and gradient on the device (asynchronous).</summary>
    public void ComputeGradients()
    {
        if (_scratch is null)
        {
            throw new InvalidOperationException("device PINN batch: not every model has points; call SetPoints first");
        }

        lock (_hostGate)
        {
            if (_activeDirty)
            {
                _active.View.CopyFromCPU(_activeHost.Select(a => a ? 1 : 0).ToArray());
                _activeDirty = false;
            }
        }

        _pointPass(_totalPoints, _weights.View, _table.View, _scratch.View, _coefficients!.View, _pointOffsets.View, _active.View, _dims);
        _chunkSums(new Index2D(ParameterCount + 1, _totalChunks), _table.View, _scratch.View, _partial!.View, _pointOffsets.View, _chunkOffsets.View, _active.View, _dims);
        _reduce(new Index2D(ParameterCount + 1, Models), _partial.View, _gradients.View, _losses.View, _chunkOffsets.View, _active.View, _dims);
    }

    /// <summary>Every model's loss of the last <see cref="ComputeGradients"/> (waits for the device); NaN for a stopped model.</summary>
    public double[] Losses()
    {
        double[] losses = _losses.GetAsArray1D();
        for (int k = 0; k < Models; k++)
        {
            if (!_activeHost[k])
            {
                losses[k] = double.NaN;
            }
        }

        return losses;
    }

    /// <summary>Model <paramref name="k"/>'s gradient of the last <see cref="ComputeGradients"/>, flat (waits for the device).</summary>
    public double[] GetGradients(int k)
    {
        var g = new double[ParameterCount];
        _gradients.View.SubView((long)Check(k) * ParameterCount, ParameterCount).CopyToCPU(g);
        return g;
    }

    /// <summary>
    /// One Adam step of every active model; returns the losses before the update (read back only when
    /// <paramref name="readLoss"/>, else null; NaN for a stopped model).
    /// </summary>
    public double[]? Step(bool readLoss = true)
    {
        if (ActiveCount == 0)
        {
            return readLoss ? [.. Enumerable.Repeat(double.NaN, Models)] : null;
        }

        ComputeGradients();
        Optimizer.Step(_weights.View, _gradients.View, _active.View, _activeHost);
        return readLoss ? Losses() : null;
    }

    /// <summary>Waits until every queued launch has finished (for timing).</summary>
    public void Synchronize() => _accelerator.Synchronize();

    /// <inheritdoc />
    public void Dispose()
    {
        Optimizer.Dispose();
        _weights.Dispose();
        _gradients.Dispose();
        _losses.Dispose();
        _table.Dispose();
        _active.Dispose();
        _pointOffsets.Dispose();
        _chunkOffsets.Dispose();
        _scratch?.Dispose();
        _coefficients?.Dispose();
        _partial?.Dispose();
    }

    private int Check(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(k, Models);
        return k;
    }

    private ArrayView<double> WeightsOf(int k) => _weights.View.SubView((long)k * ParameterCount, ParameterCount);

    private PinnPointSet Validate(PinnPointSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (set.Features != _layout.Widths[0] || set.Dimensions != _layout.Dimensions)
        {
            throw new ArgumentException($"device PINN batch: points of {set.Features} features in {set.Dimensions} dimensions for a network of {_layout.Widths[0]} inputs in {_layout.Dimensions}", nameof(set));
        }

        return set;
    }

    // Offsets from the current sets, buffers sized to them, every set uploaded.
    private void Layout()
    {
        var chunkStart = new int[Models + 1];
        for (int k = 0; k < Models; k++)
        {
            int n = _sets[k]!.Count;
            _pointStart[k + 1] = checked(_pointStart[k] + n);
            chunkStart[k + 1] = chunkStart[k] + ((n + DevicePinnTrainer.ChunkSize - 1) / DevicePinnTrainer.ChunkSize);
        }

        _totalPoints = _pointStart[Models];
        _totalChunks = chunkStart[Models];
        _scratch?.Dispose();
        _coefficients?.Dispose();
        _partial?.Dispose();
        _scratch = _accelerator.Allocate1D<double>((long)_layout.SlotsPerPoint * _totalPoints);
        _coefficients = _accelerator.Allocate1D<double>((long)_dims.CoefficientRows * _totalPoints);
        _partial = _accelerator.Allocate1D<double>((long)_totalChunks * (ParameterCount + 1));
        _pointOffsets.View.CopyFromCPU(_pointStart);
        _chunkOffsets.View.CopyFromCPU(chunkStart);
        for (int k = 0; k < Models; k++)
        {
            Upload(k);
        }
    }

    // Model k's input states into the first slots of its scratch block, its coefficients into its block.
    private void Upload(int k)
    {
        var set = _sets[k]!;
        long start = _pointStart[k];
        _scratch!.View.SubView(start * _layout.SlotsPerPoint, set.State.Length).CopyFromCPU(set.State);
        _coefficients!.View.SubView(start * _dims.CoefficientRows, set.Coefficients.Length).CopyFromCPU(set.Coefficients);
    }
}
