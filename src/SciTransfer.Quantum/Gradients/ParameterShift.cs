using SciTransfer.Quantum.Backends;
using SciTransfer.Quantum.Simulation;

namespace SciTransfer.Quantum.Gradients;

/// <summary>
/// Parameter-shift gradients, kept as an independent check of the adjoint method (they only run the
/// circuit forward). Each occurrence of a trainable angle is shifted on its own. Gates whose generator
/// has two eigenvalues (uncontrolled Pauli rotations, Ising gates, U3, phase and controlled phase) use
/// the two-term rule (f(+pi/2) - f(-pi/2)) / 2; controlled Pauli rotations (eigenvalues 0, +-1/2) use
/// the four-term rule with shifts pi/2 and 3pi/2 and coefficients (sqrt2 +- 1) / (4 sqrt2).
/// Costs 2 or 4 batched runs per occurrence.
/// </summary>
public static class ParameterShift
{
    /// <summary>gradient[k] = sum_b weights[b] d&lt;P&gt;_b / d theta_k.</summary>
    public static double[] Gradient(
        QuantumBackend backend,
        CompiledCircuit circuit,
        ReadOnlySpan<double> parameters,
        BatchInput input,
        PauliString observable,
        ReadOnlySpan<double> weights)
    {
        var values = new double[input.Count];
        double[] w = weights.ToArray(), p = parameters.ToArray();
        return Gradient(circuit, (c, _) =>
        {
            backend.Expectations(c, p, input, observable, values);
            double acc = 0;
            for (int b = 0; b < values.Length; b++)
            {
                acc += w[b] * values[b];
            }

            return acc;
        });
    }

    /// <summary>
    /// The shift rules over any estimator of a scalar f(circuit): <paramref name="weightedValue"/> gets a shifted
    /// circuit (same parameters) and the index of the evaluation (0, 1, 2, ... in a fixed order), so a shot-based
    /// estimator can draw independent shots per evaluation and stay deterministic.
    /// </summary>
    public static double[] Gradient(CompiledCircuit circuit, Func<CompiledCircuit, int, double> weightedValue)
    {
        var grad = new double[circuit.ParameterCount];
        int evaluation = 0;
        double F(CompiledCircuit c) => weightedValue(c, evaluation++);
        for (int g = 0; g < circuit.Ops.Count; g++)
        {
            var op = circuit.Ops[g];
            for (int a = 0; a < op.Angles.Length; a++)
            {
                var pr = op.Angles[a];
                if (pr.Source != ParamSource.Trainable)
                {
                    continue;
                }

                bool controlledRotation = op.ControlMask != 0 && op.Kind is GateKind.RX or GateKind.RY or GateKind.RZ
                    or GateKind.IsingXX or GateKind.IsingYY or GateKind.IsingZZ;
                if (op.ControlMask != 0 && op.Kind == GateKind.U3)
                {
                    throw new NotSupportedException("ParameterShift: controlled U3 has no shift rule here; use the adjoint gradient");
                }

                double d;
                if (controlledRotation)
                {
                    double c1 = (Math.Sqrt(2) + 1) / (4 * Math.Sqrt(2)), c2 = (Math.Sqrt(2) - 1) / (4 * Math.Sqrt(2));
                    d = (c1 * (F(Shift(circuit, g, a, Math.PI / 2)) - F(Shift(circuit, g, a, -Math.PI / 2))))
                        - (c2 * (F(Shift(circuit, g, a, 3 * Math.PI / 2)) - F(Shift(circuit, g, a, -3 * Math.PI / 2))));
                }
                else
                {
                    d = 0.5 * (F(Shift(circuit, g, a, Math.PI / 2)) - F(Shift(circuit, g, a, -Math.PI / 2)));
                }

                grad[pr.Index] += pr.Scale * d;
            }
        }

        return grad;
    }

    // The same circuit with angle a of gate g offset by delta.
    private static CompiledCircuit Shift(CompiledCircuit circuit, int g, int a, double delta)
    {
        var ops = circuit.Ops.ToArray();
        var op = ops[g];
        var angles = (ParamRef[])op.Angles.Clone();
        angles[a] = angles[a] with { Offset = angles[a].Offset + delta };
        ops[g] = new GateOp(op.Kind, op.Target0, op.Target1, op.ControlMask, angles, op.Matrix);
        return new CompiledCircuit(circuit.QubitCount, ops, circuit.ParameterCount, circuit.DataWidth);
    }
}
