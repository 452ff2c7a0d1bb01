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

    /// <summary>Creates the backend with a thread budget.</summary>
    public ManagedBackend(int threads = 1)
        : base(threads)
    {
    }

    /// <inheritdoc/>
    public override string Name => "managed";

    /// <inheritdoc/>
    public override string Description =>
        $"managed SIMD (Vector512 {(System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? "on" : "off")}, " +
        $"Vector256 {(System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? "on" : "off")}), threads={Threads}";

    /// <inheritdoc/>
    protected override void RunCore(CompiledCircuit circuit, ReadOnlySpan<double> parameters, BatchInput input, Span<double> states)
    {
        int len = 2 * circuit.Dimension;
        double[] p = parameters.ToArray();
        unsafe
        {
            fixed (double* dst = states)
            {
                nint ptr = (nint)dst;
                ForSamples(input.Count, () => 0, (b, _) =>
                {
                    var psi = new Span<double>((double*)ptr + ((long)b * len), len);
                    Prepare(circuit, input, b, psi);
                    Forward(circuit, p, input.DataRow(b), psi);
                });
            }
        }
    }

    /// <inheritdoc/>
    protected override void ExpectationsCore(CompiledCircuit circuit, ReadOnlySpan<double> parameters, BatchInput input, PauliString observable, Span<double> values)
    {
        int len = 2 * circuit.Dimension;
        double[] p = parameters.ToArray();
        var result = new double[input.Count];
        ForSamples(input.Count, () => new double[len], (b, psi) =>
        {
            Prepare(circuit, input, b, psi);
            Forward(circuit, p, input.DataRow(b), psi);
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
        int len = 2 * circuit.Dimension;
        int pc = circuit.ParameterCount;
        double[] p = parameters.ToArray();
        double[] w = weights.ToArray();
        var result = new double[input.Count];
        // One gradient row per sample, summed afterwards in sample order: the sum is the same for any thread count.
        var rows = new double[(long)input.Count * pc];
        ForSamples(input.Count, () => new double[2 * len], (b, scratch) =>
        {
            var phi = scratch.AsSpan(0, len);
            var lambda = scratch.AsSpan(len, len);
            Prepare(circuit, input, b, phi);
            result[b] = AdjointSample(circuit, p, input.DataRow(b), observable, w[b], phi, lambda, rows.AsSpan(b * pc, pc));
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
    protected override QuantumState CreateStateCore(int qubitCount) => new ManagedState(qubitCount);

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
                ApplyRange(ms.Amplitudes, n, op, m, 0, groups);
            }
            else
            {
                // Chunks are multiples of 4 pairs so the SIMD block paths stay aligned.
                long per = ((groups / chunks) + 3) & ~3L;
                var amps = ms.Amplitudes;
                Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = chunks }, c =>
                {
                    long start = c * per, end = Math.Min(groups, start + per);
                    if (start < end)
                    {
                        ApplyRange(amps, n, op, m, start, end);
                    }
                });
            }
        }
    }

    /// <summary>Applies every gate of the circuit to one sample's state.</summary>
    internal static void Forward(CompiledCircuit circuit, ReadOnlySpan<double> parameters, ReadOnlySpan<double> dataRow, Span<double> psi)
    {
        Span<double> angles = stackalloc double[3];
        Span<double> m = stackalloc double[32];
        int n = circuit.QubitCount;
        foreach (var op in circuit.Ops)
        {
            op.ResolveAngles(parameters, dataRow, angles);
            op.FillMatrix(angles, m);
            ApplyRange(psi, n, op, m, 0, ManagedKernels.GroupCount(n, op.Arity, op.ControlMask));
        }
    }

    /// <summary>
    /// Adjoint sweep for one sample (Jones and Gacon, arXiv 2009.02823): phi = U|psi0>, lambda = w P phi,
    /// then for each gate from last to first phi &lt;- U_j^dagger phi, gradient += 2 Re &lt;lambda| dU_j |phi&gt;,
    /// lambda &lt;- U_j^dagger lambda. Returns &lt;P&gt;; <paramref name="gradRow"/> is overwritten.
    /// </summary>
    internal static double AdjointSample(
        CompiledCircuit circuit,
        ReadOnlySpan<double> parameters,
        ReadOnlySpan<double> dataRow,
        PauliString observable,
        double weight,
        Span<double> phi,
        Span<double> lambda,
        Span<double> gradRow)
    {
        Forward(circuit, parameters, dataRow, phi);
        double value = observable.Expectation(phi);
        observable.Apply(phi, weight, lambda);
        gradRow.Clear();
        Span<double> angles = stackalloc double[3];
        Span<double> m = stackalloc double[32];
        Span<double> md = stackalloc double[32];
        Span<double> dm = stackalloc double[32];
        int n = circuit.QubitCount;
        for (int g = circuit.Ops.Count - 1; g >= 0; g--)
        {
            var op = circuit.Ops[g];
            op.ResolveAngles(parameters, dataRow, angles);
            op.FillMatrix(angles, m);
            int d = op.Arity == 1 ? 2 : 4;
            GateMatrices.Dagger(m, d, md);
            long groups = ManagedKernels.GroupCount(n, op.Arity, op.ControlMask);
            ApplyMatrix(phi, n, op, md, groups);
            for (int a = 0; a < op.Angles.Length; a++)
            {
                var pr = op.Angles[a];
                if (pr.Source != ParamSource.Trainable)
                {
                    continue;
                }

                GateMatrices.FillDerivative(op.Kind, angles, a, dm);
                double re = op.Arity == 1
                    ? ManagedKernels.MatrixElement1(lambda, phi, n, op.Target0, op.ControlMask, dm)
                    : ManagedKernels.MatrixElement2(lambda, phi, n, op.Target0, op.Target1, op.ControlMask, dm);
                gradRow[pr.Index] += 2.0 * pr.Scale * re;
            }

            ApplyMatrix(lambda, n, op, md, groups);
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

    // Applies an explicit matrix (the adjoint sweep's U^dagger), X stays a swap because X^dagger = X.
    private static void ApplyMatrix(Span<double> psi, int n, GateOp op, ReadOnlySpan<double> m, long groups) =>
        ApplyRange(psi, n, op, m, 0, groups);

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
