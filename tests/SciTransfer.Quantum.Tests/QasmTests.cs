using System.Numerics;
using SciTransfer.Core.Random;
using SciTransfer.Quantum.Gradients;
using SciTransfer.Quantum.Qasm;
using SciTransfer.Quantum.Simulation;
using SciTransfer.Quantum.Tests.Support;

namespace SciTransfer.Quantum.Tests;

/// <summary>OpenQASM 2 reader: parse + simulate against hand-computed states, errors with positions, the QDK oracle.</summary>
public sealed class QasmTests
{
    private static double[] Run(QasmProgram p, double[]? parameters = null)
    {
        using var backend = TestBackends.Create("managed");
        var psi = new double[2 * p.Circuit.Dimension];
        backend.Run(p.Circuit, parameters ?? p.InitialParameters, BatchInput.Empty(1), psi);
        return psi;
    }

    [Fact]
    public void Bell_pair_with_comments_creg_barrier_and_measure()
    {
        var p = QasmReader.Parse("""
            OPENQASM 2.0;
            include "qelib1.inc"; // standard library
            qreg q[2];
            creg c[2];
            h q[0];
            cx q[0],q[1];
            barrier q;
            measure q -> c;
            """);
        double r = 1 / Math.Sqrt(2);
        Assert.True(Approx.MaxAbsDiff(Run(p), Approx.Interleave([r, 0, 0, r])) < 1e-14);
    }

    [Fact]
    public void Rotations_with_pi_expressions_match_hand_computed_amplitudes()
    {
        // ry(pi/3) on q[0]: cos(pi/6)|0> + sin(pi/6)|1>; then u1(-pi/2 + pi) = u1(pi/2) multiplies |1> by i;
        // x on q[1] (second register) sets bit 1: amplitudes at indices 2 and 3.
        var p = QasmReader.Parse("""
            OPENQASM 2.0;
            include "qelib1.inc";
            qreg a[1];
            qreg b[1];
            ry(pi/3) a[0];
            u1(-pi/2 + pi) a[0];
            x b[0];
            """);
        var expected = new[] { Complex.Zero, Complex.Zero, new Complex(Math.Cos(Math.PI / 6), 0), new Complex(0, Math.Sin(Math.PI / 6)) };
        Assert.True(Approx.MaxAbsDiff(Run(p), Approx.Interleave(expected)) < 1e-14);
        Assert.Equal([("a", 0, 1), ("b", 1, 1)], p.Registers);
    }

    [Fact]
    public void U_gates_s_t_and_broadcast_give_the_textbook_states()
    {
        // u2(0, pi) = H; s then t on |1> gives phase e^{i(pi/2 + pi/4)}; broadcast h q puts every wire in |+>.
        var u2 = QasmReader.Parse("OPENQASM 2.0; qreg q[1]; u2(0, pi) q[0];");
        double r = 1 / Math.Sqrt(2);
        Assert.True(Approx.MaxAbsDiff(Run(u2), Approx.Interleave([r, r])) < 1e-14);

        var phases = QasmReader.Parse("OPENQASM 2.0; qreg q[1]; x q[0]; s q[0]; t q[0]; sdg q[0]; tdg q[0]; t q[0];");
        Assert.True(Approx.MaxAbsDiff(Run(phases), Approx.Interleave([0, Complex.FromPolarCoordinates(1, Math.PI / 4)])) < 1e-14);

        var broadcast = QasmReader.Parse("OPENQASM 2.0; qreg q[3]; h q; cz q[0], q[2];");
        var psi = Run(broadcast);
        for (int i = 0; i < 8; i++)
        {
            double sign = (i & 1) != 0 && (i & 4) != 0 ? -1 : 1;
            Assert.Equal(sign / Math.Sqrt(8), psi[2 * i], 14);
        }

        // u3(pi, 0, pi) = X (the simulator's u3 matrix), swap moves it to wire 1, ccx then flips wire 2.
        var u3 = QasmReader.Parse("OPENQASM 2.0; qreg q[3]; u3(pi, 0, pi) q[0]; x q[0]; u3(pi,0,pi) q[0]; swap q[0], q[1]; x q[0]; ccx q[0], q[1], q[2];");
        Assert.True(Approx.MaxAbsDiff(Run(u3), Approx.Interleave([0, 0, 0, 0, 0, 0, 0, 1])) < 1e-14);
    }

    [Fact]
    public void Named_angle_parameters_are_trainable_and_differentiable()
    {
        // <Z0> after ry(2*theta + pi/2) is cos(2 theta + pi/2) = -sin(2 theta); d/dtheta = -2 cos(2 theta).
        var p = QasmReader.Parse("OPENQASM 2.0; qreg q[2]; ry(2*theta + pi/2) q[0]; crx(phi) q[0], q[1];");
        Assert.Equal(["theta", "phi"], p.ParameterNames);
        using var backend = TestBackends.Create("managed");
        double[] theta = [0.3, 0.8];
        var values = new double[1];
        var grad = new double[2];
        backend.ExpectationsAndGradient(p.Circuit, theta, BatchInput.Empty(1), PauliString.Z(0), [1.0], values, grad);
        Assert.Equal(-Math.Sin(0.6), values[0], 13);
        Assert.Equal(-2 * Math.Cos(0.6), grad[0], 12);
        Assert.Equal(0, grad[1], 12);
        var shift = ParameterShift.Gradient(backend, p.Circuit, theta, BatchInput.Empty(1), PauliString.Parse("Z1"), [1.0]);
        backend.ExpectationsAndGradient(p.Circuit, theta, BatchInput.Empty(1), PauliString.Parse("Z1"), [1.0], values, grad);
        Assert.True(Approx.MaxAbsDiff(shift, grad) < 1e-10);
    }

    [Fact]
    public void Angle_parameters_mode_makes_every_literal_angle_trainable_from_its_value()
    {
        var p = QasmReader.Parse("OPENQASM 2.0; qreg q[1]; rx(0.25) q[0]; u3(1, 2, 3) q[0];", angleParameters: true);
        Assert.Equal([0.25, 1, 2, 3], p.InitialParameters);
        Assert.Equal(4, p.Circuit.ParameterCount);
        var fixedCircuit = QasmReader.Parse("OPENQASM 2.0; qreg q[1]; rx(0.25) q[0]; u3(1, 2, 3) q[0];");
        Assert.True(Approx.MaxAbsDiff(Run(p), Run(fixedCircuit)) < 1e-15);
    }

    [Theory]
    [InlineData("qreg q[1];", 1, 1, "OPENQASM")]
    [InlineData("OPENQASM 3.0;", 1, 10, "only OpenQASM 2")]
    [InlineData("OPENQASM 2.0;\nqreg q[2];\nfoo q[0];", 3, 1, "unknown gate 'foo'")]
    [InlineData("OPENQASM 2.0;\nqreg q[2];\nh q[2];", 3, 5, "out of range")]
    [InlineData("OPENQASM 2.0;\nqreg q[2];\nrx(pi q[0];", 3, 7, "expected ')'")]
    [InlineData("OPENQASM 2.0;\nqreg q[2];\nrx(a*b) q[0];", 3, 5, "product of two parameters")]
    [InlineData("OPENQASM 2.0;\nqreg q[2];\ncx q[0], q[0];", 3, 1, "qubit twice")]
    [InlineData("OPENQASM 2.0;\nqreg q[2];\ncreg c[2];\nmeasure q -> c;\nh q[1];", 5, 1, "after it was measured")]
    [InlineData("OPENQASM 2.0;\ninclude \"other.inc\";", 2, 9, "qelib1.inc")]
    [InlineData("OPENQASM 2.0;\nqreg q[1];\ngate g a { h a; }", 3, 1, "not supported")]
    [InlineData("OPENQASM 2.0;\nqreg q[1];\nrx(1,2) q[0];", 3, 1, "takes 1 parameters")]
    [InlineData("OPENQASM 2.0;\nqreg q[1];\nh q[0] $", 3, 8, "unexpected character")]
    public void Errors_name_line_and_column(string text, int line, int column, string fragment)
    {
        var e = Assert.Throws<QasmException>(() => QasmReader.Parse(text, "bad.qasm"));
        Assert.Equal(line, e.Line);
        Assert.Equal(column, e.Column);
        Assert.Contains(fragment, e.Message);
        Assert.StartsWith($"bad.qasm:{line}:{column}:", e.Message);
    }

    [Trait("Category", "Slow")]
    [QdkFact]
    public void Random_qasm_programs_match_the_QDK_simulator()
    {
        // Random qelib1 programs, written as text, parsed, then run by us and by the QDK (through the parsed gate list).
        var rng = new Rng(4242);
        string[] one = ["x", "y", "z", "h", "s", "sdg", "t", "tdg"];
        string[] rot = ["rx", "ry", "rz", "u1"];
        var circuits = new List<(CompiledCircuit Circuit, double[] P, double[] X)>();
        foreach (int n in new[] { 2, 3, 5, 7 })
        {
            var text = new System.Text.StringBuilder($"OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[{n}];\n");
            for (int g = 0; g < 12 * n; g++)
            {
                int a = rng.NextInt(n), b = (a + 1 + rng.NextInt(n - 1)) % n;
                string angle = $"{rng.Uniform(-3, 3).ToString("R", System.Globalization.CultureInfo.InvariantCulture)}*pi/4";
                text.AppendLine(rng.NextInt(7) switch
                {
                    0 => $"{one[rng.NextInt(one.Length)]} q[{a}];",
                    1 => $"{rot[rng.NextInt(rot.Length)]}({angle}) q[{a}];",
                    2 => $"u3({angle}, -{angle}, pi/7) q[{a}];",
                    3 => $"u2({angle}, pi/3) q[{a}];",
                    4 => $"{(rng.NextInt(2) == 0 ? "cx" : "cz")} q[{a}], q[{b}];",
                    5 => $"{(rng.NextInt(2) == 0 ? "crz" : "cu1")}({angle}) q[{a}], q[{b}];",
                    _ => $"{(rng.NextInt(2) == 0 ? "swap" : "rzz(" + angle + ")")} q[{a}], q[{b}];",
                });
            }

            circuits.Add((QasmReader.Parse(text.ToString(), $"random-{n}.qasm").Circuit, [], []));
        }

        var oracle = QdkCrossCheckTests.RunOracle(circuits);
        for (int i = 0; i < circuits.Count; i++)
        {
            var ours = Run(new QasmProgram(circuits[i].Circuit, [], [], []));
            var theirs = oracle[i];
            int k = 0;
            for (int j = 1; j < theirs.Length; j++)
            {
                k = theirs[j].Magnitude > theirs[k].Magnitude ? j : k;
            }

            var phase = new Complex(ours[2 * k], ours[(2 * k) + 1]) / theirs[k];
            double max = 0;
            for (int j = 0; j < theirs.Length; j++)
            {
                max = Math.Max(max, (new Complex(ours[2 * j], ours[(2 * j) + 1]) - (phase * theirs[j])).Magnitude);
            }

            Assert.True(max < 1e-10, $"circuit {i}: largest amplitude difference {max}");
        }
    }
}
