using System.Diagnostics;
using ILGPU;
using ILGPU.Runtime;
using SciTransfer.Core.Gpu;
using SciTransfer.Quantum.Simulation;

namespace SciTransfer.Quantum.Backends.Ilgpu;

/// <summary>
/// GPU backend on ILGPU (Cuda, OpenCL, or ILGPU's CPU accelerator for tests). Up to
/// <see cref="MaxSharedQubits"/> qubits a batch runs as ONE launch, one group per sample with the state in
/// shared memory: the whole circuit, the observable and the adjoint sweep. Larger states run in device
/// memory: runs of gates on the low wires are fused into one pass per tile of 2^k amplitudes in shared
/// memory, other gates take one launch each over every sample; adjoint gradients use per-gate launches and
/// per-sample reductions. Gradient terms are summed over samples on the device in a fixed order. Calls are
/// serialised with a lock (one stream).
/// </summary>
public sealed class IlgpuBackend : QuantumBackend
{
    /// <summary>Largest tile (and shared-memory batch) in qubits: two 2^10-amplitude states take 32 KiB.</summary>
    public const int SharedQubitLimit = 10;

    private const long MaxChunkAmplitudes = 1L << 30;

    private readonly Context _context;
    private readonly Accelerator _acc;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, MemoryBuffer1D<double, Stride1D.Dense>> _buffers = [];
    private MemoryBuffer1D<int, Stride1D.Dense>? _opsBuffer;

    private readonly Action<KernelConfig, ArrayView<int>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, IlgpuKernelArgs> _batch;
    private readonly Action<KernelConfig, ArrayView<int>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, IlgpuKernelArgs> _tile;
    private readonly Action<Index1D, ArrayView<int>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, IlgpuKernelArgs> _gate;
    private readonly Action<KernelConfig, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, IlgpuKernelArgs> _expect;
    private readonly Action<KernelConfig, ArrayView<int>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, IlgpuKernelArgs> _element;
    private readonly Action<KernelConfig, ArrayView<double>, ArrayView<double>, IlgpuKernelArgs> _reduce;
    private readonly Action<Index1D, ArrayView<double>, long> _zero;

    private IlgpuBackend(Context context, Accelerator accelerator, IlgpuDeviceKind kind, int threads)
        : base(threads)
    {
        _context = context;
        _acc = accelerator;
        Kind = kind;
        _batch = _acc.LoadStreamKernel<ArrayView<int>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, IlgpuKernelArgs>(IlgpuKernels.Batch);
        _tile = _acc.LoadStreamKernel<ArrayView<int>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, IlgpuKernelArgs>(IlgpuKernels.Tile);
        _gate = _acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<int>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, IlgpuKernelArgs>(IlgpuKernels.Gate);
        _expect = _acc.LoadStreamKernel<ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, IlgpuKernelArgs>(IlgpuKernels.Expect);
        _element = _acc.LoadStreamKernel<ArrayView<int>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, IlgpuKernelArgs>(IlgpuKernels.Element);
        _reduce = _acc.LoadStreamKernel<ArrayView<double>, ArrayView<double>, IlgpuKernelArgs>(IlgpuKernels.ReduceOccurrences);
        _zero = _acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, long>(IlgpuKernels.SetZeroStates);
        int maxGroup = _acc.MaxNumThreadsPerGroup;
        int wanted = kind == IlgpuDeviceKind.Cpu ? 4 : 128;
        if (int.TryParse(Environment.GetEnvironmentVariable("SCITRANSFER_GPU_GROUP"), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int env) && env > 0)
        {
            wanted = env;
        }

        GroupSize = FloorPow2(Math.Min(wanted, maxGroup));
        ReduceGroupSize = FloorPow2(Math.Min(kind == IlgpuDeviceKind.Cpu ? 4 : 256, maxGroup));
        int n = 1;
        while (n < SharedQubitLimit && ((2L * (2L << (n + 1))) + GroupSize) * sizeof(double) <= _acc.MaxSharedMemoryPerGroup)
        {
            n++;
        }

        MaxSharedQubits = n;
        TileQubits = n;
    }

    /// <summary>The accelerator kind asked for.</summary>
    public IlgpuDeviceKind Kind { get; }

    /// <inheritdoc/>
    public override string Name => Kind switch
    {
        IlgpuDeviceKind.Cpu => "ilgpu-cpu",
        IlgpuDeviceKind.OpenCl => "opencl",
        _ => "gpu",
    };

    /// <summary>The device's name as the driver reports it.</summary>
    public string DeviceName => _acc.Name;

    /// <inheritdoc/>
    public override string Device => $"{_acc.AcceleratorType} {_acc.Name}";

    /// <inheritdoc/>
    public override string Description => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"ILGPU {_acc.AcceleratorType} on {_acc.Name} ({_acc.MemorySize / (1024.0 * 1024 * 1024):F1} GiB, {_acc.MaxSharedMemoryPerGroup / 1024} KiB shared memory per group, {GroupSize} threads per sample up to {MaxSharedQubits} qubits)");

    /// <summary>Largest qubit count run as one whole-circuit launch per batch (phi and lambda in shared memory).</summary>
    public int MaxSharedQubits { get; }

    /// <summary>Wires per shared-memory tile on the global-memory path.</summary>
    public int TileQubits { get; }

    /// <summary>Threads per sample in the shared-memory kernels (a power of two).</summary>
    public int GroupSize { get; }

    private int ReduceGroupSize { get; }

    /// <summary>Opens the asked accelerator, or returns null with the reason.</summary>
    public static IlgpuBackend? TryCreate(IlgpuDeviceKind kind, int threads, out string reason)
    {
        var opened = IlgpuDevices.TryOpen(kind, out reason);
        if (opened is null)
        {
            return null;
        }

        try
        {
            return new IlgpuBackend(opened.Value.Context, opened.Value.Accelerator, kind, threads);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // ILGPU reports compile and driver failures with several exception types; any of them means "not available".
            opened.Value.Accelerator.Dispose();
            opened.Value.Context.Dispose();
            reason = $"kernels could not be compiled for {opened.Value.Accelerator.Name}: {e.Message}";
            return null;
        }
    }

    /// <summary>
    /// Device-to-device copy rate in GB/s (bytes read plus bytes written, per second) of a 2^n-amplitude state,
    /// median of <paramref name="reps"/> copies: the bandwidth bound a gate on a large state compares with.
    /// </summary>
    public double MeasureCopyBandwidth(int qubitCount, int reps = 9)
    {
        lock (_lock)
        {
            long len = 2L << qubitCount;
            using var src = Allocate(len, "bench copy source");
            using var dst = Allocate(len, "bench copy destination");
            src.MemSetToZero();
            _acc.Synchronize();
            var times = new double[reps];
            dst.View.CopyFrom(src.View);
            _acc.Synchronize();
            for (int r = 0; r < reps; r++)
            {
                long t0 = Stopwatch.GetTimestamp();
                dst.View.CopyFrom(src.View);
                _acc.Synchronize();
                times[r] = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            }

            Array.Sort(times);
            return 2.0 * 8 * len / times[reps / 2] / 1e9;
        }
    }

    /// <inheritdoc/>
    protected override void RunCore(CompiledCircuit circuit, ReadOnlySpan<double> parameters, BatchInput input, Span<double> states) =>
        Execute(circuit, parameters, input, 0, null, default, states, default, default);

    /// <inheritdoc/>
    protected override void ExpectationsCore(CompiledCircuit circuit, ReadOnlySpan<double> parameters, BatchInput input, PauliString observable, Span<double> values) =>
        Execute(circuit, parameters, input, 1, observable, default, default, values, default);

    /// <inheritdoc/>
    protected override void GradientCore(
        CompiledCircuit circuit,
        ReadOnlySpan<double> parameters,
        BatchInput input,
        PauliString observable,
        ReadOnlySpan<double> weights,
        Span<double> values,
        Span<double> gradient) =>
        Execute(circuit, parameters, input, 2, observable, weights, default, values, gradient);

    /// <inheritdoc/>
    protected override QuantumState CreateStateCore(int qubitCount)
    {
        long bytes = 16L << qubitCount;
        if (bytes > _acc.MemorySize)
        {
            throw new InvalidOperationException($"{Name}.CreateState: {qubitCount} qubits need {Gib(bytes)} of device memory; {_acc.Name} has {Gib(_acc.MemorySize)}");
        }

        lock (_lock)
        {
            var buffer = Allocate(2L << qubitCount, $"a {qubitCount}-qubit state");
            var state = new IlgpuState(this, buffer, qubitCount);
            ResetLocked(state);
            return state;
        }
    }

    /// <inheritdoc/>
    protected override void ApplyCore(QuantumState state, CompiledCircuit circuit, ReadOnlySpan<double> parameters, ReadOnlySpan<double> dataRow)
    {
        if (state is not IlgpuState gs || gs.Owner != this)
        {
            throw new ArgumentException($"{Name}.Apply: the state belongs to another backend ({state.GetType().Name})");
        }

        var row = dataRow[..circuit.DataWidth].ToArray();
        var input = new BatchInput(1, row.Length, row);
        var table = new IlgpuOpTable(circuit, parameters, input);
        lock (_lock)
        {
            var plan = new IlgpuTilePlan(circuit, table.Ints, Math.Min(TileQubits, circuit.QubitCount));
            var args = UploadTable(circuit, table, plan.Ints, input, 0, null);
            RunGates(plan, args, gs.View, 0, 1);
            _acc.Synchronize();
        }
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var b in _buffers.Values)
            {
                b.Dispose();
            }

            _buffers.Clear();
            _opsBuffer?.Dispose();
            _acc.Dispose();
            _context.Dispose();
        }
    }

    internal void ReadState(IlgpuState state, Span<double> destination)
    {
        lock (_lock)
        {
            state.View.AsContiguous().CopyToCPU(destination);
        }
    }

    internal void WriteState(IlgpuState state, ReadOnlySpan<double> source)
    {
        lock (_lock)
        {
            state.View.AsContiguous().CopyFromCPU(source);
        }
    }

    internal void ResetState(IlgpuState state)
    {
        lock (_lock)
        {
            ResetLocked(state);
        }
    }

    internal void ReleaseState(MemoryBuffer1D<double, Stride1D.Dense>? buffer)
    {
        lock (_lock)
        {
            buffer?.Dispose();
        }
    }

    private static int FloorPow2(int v) => 1 << (31 - int.LeadingZeroCount(Math.Max(1, v)));

    private static string Gib(long bytes) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):F1} GiB");

    private void ResetLocked(IlgpuState state)
    {
        _zero(new Index1D((int)(1L << state.QubitCount)), state.View, (1L << state.QubitCount) - 1);
        _acc.Synchronize();
    }

    private MemoryBuffer1D<double, Stride1D.Dense> Allocate(long doubles, string what)
    {
        try
        {
            return _acc.Allocate1D<double>(Math.Max(1, doubles));
        }
        catch (Exception e) when (e is AcceleratorException or OutOfMemoryException or InvalidOperationException)
        {
            throw new InvalidOperationException($"{Name}: could not allocate {Gib(doubles * sizeof(double))} of device memory for {what} on {_acc.Name} ({Gib(_acc.MemorySize)}): {e.Message}", e);
        }
    }

    // A cached device buffer of at least 'length' doubles, viewed at exactly that length.
    private ArrayView1D<double, Stride1D.Dense> Scratch(string role, long length)
    {
        length = Math.Max(1, length);
        if (!_buffers.TryGetValue(role, out var buf) || buf.Length < length)
        {
            buf?.Dispose();
            _buffers.Remove(role);
            buf = Allocate(length, role);
            _buffers[role] = buf;
        }

        return buf.View.SubView(0, length);
    }

    private ArrayView1D<double, Stride1D.Dense> Upload(string role, ReadOnlySpan<double> data)
    {
        if (data.IsEmpty)
        {
            var one = Scratch(role, 1);
            one.MemSetToZero();
            return one;
        }

        var view = Scratch(role, data.Length);
        view.AsContiguous().CopyFromCPU(data);
        return view;
    }

    private IlgpuKernelArgs UploadTable(CompiledCircuit circuit, IlgpuOpTable table, int[] ints, BatchInput input, int mode, PauliString? observable)
    {
        if (_opsBuffer is null || _opsBuffer.Length < ints.Length)
        {
            _opsBuffer?.Dispose();
            _opsBuffer = _acc.Allocate1D<int>(ints.Length);
        }

        _opsBuffer.View.SubView(0, ints.Length).AsContiguous().CopyFromCPU(ints);
        Upload("opd", table.Doubles);
        Upload("mats", table.Matrices);
        Upload("smats", table.SampleMatrices);
        Upload("data", input.Data.Span);
        return new IlgpuKernelArgs
        {
            N = circuit.QubitCount,
            OpCount = circuit.Ops.Count,
            DataWidth = input.DataWidth,
            HasInit = input.HasInitialStates ? 1 : 0,
            Mode = mode,
            XMask = observable?.XMask ?? 0,
            YMask = observable?.YMask ?? 0,
            ZMask = observable?.ZMask ?? 0,
            SampleCount = input.Count,
            TileQubits = Math.Min(TileQubits, circuit.QubitCount),
        };
    }

    private ArrayView<int> Ops => _opsBuffer!.View.AsContiguous();

    private ArrayView<double> Table(string role) => _buffers[role].View.AsContiguous();

    private void Execute(
        CompiledCircuit circuit,
        ReadOnlySpan<double> parameters,
        BatchInput input,
        int mode,
        PauliString? observable,
        ReadOnlySpan<double> weights,
        Span<double> states,
        Span<double> values,
        Span<double> gradient)
    {
        if (mode == 2)
        {
            gradient.Clear();
        }

        if (input.Count == 0)
        {
            return;
        }

        var table = new IlgpuOpTable(circuit, parameters, input);
        int nocc = table.Occurrences.Length;
        lock (_lock)
        {
            var plan = circuit.QubitCount > MaxSharedQubits ? new IlgpuTilePlan(circuit, table.Ints, TileQubits) : null;
            var args = UploadTable(circuit, table, plan?.Ints ?? table.Ints, input, mode, observable);
            var w = Upload("weights", weights);
            var vals = Scratch("values", input.Count);
            var occ = Scratch("occ", mode == 2 ? (long)nocc * input.Count : 1);
            int n = circuit.QubitCount;
            if (n <= MaxSharedQubits)
            {
                BatchShared(input, args, w, vals, occ, states);
            }
            else
            {
                BatchGlobal(circuit, plan!, input, args, w, vals, occ, states);
            }

            if (mode >= 1)
            {
                vals.AsContiguous().CopyToCPU(values);
            }

            if (mode == 2 && nocc > 0)
            {
                var sums = Scratch("sums", nocc);
                int g = ReduceGroupSize;
                _reduce(new KernelConfig(nocc, g, SharedMemoryConfig.RequestDynamic<double>(g)), occ.AsContiguous(), sums.AsContiguous(), args);
                var host = new double[nocc];
                sums.AsContiguous().CopyToCPU(host);
                for (int o = 0; o < nocc; o++)
                {
                    var (param, scale) = table.Occurrences[o];
                    gradient[param] += 2.0 * scale * host[o];
                }
            }

            _acc.Synchronize();
        }
    }

    private void BatchShared(BatchInput input, IlgpuKernelArgs args, ArrayView1D<double, Stride1D.Dense> w, ArrayView1D<double, Stride1D.Dense> vals, ArrayView1D<double, Stride1D.Dense> occ, Span<double> states)
    {
        int n = args.N;
        long perSample = 2L << n;
        int lsz = Math.Max(1, Math.Min(GroupSize, 1 << Math.Max(0, n - 1)));
        int shared = (int)(((args.Mode == 2 ? 2 : 1) * perSample) + lsz);
        var init = input.HasInitialStates ? Upload("init", input.InitialStates.Span) : Scratch("init", 1);
        // Final states come back in chunks so the device buffer stays bounded.
        int chunk = args.Mode == 0 ? (int)Math.Max(1, Math.Min(input.Count, MaxChunkAmplitudes / (1L << n))) : input.Count;
        for (int s0 = 0; s0 < input.Count; s0 += chunk)
        {
            int c = Math.Min(chunk, input.Count - s0);
            var st = Scratch("states", args.Mode == 0 ? c * perSample : 1);
            var a = args;
            a.SampleOffset = s0;
            _batch(new KernelConfig(c, lsz, SharedMemoryConfig.RequestDynamic<double>(shared)), Ops, Table("opd"), Table("mats"), Table("smats"), Table("data"), init.AsContiguous(), w.AsContiguous(), st.AsContiguous(), vals.AsContiguous(), occ.AsContiguous(), a);
            if (args.Mode == 0)
            {
                st.AsContiguous().CopyToCPU(states.Slice((int)(s0 * perSample), (int)(c * perSample)));
            }
        }
    }

    private void BatchGlobal(
        CompiledCircuit circuit,
        IlgpuTilePlan plan,
        BatchInput input,
        IlgpuKernelArgs args,
        ArrayView1D<double, Stride1D.Dense> w,
        ArrayView1D<double, Stride1D.Dense> vals,
        ArrayView1D<double, Stride1D.Dense> occ,
        Span<double> states)
    {
        int n = args.N;
        long dim = 1L << n, perSample = 2 * dim;
        int buffers = args.Mode == 2 ? 2 : 1;
        long budget = Math.Min(_acc.MemorySize / 4, 16L << 30) / (16 * buffers);
        int chunk = (int)Math.Max(1, Math.Min(input.Count, Math.Min(budget, MaxChunkAmplitudes) / dim));
        int g = ReduceGroupSize;
        for (int s0 = 0; s0 < input.Count; s0 += chunk)
        {
            int c = Math.Min(chunk, input.Count - s0);
            var phi = Scratch("phi", c * perSample);
            if (input.HasInitialStates)
            {
                phi.AsContiguous().CopyFromCPU(input.InitialStates.Span.Slice((int)(s0 * perSample), (int)(c * perSample)));
            }
            else
            {
                _zero(new Index1D((int)(c * dim)), phi.AsContiguous(), dim - 1);
            }

            var a = args;
            a.SampleOffset = s0;
            RunGates(plan, a, phi, s0, c);
            if (args.Mode == 0)
            {
                phi.AsContiguous().CopyToCPU(states.Slice((int)(s0 * perSample), (int)(c * perSample)));
                continue;
            }

            var lam = args.Mode == 2 ? Scratch("lam", c * perSample) : phi;
            _expect(new KernelConfig(c, g, SharedMemoryConfig.RequestDynamic<double>(g)), phi.AsContiguous(), lam.AsContiguous(), w.AsContiguous(), vals.AsContiguous(), a);
            if (args.Mode != 2)
            {
                continue;
            }

            for (int gi = circuit.Ops.Count - 1; gi >= 0; gi--)
            {
                var op = circuit.Ops[gi];
                a.Gate = gi;
                a.Adjoint = 1;
                LaunchGate(a, op.Arity, phi, c);
                for (int k = 0; k < op.Angles.Length; k++)
                {
                    if (op.Angles[k].Source == ParamSource.Trainable)
                    {
                        a.Angle = k;
                        _element(new KernelConfig(c, g, SharedMemoryConfig.RequestDynamic<double>(g)), Ops, Table("opd"), Table("mats"), Table("data"), phi.AsContiguous(), lam.AsContiguous(), occ.AsContiguous(), a);
                    }
                }

                LaunchGate(a, op.Arity, lam, c);
            }
        }
    }

    // Forward gates on 'count' states in 'view' (samples first..first+count): fused tile runs and single-gate launches.
    private void RunGates(IlgpuTilePlan plan, IlgpuKernelArgs a, ArrayView1D<double, Stride1D.Dense> view, int first, int count)
    {
        int n = a.N;
        int k = Math.Min(TileQubits, n);
        a.SampleOffset = first;
        a.TileQubits = k;
        a.Adjoint = 0;
        int lsz = FloorPow2(Math.Min(Math.Max(1, Math.Min(GroupSize * 2, 1 << (k - 1))), _acc.MaxNumThreadsPerGroup));
        foreach (var seg in plan.Segments)
        {
            if (seg.Tile)
            {
                a.GateStart = seg.Start;
                a.GateEnd = seg.End;
                a.TileMask = seg.TileMask;
                long groups = (long)count << (n - k);
                _tile(new KernelConfig((int)groups, lsz, SharedMemoryConfig.RequestDynamic<double>(2 << k)), Ops, Table("opd"), Table("mats"), Table("smats"), Table("data"), view.AsContiguous(), a);
            }
            else
            {
                a.Gate = seg.Start;
                LaunchGate(a, plan.Ints[(seg.Start * IlgpuOpTable.OpInts) + 1], view, count);
            }
        }
    }

    private void LaunchGate(IlgpuKernelArgs a, int arity, ArrayView1D<double, Stride1D.Dense> view, int count)
    {
        long extent = (long)count << (a.N - arity);
        _gate(new Index1D((int)extent), Ops, Table("opd"), Table("mats"), Table("smats"), Table("data"), view.AsContiguous(), a);
    }
}
