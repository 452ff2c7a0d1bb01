using SciTransfer.Quantum.Simulation;

namespace SciTransfer.Quantum.Backends.OpenCl;

/// <summary>
/// A circuit flattened for the kernels. Per op, 17 ints: kind, arity, t0, t1, control mask, matrix
/// offset (-1: computed per sample from data angles), is-X, angle count, data slot per angle (3),
/// derivative-matrix offset per trainable angle (3), occurrence index per trainable angle (3).
/// Per op, 6 doubles: scale and offset per angle (trainable and constant angles folded into the offset).
/// <see cref="Matrices"/> holds M then M^dagger for sample-independent ops, and dU/dangle matrices.
/// Gates that mix data and trainable angles are rejected (their derivative would depend on the sample).
/// </summary>
internal sealed class OpenClOpTable
{
    public const int OpInts = 17;
    public const int OpDoubles = 6;

    public OpenClOpTable(CompiledCircuit circuit, ReadOnlySpan<double> parameters)
    {
        int count = circuit.Ops.Count;
        Ints = new int[Math.Max(1, count * OpInts)];
        Doubles = new double[Math.Max(1, count * OpDoubles)];
        var mats = new List<double>();
        var occurrences = new List<(int Param, double Scale)>();
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
            ints[6] = op.Kind == GateKind.X ? 1 : 0;
            ints[7] = op.Angles.Length;
            ints[8] = ints[9] = ints[10] = -1;
            ints[11] = ints[12] = ints[13] = -1;
            ints[14] = ints[15] = ints[16] = -1;
            if (op.IsDataDependent && op.IsTrainable)
            {
                throw new NotSupportedException($"opencl: gate {g} ({op.Kind}) mixes data and trainable angles; use the managed backend for such circuits");
            }

            if (op.IsDataDependent)
            {
                ints[5] = -1;
                for (int a = 0; a < op.Angles.Length; a++)
                {
                    var pr = op.Angles[a];
                    ints[8 + a] = pr.Source == ParamSource.Data ? pr.Index : -1;
                    dbl[a] = pr.Source == ParamSource.Data ? pr.Scale : 0.0;
                    dbl[3 + a] = pr.Source == ParamSource.Data ? pr.Offset : pr.Resolve(parameters, default);
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
    }

    public int[] Ints { get; }

    public double[] Doubles { get; }

    public double[] Matrices { get; }

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
