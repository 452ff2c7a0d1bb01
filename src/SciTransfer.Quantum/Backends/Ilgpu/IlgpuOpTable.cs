using SciTransfer.Quantum.Simulation;

namespace SciTransfer.Quantum.Backends.Ilgpu;

/// <summary>
/// A circuit flattened for the ILGPU kernels, for one parameter vector.
/// Per op, <see cref="OpInts"/> ints: kind, arity, t0, t1, control mask, matrix offset in <see cref="Matrices"/>
/// (M then M^dagger; -1 when the gate depends on the sample), per-sample matrix slot (two-wire gates with data
/// angles, see <see cref="SampleMatrices"/>; -1 otherwise), angle count, data slot per angle (3, -1: none),
/// derivative offset per trainable angle (3; -1: not trainable, -2: built on the device because the gate
/// also has data angles), occurrence index per trainable angle (3), is-X, the op's own index (for its
/// doubles; tile copies keep the original's), and the control wires outside a tile (0 here; see
/// <see cref="IlgpuTilePlan"/>).
/// Per op, <see cref="OpDoubles"/> doubles: data scale per angle (3), then the angle's offset (3) with
/// trainable and constant angles resolved into it.
/// </summary>
internal sealed class IlgpuOpTable
{
    public const int OpInts = 20;
    public const int OpDoubles = 6;

    /// <summary>Doubles per sample and slot in <see cref="SampleMatrices"/>: M then M^dagger (4x4 each).</summary>
    public const int SampleMatrixDoubles = 64;

    public IlgpuOpTable(CompiledCircuit circuit, ReadOnlySpan<double> parameters, BatchInput? input)
    {
        int count = circuit.Ops.Count;
        Ints = new int[Math.Max(1, count * OpInts)];
        Doubles = new double[Math.Max(1, count * OpDoubles)];
        var mats = new List<double>();
        var occurrences = new List<(int Param, double Scale)>();
        var sampleOps = new List<int>();
        Span<double> angles = stackalloc double[3];
        Span<double> m = stackalloc double[32];
        Span<double> md = stackalloc double[32];
        for (int g = 0; g < count; g++)
        {
            var op = circuit.Ops[g];
            var ints = Ints.AsSpan(g * OpInts, OpInts);
            var dbl = Doubles.AsSpan(g * OpDoubles, OpDoubles);
            int size = op.Arity == 1 ? 8 : 32;
            ints[0] = (int)op.Kind;
            ints[1] = op.Arity;
            ints[2] = op.Target0;
            ints[3] = op.Target1;
            ints[4] = (int)op.ControlMask;
            ints[5] = -1;
            ints[6] = -1;
            ints[7] = op.Angles.Length;
            ints[8] = ints[9] = ints[10] = -1;
            ints[11] = ints[12] = ints[13] = -1;
            ints[14] = ints[15] = ints[16] = -1;
            ints[17] = op.Kind == GateKind.X ? 1 : 0;
            ints[18] = g;
            ints[19] = 0;
            if (op.IsDataDependent)
            {
                for (int a = 0; a < op.Angles.Length; a++)
                {
                    var pr = op.Angles[a];
                    ints[8 + a] = pr.Source == ParamSource.Data ? pr.Index : -1;
                    dbl[a] = pr.Source == ParamSource.Data ? pr.Scale : 0.0;
                    dbl[3 + a] = pr.Source == ParamSource.Data ? pr.Offset : pr.Resolve(parameters, default);
                    if (pr.Source == ParamSource.Trainable)
                    {
                        // Only U3 has several angles, so only a one-wire gate can mix data and trainable angles.
                        ints[11 + a] = -2;
                        ints[14 + a] = occurrences.Count;
                        occurrences.Add((pr.Index, pr.Scale));
                    }
                }

                if (op.Arity == 2)
                {
                    ints[6] = sampleOps.Count;
                    sampleOps.Add(g);
                }

                continue;
            }

            op.ResolveAngles(parameters, default, angles);
            op.FillMatrix(angles, m);
            GateMatrices.Dagger(m, op.Arity == 1 ? 2 : 4, md);
            ints[5] = mats.Count;
            Append(mats, m[..size]);
            Append(mats, md[..size]);
            for (int a = 0; a < op.Angles.Length; a++)
            {
                var pr = op.Angles[a];
                if (pr.Source != ParamSource.Trainable)
                {
                    continue;
                }

                GateMatrices.FillDerivative(op.Kind, angles, a, m);
                ints[11 + a] = mats.Count;
                Append(mats, m[..size]);
                ints[14 + a] = occurrences.Count;
                occurrences.Add((pr.Index, pr.Scale));
            }
        }

        mats.Add(0.0);
        Matrices = [.. mats];
        Occurrences = [.. occurrences];
        SampleSlots = sampleOps.Count;
        SampleMatrices = [0.0];
        if (sampleOps.Count > 0 && input is not null && input.Count > 0)
        {
            // Two-wire gates with data angles (Ising gates): their 4x4 matrices per sample come from the host.
            SampleMatrices = new double[(long)sampleOps.Count * input.Count * SampleMatrixDoubles];
            for (int s = 0; s < sampleOps.Count; s++)
            {
                var op = circuit.Ops[sampleOps[s]];
                for (int b = 0; b < input.Count; b++)
                {
                    op.ResolveAngles(parameters, input.DataRow(b), angles);
                    op.FillMatrix(angles, m);
                    var dst = SampleMatrices.AsSpan((int)(((long)s * input.Count + b) * SampleMatrixDoubles), SampleMatrixDoubles);
                    m.CopyTo(dst);
                    GateMatrices.Dagger(m, 4, dst[32..]);
                }
            }
        }
    }

    public int[] Ints { get; }

    public double[] Doubles { get; }

    public double[] Matrices { get; }

    /// <summary>[slot][sample][64]: per-sample matrices of two-wire gates with data angles (a single 0 when none).</summary>
    public double[] SampleMatrices { get; }

    /// <summary>Number of per-sample matrix slots.</summary>
    public int SampleSlots { get; }

    /// <summary>Trainable-angle occurrences in table order: which parameter, and the angle's scale.</summary>
    public (int Param, double Scale)[] Occurrences { get; }

    private static void Append(List<double> list, ReadOnlySpan<double> values)
    {
        foreach (double v in values)
        {
            list.Add(v);
        }
    }
}
