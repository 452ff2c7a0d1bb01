using SciTransfer.Quantum.Simulation;
using static SciTransfer.Quantum.Backends.OpenCl.OpenClNative;

namespace SciTransfer.Quantum.Backends.OpenCl;

/// <summary>
/// OpenCL backend (pocl on CPUs here, vendor drivers on GPUs). Small states: one work-group per
/// sample with the state in local memory; the whole circuit, the observable and the adjoint sweep run
/// in one launch. Large states: one kernel per gate on a device buffer, no host round trip per gate.
/// Calls are serialised with a lock (one queue).
/// </summary>
public sealed unsafe class OpenClBackend : QuantumBackend
{
    private readonly OpenClDevice _device;
    private readonly Lock _gate = new();

    private OpenClBackend(OpenClDevice device, int threads)
        : base(threads)
    {
        _device = device;
    }

    /// <inheritdoc/>
    public override string Name => "opencl";

    /// <inheritdoc/>
    public override string Description => $"OpenCL on {_device.Name} (local memory {_device.LocalMemBytes / 1024} KiB)";

    /// <summary>
    /// Work-items per sample in the batched kernel: 64 on GPUs; on CPU drivers (pocl) barriers and the
    /// per-work-item gate set-up dominate, so fewer work-items per group run faster (env
    /// SCITRANSFER_OPENCL_LOCAL overrides, for tuning).
    /// </summary>
    public int LocalSize => int.TryParse(Environment.GetEnvironmentVariable("SCITRANSFER_OPENCL_LOCAL"), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int l) && l > 0
        ? l
        : _device.IsCpu ? CpuLocalSize : 64;

    private const int CpuLocalSize = 1;

    /// <summary>Largest qubit count whose batched kernel fits two states in local memory.</summary>
    public int MaxLocalQubits
    {
        get
        {
            int n = 1;
            while (n < 16 && (2L * 16 * (1L << (n + 1))) + 8192 <= _device.LocalMemBytes)
            {
                n++;
            }

            return n;
        }
    }

    /// <summary>Opens the first fp64 OpenCL device, or returns null with the reason.</summary>
    public static OpenClBackend? TryCreate(int threads, out string reason)
    {
        var device = OpenClDevice.TryOpen(out reason);
        return device is null ? null : new OpenClBackend(device, threads);
    }

    /// <inheritdoc/>
    protected override void RunCore(CompiledCircuit circuit, ReadOnlySpan<double> parameters, BatchInput input, Span<double> states)
    {
        if (circuit.QubitCount > MaxLocalQubits)
        {
            // Large states: per sample, gate kernels on a device buffer.
            int len = 2 * circuit.Dimension;
            using var st = (OpenClState)CreateState(circuit.QubitCount);
            for (int b = 0; b < input.Count; b++)
            {
                if (input.HasInitialStates)
                {
                    st.Write(input.InitialStates.Span.Slice(b * len, len));
                }
                else
                {
                    st.Reset();
                }

                ApplyCore(st, circuit, parameters, input.DataRow(b));
                st.Read(states.Slice(b * len, len));
            }

            return;
        }

        Launch(circuit, parameters, input, 0, null, default, states, default, default);
    }

    /// <inheritdoc/>
    protected override void ExpectationsCore(CompiledCircuit circuit, ReadOnlySpan<double> parameters, BatchInput input, PauliString observable, Span<double> values)
    {
        RequireLocal(circuit, "Expectations");
        Launch(circuit, parameters, input, 1, observable, default, default, values, default);
    }

    /// <inheritdoc/>
    protected override void GradientCore(
        CompiledCircuit circuit,
        ReadOnlySpan<double> parameters,
        BatchInput input,
        PauliString observable,
        ReadOnlySpan<double> weights,
        Span<double> values,
        Span<double> gradient)
    {
        RequireLocal(circuit, "ExpectationsAndGradient");
        var table = new OpenClOpTable(circuit, parameters);
        int nocc = table.Occurrences.Length;
        var occ = new double[Math.Max(1, input.Count * nocc)];
        Launch(circuit, parameters, input, 2, observable, weights, default, values, occ, table);
        gradient.Clear();
        for (int b = 0; b < input.Count; b++)
        {
            for (int o = 0; o < nocc; o++)
            {
                var (param, scale) = table.Occurrences[o];
                gradient[param] += 2.0 * scale * occ[(b * nocc) + o];
            }
        }
    }

    /// <inheritdoc/>
    protected override QuantumState CreateStateCore(int qubitCount)
    {
        lock (_gate)
        {
            return new OpenClState(_device, _gate, qubitCount);
        }
    }

    /// <inheritdoc/>
    protected override void ApplyCore(QuantumState state, CompiledCircuit circuit, ReadOnlySpan<double> parameters, ReadOnlySpan<double> dataRow)
    {
        if (state is not OpenClState cs)
        {
            throw new ArgumentException($"opencl.Apply: the state belongs to another backend ({state.GetType().Name})");
        }

        // All gate matrices go up once; then the gates are enqueued back to back on the device buffer.
        var mats = new double[Math.Max(1, circuit.Ops.Count * 32)];
        Span<double> angles = stackalloc double[3];
        for (int g = 0; g < circuit.Ops.Count; g++)
        {
            var op = circuit.Ops[g];
            op.ResolveAngles(parameters, dataRow, angles);
            op.FillMatrix(angles, mats.AsSpan(g * 32, 32));
        }

        lock (_gate)
        {
            nint matBuf;
            fixed (double* pm = mats)
            {
                matBuf = _device.CreateBuffer(MemReadOnly, mats.Length * sizeof(double), pm);
            }

            try
            {
                nint buf = cs.Buffer;
                for (int g = 0; g < circuit.Ops.Count; g++)
                {
                    var op = circuit.Ops[g];
                    long ctrl = op.ControlMask;
                    int off = g * 32;
                    nint k;
                    nuint global;
                    if (op.Kind == GateKind.X)
                    {
                        k = _device.Kernel("applyx_global");
                        int t = op.Target0;
                        Arg(k, 0, &buf, sizeof(nint));
                        Arg(k, 1, &t, sizeof(int));
                        Arg(k, 2, &ctrl, sizeof(long));
                        global = (nuint)(1L << (circuit.QubitCount - 1));
                    }
                    else if (op.Arity == 1)
                    {
                        k = _device.Kernel("apply1_global");
                        int t = op.Target0;
                        Arg(k, 0, &buf, sizeof(nint));
                        Arg(k, 1, &t, sizeof(int));
                        Arg(k, 2, &ctrl, sizeof(long));
                        Arg(k, 3, &matBuf, sizeof(nint));
                        Arg(k, 4, &off, sizeof(int));
                        global = (nuint)(1L << (circuit.QubitCount - 1));
                    }
                    else
                    {
                        k = _device.Kernel("apply2_global");
                        int t0 = op.Target0, t1 = op.Target1;
                        Arg(k, 0, &buf, sizeof(nint));
                        Arg(k, 1, &t0, sizeof(int));
                        Arg(k, 2, &t1, sizeof(int));
                        Arg(k, 3, &ctrl, sizeof(long));
                        Arg(k, 4, &matBuf, sizeof(nint));
                        Arg(k, 5, &off, sizeof(int));
                        global = (nuint)(1L << (circuit.QubitCount - 2));
                    }

                    Check(clEnqueueNDRangeKernel(_device.Queue, k, 1, null, &global, null, 0, null, null), "clEnqueueNDRangeKernel gate");
                }

                Check(clFinish(_device.Queue), "clFinish");
            }
            finally
            {
                clReleaseMemObject(matBuf);
            }
        }
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing) => _device.Dispose();

    private void RequireLocal(CompiledCircuit circuit, string op)
    {
        if (circuit.QubitCount > MaxLocalQubits)
        {
            throw new NotSupportedException($"opencl.{op}: {circuit.QubitCount} qubits exceed the {MaxLocalQubits} whose states fit in local memory of {_device.Name}; use the managed backend");
        }
    }

    private void Launch(
        CompiledCircuit circuit,
        ReadOnlySpan<double> parameters,
        BatchInput input,
        int mode,
        PauliString? observable,
        ReadOnlySpan<double> weights,
        Span<double> states,
        Span<double> values,
        Span<double> occ,
        OpenClOpTable? table = null)
    {
        table ??= new OpenClOpTable(circuit, parameters);
        int n = circuit.QubitCount, dim = circuit.Dimension, count = input.Count;
        if (count == 0)
        {
            return;
        }

        int nops = circuit.Ops.Count, dataWidth = input.DataWidth, hasInit = input.HasInitialStates ? 1 : 0;
        int xm = (int)(observable?.XMask ?? 0), ym = (int)(observable?.YMask ?? 0), zm = (int)(observable?.ZMask ?? 0);
        int nocc = table.Occurrences.Length;
        int local = Math.Min(Math.Min(LocalSize, _device.MaxWorkGroupSize), Math.Max(1, dim / 2));
        double[] data = input.Data.Length > 0 ? input.Data.ToArray() : [0.0];
        double[] init = hasInit == 1 ? input.InitialStates.ToArray() : [0.0];
        double[] w = weights.Length > 0 ? weights.ToArray() : [0.0];
        lock (_gate)
        {
            var buffers = new List<nint>();
            try
            {
                nint Upload<T>(T[] a)
                    where T : unmanaged
                {
                    fixed (T* p = a)
                    {
                        nint b = _device.CreateBuffer(MemReadOnly, (long)a.Length * sizeof(T), p);
                        buffers.Add(b);
                        return b;
                    }
                }

                nint Output(long doubles)
                {
                    nint b = _device.CreateBuffer(MemReadWrite, Math.Max(1, doubles) * sizeof(double), null);
                    buffers.Add(b);
                    return b;
                }

                nint opsBuf = Upload(table.Ints), opdBuf = Upload(table.Doubles), matBuf = Upload(table.Matrices);
                nint dataBuf = Upload(data), initBuf = Upload(init), wBuf = Upload(w);
                nint stBuf = Output(mode == 0 ? (long)count * 2 * dim : 1);
                nint valBuf = Output(mode == 0 ? 1 : count);
                nint occBuf = Output(mode == 2 ? (long)count * nocc : 1);
                nint k = _device.Kernel("batch_circuit");
                Arg(k, 0, &n, sizeof(int));
                Arg(k, 1, &nops, sizeof(int));
                Arg(k, 2, &opsBuf, sizeof(nint));
                Arg(k, 3, &opdBuf, sizeof(nint));
                Arg(k, 4, &matBuf, sizeof(nint));
                Arg(k, 5, &dataWidth, sizeof(int));
                Arg(k, 6, &dataBuf, sizeof(nint));
                Arg(k, 7, &hasInit, sizeof(int));
                Arg(k, 8, &initBuf, sizeof(nint));
                Arg(k, 9, &mode, sizeof(int));
                Arg(k, 10, &xm, sizeof(int));
                Arg(k, 11, &ym, sizeof(int));
                Arg(k, 12, &zm, sizeof(int));
                Arg(k, 13, &wBuf, sizeof(nint));
                Arg(k, 14, &stBuf, sizeof(nint));
                Arg(k, 15, &valBuf, sizeof(nint));
                Arg(k, 16, &nocc, sizeof(int));
                Arg(k, 17, &occBuf, sizeof(nint));
                Check(clSetKernelArg(k, 18, (nuint)(16 * dim), null), "clSetKernelArg phi");
                Check(clSetKernelArg(k, 19, (nuint)(16 * dim), null), "clSetKernelArg lambda");
                Check(clSetKernelArg(k, 20, (nuint)(8 * (local + 1)), null), "clSetKernelArg red");
                nuint global = (nuint)((long)count * local), lsz = (nuint)local;
                Check(clEnqueueNDRangeKernel(_device.Queue, k, 1, null, &global, &lsz, 0, null, null), "clEnqueueNDRangeKernel batch_circuit");
                if (mode == 0)
                {
                    Read(stBuf, states);
                }
                else
                {
                    Read(valBuf, values);
                }

                if (mode == 2 && nocc > 0)
                {
                    Read(occBuf, occ[..(count * nocc)]);
                }
            }
            finally
            {
                foreach (var b in buffers)
                {
                    clReleaseMemObject(b);
                }
            }
        }
    }

    private void Read(nint buffer, Span<double> destination)
    {
        fixed (double* p = destination)
        {
            Check(clEnqueueReadBuffer(_device.Queue, buffer, 1, 0, (nuint)(destination.Length * sizeof(double)), p, 0, null, null), "clEnqueueReadBuffer");
        }
    }

    private static void Arg(nint kernel, uint index, void* value, int size) =>
        Check(clSetKernelArg(kernel, index, (nuint)size, value), $"clSetKernelArg {index}");
}
