using System.Numerics;
using SciTransfer.Quantum.Simulation;
using SciTransfer.Quantum.Tests.Support;

namespace SciTransfer.Quantum.Tests;

public sealed class GateMatricesTests
{
    private static readonly Complex I = Complex.ImaginaryOne;
    private static readonly Complex[,] Px = { { 0, 1 }, { 1, 0 } };
    private static readonly Complex[,] Py = { { 0, -I }, { I, 0 } };
    private static readonly Complex[,] Pz = { { 1, 0 }, { 0, -1 } };

    [Fact]
    public void Rotations_equal_cos_identity_minus_i_sin_pauli_from_textbook_matrices()
    {
        foreach (double theta in new[] { -2.7, -0.4, 0.0, 0.9, 3.1 })
        {
            var expectedRx = RotationOf(Px, theta);
            var expectedRy = RotationOf(Py, theta);
            var expectedRz = RotationOf(Pz, theta);
            AssertMatrix(expectedRx, GateKind.RX, [theta]);
            AssertMatrix(expectedRy, GateKind.RY, [theta]);
            AssertMatrix(expectedRz, GateKind.RZ, [theta]);
            AssertMatrix(RotationOf(Kron(Px, Px), theta), GateKind.IsingXX, [theta]);
            AssertMatrix(RotationOf(Kron(Py, Py), theta), GateKind.IsingYY, [theta]);
            AssertMatrix(RotationOf(Kron(Pz, Pz), theta), GateKind.IsingZZ, [theta]);
        }
    }

    [Fact]
    public void U3_reduces_to_known_gates_and_equals_rz_ry_rz_up_to_phase()
    {
        // U3(pi/2, 0, pi) = H, U3(theta, 0, 0) = RY(theta)
        AssertMatrix(new Complex[,] { { 1 / Math.Sqrt(2), 1 / Math.Sqrt(2) }, { 1 / Math.Sqrt(2), -1 / Math.Sqrt(2) } }, GateKind.U3, [Math.PI / 2, 0, Math.PI]);
        AssertMatrix(RotationOf(Py, 0.7), GateKind.U3, [0.7, 0, 0]);
        double t = 0.8, p = -1.1, l = 2.3;
        var product = Mul(Mul(RotationOf(Pz, p), RotationOf(Py, t)), RotationOf(Pz, l));
        var phase = Complex.Exp(I * (p + l) / 2);
        var expected = new Complex[2, 2];
        for (int r = 0; r < 2; r++)
        {
            for (int c = 0; c < 2; c++)
            {
                expected[r, c] = phase * product[r, c];
            }
        }

        AssertMatrix(expected, GateKind.U3, [t, p, l]);
    }

    [Fact]
    public void Every_built_in_gate_is_unitary_and_derivatives_match_central_differences()
    {
        var rng = new Core.Random.Rng(5);
        foreach (GateKind kind in Enum.GetValues<GateKind>())
        {
            if (kind is GateKind.Unitary1 or GateKind.Unitary2)
            {
                continue;
            }

            int d = GateKinds.Arity(kind) == 1 ? 2 : 4;
            var angles = RandomCircuits.RandomVector(rng, 3, -3, 3);
            var m = new double[32];
            GateMatrices.Fill(kind, angles, m);
            var md = new double[32];
            GateMatrices.Dagger(m, d, md);
            var product = Mul(ToComplex(m, d), ToComplex(md, d));
            for (int r = 0; r < d; r++)
            {
                for (int c = 0; c < d; c++)
                {
                    Assert.True((product[r, c] - (r == c ? 1 : 0)).Magnitude < 1e-14, $"{kind} is not unitary");
                }
            }

            for (int a = 0; a < GateKinds.AngleCount(kind); a++)
            {
                var dm = new double[32];
                GateMatrices.FillDerivative(kind, angles, a, dm);
                var plus = (double[])angles.Clone();
                var minus = (double[])angles.Clone();
                plus[a] += 1e-6;
                minus[a] -= 1e-6;
                var mp = new double[32];
                var mm = new double[32];
                GateMatrices.Fill(kind, plus, mp);
                GateMatrices.Fill(kind, minus, mm);
                for (int i = 0; i < 2 * d * d; i++)
                {
                    Assert.True(Math.Abs(dm[i] - ((mp[i] - mm[i]) / 2e-6)) < 1e-8, $"{kind} angle {a} entry {i}");
                }
            }
        }
    }

    private static void AssertMatrix(Complex[,] expected, GateKind kind, double[] angles)
    {
        int d = expected.GetLength(0);
        var m = new double[32];
        GateMatrices.Fill(kind, angles, m);
        var actual = ToComplex(m, d);
        for (int r = 0; r < d; r++)
        {
            for (int c = 0; c < d; c++)
            {
                Assert.True((actual[r, c] - expected[r, c]).Magnitude < 1e-14, $"{kind}({string.Join(",", angles)}) [{r},{c}] = {actual[r, c]}, expected {expected[r, c]}");
            }
        }
    }

    private static Complex[,] RotationOf(Complex[,] p, double theta)
    {
        int d = p.GetLength(0);
        var r = new Complex[d, d];
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                r[i, j] = ((i == j ? 1 : 0) * Math.Cos(theta / 2)) - (I * Math.Sin(theta / 2) * p[i, j]);
            }
        }

        return r;
    }

    // First factor = most significant local bit (the gate's first wire).
    private static Complex[,] Kron(Complex[,] a, Complex[,] b)
    {
        var r = new Complex[4, 4];
        for (int i = 0; i < 4; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                r[i, j] = a[i >> 1, j >> 1] * b[i & 1, j & 1];
            }
        }

        return r;
    }

    private static Complex[,] Mul(Complex[,] a, Complex[,] b)
    {
        int d = a.GetLength(0);
        var r = new Complex[d, d];
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                for (int k = 0; k < d; k++)
                {
                    r[i, j] += a[i, k] * b[k, j];
                }
            }
        }

        return r;
    }

    private static Complex[,] ToComplex(double[] m, int d)
    {
        var r = new Complex[d, d];
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                r[i, j] = new Complex(m[2 * (i * d + j)], m[2 * (i * d + j) + 1]);
            }
        }

        return r;
    }
}
