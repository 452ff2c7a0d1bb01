using SciTransfer.Quantum.Simulation;

namespace SciTransfer.Quantum.Backends.Managed;

/// <summary>
/// A circuit prepared for one batched call: matrices (and their adjoints and angle derivatives) of
/// gates that do not depend on the sample are computed once here instead of once per sample.
/// </summary>
internal sealed class ManagedPlan
{
    public ManagedPlan(CompiledCircuit circuit, ReadOnlySpan<double> parameters, bool withAdjoint)
    {
        QubitCount = circuit.QubitCount;
        Parameters = parameters.ToArray();
        Ops = new PlannedOp[circuit.Ops.Count];
        Span<double> angles = stackalloc double[3];
        for (int g = 0; g < Ops.Length; g++)
        {
            var op = circuit.Ops[g];
            var p = new PlannedOp(op, ManagedKernels.GroupCount(QubitCount, op.Arity, op.ControlMask));
            if (!op.IsDataDependent)
            {
                op.ResolveAngles(Parameters, default, angles);
                p.Matrix = new double[32];
                op.FillMatrix(angles, p.Matrix);
                if (withAdjoint)
                {
                    p.Dagger = new double[32];
                    GateMatrices.Dagger(p.Matrix, op.Arity == 1 ? 2 : 4, p.Dagger);
                    p.Derivatives = new double[op.Angles.Length][];
                    for (int a = 0; a < op.Angles.Length; a++)
                    {
                        if (op.Angles[a].Source == ParamSource.Trainable)
                        {
                            p.Derivatives[a] = new double[32];
                            GateMatrices.FillDerivative(op.Kind, angles, a, p.Derivatives[a]);
                        }
                    }
                }
            }

            Ops[g] = p;
        }
    }

    public int QubitCount { get; }

    public double[] Parameters { get; }

    public PlannedOp[] Ops { get; }

    /// <summary>One gate with its precomputed matrices (null when they depend on the sample's data).</summary>
    internal sealed class PlannedOp
    {
        public PlannedOp(GateOp op, long groups)
        {
            Op = op;
            Groups = groups;
            IsX = op.Kind == GateKind.X;
            if (op.Kind == GateKind.RY && op.ControlMask == 0 && op.Angles[0].Source == ParamSource.Data)
            {
                RyDataSlot = op.Angles[0].Index;
                RyScale = 0.5 * op.Angles[0].Scale;
                RyOffset = 0.5 * op.Angles[0].Offset;
            }
        }

        /// <summary>Data slot of an uncontrolled data-driven RY (fast path), or -1.</summary>
        public int RyDataSlot { get; } = -1;

        /// <summary>Half-angle = RyScale * x + RyOffset.</summary>
        public double RyScale { get; }

        /// <summary>See <see cref="RyScale"/>.</summary>
        public double RyOffset { get; }

        public GateOp Op { get; }

        public long Groups { get; }

        public bool IsX { get; }

        public double[]? Matrix { get; set; }

        public double[]? Dagger { get; set; }

        public double[]?[]? Derivatives { get; set; }
    }
}
