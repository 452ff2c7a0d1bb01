using System.Numerics;
using SciTransfer.Quantum.Simulation;

namespace SciTransfer.Quantum.Tests;

/// <summary>
/// Issue 21, item 2 (mutation score of the gate kernels): every fixed gate against its textbook matrix (Nielsen &amp;
/// Chuang, ch. 4), written out here as complex entries, not built from the code's helpers. Unitarity alone (the
/// older test) let a sign flip in Y or a swapped Swap entry through, because the mutated matrix is still unitary.
/// Also: Fill and FillDerivative overwrite a dirty buffer (the kernels reuse buffers between gates), the
/// conjugate transpose of a non-unitary matrix, and the errors for kinds without a built-in matrix or angle.
/// </summary>
public sealed class GateMatrixTextbookTests
{
    private static readonly Complex I = Complex.ImaginaryOne;
    private static readonly double R = 1 / Math.Sqrt(2);

    public static TheoryData<GateKind, Complex[,]> FixedGates() => new()
    {
        { GateKind.X, new Complex[,] { { 0, 1 }, { 1, 0 } } },
        { GateKind.Y, new Complex[,] { { 0, -I }, { I, 0 } } },
        { GateKind.Z, new Complex[,] { { 1, 0 }, { 0, -1 } } },
        { GateKind.H, new Complex[,] { { R, R }, { R, -R } } },
        { GateKind.S, new Complex[,] { { 1, 0 }, { 0, I } } },
        { GateKind.Sdg, new Complex[,] { { 1, 0 }, { 0, -I } } },
        { GateKind.T, new Complex[,] { { 1, 0 }, { 0, new Complex(R, R) } } },
        { GateKind.Tdg, new Complex[,] { { 1, 0 }, { 0, new Complex(R, -R) } } },
        { GateKind.Swap, new Complex[,] { { 1, 0, 0, 0 }, { 0, 0, 1, 0 }, { 0, 1, 0, 0 }, { 0, 0, 0, 1 } } },
    };

    [Theory]
    [MemberData(nameof(FixedGates))]
    public void Fixed_gates_equal_their_textbook_matrices_even_in_a_dirty_buffer(GateKind kind, Complex[,] expected)
    {
        int d = expected.GetLength(0);
        foreach (double[] m in new[] { new double[32], Dirty() })
        {
            GateMatrices.Fill(kind, [], m);
            AssertEqual(expected, m, d, $"{kind}");
        }
    }

    [Theory]
    [InlineData(-2.2)]
    [InlineData(0.3)]
    [InlineData(Math.PI / 4)]
    public void Phase_is_diag_1_e_i_phi_and_its_derivative_is_diag_0_i_e_i_phi(double phi)
    {
        var m = Dirty();
        GateMatrices.Fill(GateKind.Phase, [phi], m);
        AssertEqual(new Complex[,] { { 1, 0 }, { 0, Complex.Exp(I * phi) } }, m, 2, "Phase");
        var dm = Dirty();
        GateMatrices.FillDerivative(GateKind.Phase, [phi], 0, dm);
        AssertEqual(new Complex[,] { { 0, 0 }, { 0, I * Complex.Exp(I * phi) } }, dm, 2, "dPhase");
    }

    [Fact]
    public void Parametric_gates_and_their_derivatives_overwrite_a_dirty_buffer()
    {
        double[] angles = [0.7, -1.3, 2.1];
        foreach (GateKind kind in Enum.GetValues<GateKind>())
        {
            if (kind is GateKind.Unitary1 or GateKind.Unitary2)
            {
                continue;
            }

            int n = GateKinds.Arity(kind) == 1 ? 8 : 32;
            var clean = new double[32];
            var dirty = Dirty();
            GateMatrices.Fill(kind, angles, clean);
            GateMatrices.Fill(kind, angles, dirty);
            Assert.Equal(clean.AsSpan(0, n).ToArray(), dirty.AsSpan(0, n).ToArray());
            for (int a = 0; a < GateKinds.AngleCount(kind); a++)
            {
                clean = new double[32];
                dirty = Dirty();
                GateMatrices.FillDerivative(kind, angles, a, clean);
                GateMatrices.FillDerivative(kind, angles, a, dirty);
                Assert.Equal(clean.AsSpan(0, n).ToArray(), dirty.AsSpan(0, n).ToArray());
            }
        }
    }

    [Fact]
    public void Pauli_rotation_derivatives_are_minus_i_half_pauli_times_the_gate()
    {
        // dU/dtheta = -i/2 P U(theta) for U = exp(-i theta P / 2): checked entrywise with P written out here.
        var px = new Complex[,] { { 0, 1 }, { 1, 0 } };
        var py = new Complex[,] { { 0, -I }, { I, 0 } };
        var pz = new Complex[,] { { 1, 0 }, { 0, -1 } };
        foreach (double theta in new[] { -1.9, 0.0, 0.6, 2.8 })
        {
            foreach (var (kind, p) in new[] { (GateKind.RX, px), (GateKind.RY, py), (GateKind.RZ, pz) })
            {
                var u = new double[32];
                GateMatrices.Fill(kind, [theta], u);
                var du = new double[32];
                GateMatrices.FillDerivative(kind, [theta], 0, du);
                var expected = new Complex[2, 2];
                for (int r = 0; r < 2; r++)
                {
                    for (int c = 0; c < 2; c++)
                    {
                        for (int k = 0; k < 2; k++)
                        {
                            expected[r, c] += -I / 2 * p[r, k] * new Complex(u[2 * ((k * 2) + c)], u[(2 * ((k * 2) + c)) + 1]);
                        }
                    }
                }

                AssertEqual(expected, du, 2, $"d{kind}({theta})");
            }
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void Dagger_is_the_conjugate_transpose_of_any_matrix(int d)
    {
        var m = new double[32];
        for (int i = 0; i < 2 * d * d; i++)
        {
            m[i] = (i * 0.37) - (i * i * 0.011) + 0.5; // distinct entries, not unitary
        }

        var md = new double[32];
        GateMatrices.Dagger(m, d, md);
        for (int r = 0; r < d; r++)
        {
            for (int c = 0; c < d; c++)
            {
                var original = new Complex(m[2 * ((c * d) + r)], m[(2 * ((c * d) + r)) + 1]);
                var dagger = new Complex(md[2 * ((r * d) + c)], md[(2 * ((r * d) + c)) + 1]);
                Assert.Equal(Complex.Conjugate(original), dagger);
            }
        }
    }

    [Theory]
    [InlineData(GateKind.Unitary1)]
    [InlineData(GateKind.Unitary2)]
    public void Matrix_kinds_have_no_built_in_matrix(GateKind kind)
    {
        var e = Assert.Throws<ArgumentException>(() => GateMatrices.Fill(kind, [], new double[32]));
        Assert.Contains(kind.ToString(), e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(GateKind.X)]
    [InlineData(GateKind.H)]
    [InlineData(GateKind.Swap)]
    [InlineData(GateKind.Unitary2)]
    public void Kinds_without_an_angle_have_no_derivative(GateKind kind)
    {
        var e = Assert.Throws<ArgumentException>(() => GateMatrices.FillDerivative(kind, [0.5], 0, new double[32]));
        Assert.Contains(kind.ToString(), e.Message, StringComparison.Ordinal);
    }

    private static double[] Dirty()
    {
        var m = new double[32];
        Array.Fill(m, double.NaN);
        return m;
    }

    private static void AssertEqual(Complex[,] expected, double[] m, int d, string what)
    {
        for (int r = 0; r < d; r++)
        {
            for (int c = 0; c < d; c++)
            {
                var actual = new Complex(m[2 * ((r * d) + c)], m[(2 * ((r * d) + c)) + 1]);
                Assert.True((actual - expected[r, c]).Magnitude < 1e-15, $"{what} [{r},{c}] = {actual}, expected {expected[r, c]}");
            }
        }
    }
}
