using System.Runtime.CompilerServices;
using SciTransfer.Quantum.Simulation;

namespace SciTransfer.Quantum.Backends.Managed;

/// <summary>
/// Managed SIMD backend. Many small states run sample-major: each sample's state stays in cache
/// while the whole circuit (and its adjoint sweep) runs on it, samples spread over threads. A single
/// large state runs gate-major: each gate is split over threads with Parallel.For.
/// </summary>
public sealed class ManagedBackend : QuantumBackend
{
    // Below this many amplitude pairs a gate is not worth splitting across threads.
    private const long ParallelGateThreshold = 1L << 15;

    /// <summary>
    /// Creates the backend with a thread budget and the most bytes one state may take
    /// (default: the memory the .NET runtime sees as available to this process, container limits included).
    /// </summary>
    public ManagedBackend(int threads = 1, long? memoryLimitBytes = null)
        : base(threads)
    {
        if (memoryLimitBytes is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(memoryLimitBytes), memoryLimitBytes, "must be positive");
        }

        MemoryLimitBytes = memoryLimitBytes ?? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
    }

    /// <summary>Most bytes a single state from <see cref="QuantumBackend.CreateState"/> may take; larger ones are refused before allocating.</summary>
    public long MemoryLimitBytes { get; }

    /// <inheritdoc/>
    public override string Name => "managed";

    /// <inheritdoc/>
    public override string Description =>
        $"managed SIMD (Vector512 {(System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? "on" : "off")}, " +
        $"Vector256 {(System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? "on" : "off")}), threads={Threads}";

    /// <inheritdoc/>
    protected override void RunCore(CompiledCircuit circuit, ReadOnlySpan<double> parameters, BatchInput input, Span<double> states)
    {
        CheckSize(circuit.QubitCount);
        int len = 2 * circuit.Dimension;
        var plan = new ManagedPlan(circuit, parameters, withAdjoint: false);
        unsafe
        {
            fixed (double* dst = states)
            {
                nint ptr = (nint)dst;
                ForSamples(input.Count, () => 0, (b, _) =>
                {
                    var psi = new Span<double>((double*)ptr + ((long)b * len), len);
                    Prepare(circuit, input, b, psi);
                    Forward(plan, input.DataRow(b), psi);
                });
            }
        }
    }

    /// <inheritdoc/>
    protected override void ExpectationsCore(CompiledCircuit circuit, ReadOnlySpan<double> parameters, BatchInput input, PauliString observable, Span<double> values)
    {
        CheckSize(circuit.QubitCount);
        int len = 2 * circuit.Dimension;
        var plan = new ManagedPlan(circuit, parameters, withAdjoint: false);
        var result = new double[input.Count];
        ForSamples(input.Count, () => new double[len], (b, psi) =>
        {
            Prepare(circuit, input, b, psi);
            Forward(plan, input.DataRow(b), psi);
            result[b] = observable.Expectation(psi);
        });
        result.CopyTo(values);
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
        CheckSize(circuit.QubitCount);
        int len = 2 * circuit.Dimension;
        int pc = circuit.ParameterCount;
        var plan = new ManagedPlan(circuit, parameters, withAdjoint: true);
        double[] w = weights.ToArray();
        var result = new double[input.Count];
        // One gradient row per sample, summed afterwards in sample order: the sum is the same for any thread count.
        var rows = new double[(long)input.Count * pc];
        ForSamples(input.Count, () => new double[2 * len], (b, scratch) =>
        {
            var phi = scratch.AsSpan(0, len);
            var lambda = scratch.AsSpan(len, len);
            Prepare(circuit, input, b, phi);
            result[b] = AdjointSample(plan, input.DataRow(b), observable, w[b], phi, lambda, rows.AsSpan(b * pc, pc));
        });
        result.CopyTo(values);
        gradient.Clear();
        for (int b = 0; b < input.Count; b++)
        {
            var row = rows.AsSpan(b * pc, pc);
            for (int k = 0; k < pc; k++)
            {
                gradient[k] += row[k];
            }
        }
    }

    /// <inheritdoc/>
    protected override QuantumState CreateStateCore(int qubitCount)
    {
        CheckSize(qubitCount);
        long bytes = 16L << qubitCount;
        if (bytes > MemoryLimitBytes)
        {
            // Refused up front: on Linux an over-large allocation may succeed and the process be killed when the pages are touched.
            throw new InvalidOperationException(
                $"managed.CreateState: a {qubitCount}-qubit state needs {Gib(bytes)} GiB ({bytes} bytes), more than the {Gib(MemoryLimitBytes)} GiB " +
                $"this process may use; use fewer qubits or a machine with more memory");
        }

        try
        {
            return new ManagedState(qubitCount);
        }
        catch (OutOfMemoryException e)
        {
            throw new InvalidOperationException(
                $"managed.CreateState: could not allocate {Gib(bytes)} GiB for a {qubitCount}-qubit state: {e.Message}", e);
        }
    }

    /// <summary>Largest single state the managed backend holds: 2^(n+1) doubles must fit one .NET array.</summary>
    public static int MaxQubits => 29;

    /// <inheritdoc/>
    protected override void ApplyCore(QuantumState state, CompiledCircuit circuit, ReadOnlySpan<double> parameters, ReadOnlySpan<double> dataRow)
    {
        if (state is not ManagedState ms)
        {
            throw new ArgumentException($"managed.Apply: the state belongs to another backend ({state.GetType().Name})");
        }

        Span<double> angles = stackalloc double[3];
        double[] m = new double[32];
        int n = circuit.QubitCount;
        foreach (var op in circuit.Ops)
        {
            op.ResolveAngles(parameters, dataRow, angles);
            op.FillMatrix(angles, m);
            long groups = ManagedKernels.GroupCount(n, op.Arity, op.ControlMask);
            int chunks = groups >= ParallelGateThreshold ? Threads : 1;
            if (chunks == 1)
            {
                ApplyRange(ms.Amplitudes.Span, n, op, m, 0, groups);
            }
            else
            {
                // Chunks are whole multiples of 2^12 pairs so the SIMD paths stay aligned and every chunk of a
                // middle-wire gate takes the blocked path (ManagedWireKernels); the arithmetic per amplitude is the same on every path.
                long align = ManagedWireKernels.ChunkAlignment;
                long per = ((groups / chunks) + align - 1) & ~(align - 1);
                var amps = ms.Amplitudes;
                Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = chunks }, c =>
                {
                    long start = c * per, end = Math.Min(groups, start + per);
                    if (start < end)
                    {
                        ApplyRange(amps.Span, n, op, m, start, end);
                    }
                });
            }
        }
    }

    private static string Gib(long bytes) => (bytes / (double)(1L << 30)).ToString("F2", System.Globalization.CultureInfo.InvariantCulture);

    // One state must fit one .NET array (spans index with int); refuse larger ones before any arithmetic overflows.
    private static void CheckSize(int qubitCount)
    {
        long doubles = 2L << qubitCount;
        if (doubles > Array.MaxLength)
        {
            throw new NotSupportedException(
                $"managed: {qubitCount} qubits need {16.0 * (1L << qubitCount) / (1L << 30):F0} GiB per state ({doubles} doubles), more than one .NET array holds " +
                $"({Array.MaxLength} elements); the managed backend runs up to {MaxQubits} qubits, use --backend gpu for more");
        }
    }

    /// <summary>Applies every gate of the plan to one sample's state.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Forward(ManagedPlan plan, ReadOnlySpan<double> dataRow, Span<double> psi)
    {
        Span<double> angles = stackalloc double[3];
        Span<double> m = stackalloc double[32];
        int n = plan.QubitCount;
        foreach (var p in plan.Ops)
        {
            if (p.RyDataSlot >= 0)
            {
                (double sin, double cos) = Math.SinCos((p.RyScale * dataRow[p.RyDataSlot]) + p.RyOffset);
                ManagedKernels.ApplyRy(psi, n, p.Op.Target0, cos, sin, 0, p.Groups);
                continue;
            }

            scoped ReadOnlySpan<double> mat = p.Matrix;
            if (mat.IsEmpty && !p.IsX)
            {
                p.Op.ResolveAngles(plan.Parameters, dataRow, angles);
                p.Op.FillMatrix(angles, m);
                mat = m;
            }

            ApplyRange(psi, n, p.Op, mat, 0, p.Groups);
        }
    }

    /// <summary>
    /// Adjoint sweep for one sample (Jones and Gacon, arXiv 2009.02823): phi = U|psi0>, lambda = w P phi,
    /// then for each gate from last to first phi &lt;- U_j^dagger phi, gradient += 2 Re &lt;lambda| dU_j |phi&gt;,
    /// lambda &lt;- U_j^dagger lambda. Returns &lt;P&gt;; <paramref name="gradRow"/> is overwritten.
    /// </summary>
    internal static double AdjointSample(
        ManagedPlan plan,
        ReadOnlySpan<double> dataRow,
        PauliString observable,
        double weight,
        Span<double> phi,
        Span<double> lambda,
        Span<double> gradRow)
    {
        Forward(plan, dataRow, phi);
        double value = observable.Expectation(phi);
        observable.Apply(phi, weight, lambda);
        gradRow.Clear();
        Span<double> angles = stackalloc double[3];
        Span<double> m = stackalloc double[32];
        Span<double> mdBuf = stackalloc double[32];
        Span<double> dmBuf = stackalloc double[32];
        int n = plan.QubitCount;
        for (int g = plan.Ops.Length - 1; g >= 0; g--)
        {
            var p = plan.Ops[g];
            var op = p.Op;
            scoped ReadOnlySpan<double> md = p.Dagger;
            bool sampleDependent = md.IsEmpty;
            if (sampleDependent)
            {
                op.ResolveAngles(plan.Parameters, dataRow, angles);
                op.FillMatrix(angles, m);
                GateMatrices.Dagger(m, op.Arity == 1 ? 2 : 4, mdBuf);
                md = mdBuf;
            }

            ApplyRange(phi, n, op, md, 0, p.Groups);
            for (int a = 0; a < op.Angles.Length; a++)
            {
                var pr = op.Angles[a];
                if (pr.Source != ParamSource.Trainable)
                {
                    continue;
                }

                scoped ReadOnlySpan<double> dm;
                if (sampleDependent)
                {
                    GateMatrices.FillDerivative(op.Kind, angles, a, dmBuf);
                    dm = dmBuf;
                }
                else
                {
                    dm = p.Derivatives![a];
                }

                double re = op.Arity == 1
                    ? ManagedKernels.MatrixElement1(lambda, phi, n, op.Target0, op.ControlMask, dm)
                    : ManagedKernels.MatrixElement2(lambda, phi, n, op.Target0, op.Target1, op.ControlMask, dm);
                gradRow[pr.Index] += 2.0 * pr.Scale * re;
            }

            ApplyRange(lambda, n, op, md, 0, p.Groups);
        }

        return value;
    }

    private static void ApplyRange(Span<double> psi, int n, GateOp op, ReadOnlySpan<double> m, long start, long end)
    {
        if (op.Kind == GateKind.X)
        {
            ManagedKernels.ApplyX(psi, n, op.Target0, op.ControlMask, start, end);
        }
        else if (op.Arity == 1)
        {
            ManagedKernels.Apply1(psi, n, op.Target0, op.ControlMask, m, start, end);
        }
        else
        {
            ManagedKernels.Apply2(psi, n, op.Target0, op.Target1, op.ControlMask, m, start, end);
        }
    }

    private static void Prepare(CompiledCircuit circuit, BatchInput input, int b, Span<double> psi)
    {
        if (input.HasInitialStates)
        {
            int len = 2 * circuit.Dimension;
            input.InitialStates.Span.Slice(b * len, len).CopyTo(psi);
        }
        else
        {
            psi.Clear();
            psi[0] = 1.0;
        }
    }

    private void ForSamples<TLocal>(int count, Func<TLocal> init, Action<int, TLocal> body)
    {
        if (Threads == 1 || count < 2)
        {
            var local = init();
            for (int b = 0; b < count; b++)
            {
                body(b, local);
            }

            return;
        }

        // Contiguous sample ranges per worker: each worker reuses one scratch buffer.
        int workers = Math.Min(Threads, count);
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, wkr =>
        {
            var local = init();
            int start = (int)((long)count * wkr / workers), end = (int)((long)count * (wkr + 1) / workers);
            for (int b = start; b < end; b++)
            {
                body(b, local);
            }
        });
    }
}
