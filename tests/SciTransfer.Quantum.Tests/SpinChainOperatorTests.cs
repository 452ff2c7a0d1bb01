using MathNet.Numerics.LinearAlgebra;
using SciTransfer.Quantum.Data;

namespace SciTransfer.Quantum.Tests;

/// <summary>
/// The spin-chain operators against Hamiltonians assembled independently from Pauli matrices by Kronecker products,
/// and the Lanczos solver's sector, stopping and output contracts. The energy tests of <see cref="SpinChainTests"/>
/// cannot see sign errors that leave the spectrum unchanged (on an even ring, +ZZ and -ZZ are unitarily equivalent
/// by flipping every other spin, and -gX and +gX by a global Z rotation); these compare matrix elements.
/// </summary>
public sealed class SpinChainOperatorTests
{
    // Basis index bit s = spin s, 0 = up (Z = +1); a Kronecker product's first factor is the most significant bit, so
    // the factors run over sites n-1 .. 0.
    private static readonly Matrix<double> I2 = Matrix<double>.Build.DenseIdentity(2);
    private static readonly Matrix<double> PauliX = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 1 }, { 1, 0 } });
    private static readonly Matrix<double> PauliZ = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0 }, { 0, -1 } });
    // i Y, which is real: Y (x) Y = -(iY) (x) (iY).
    private static readonly Matrix<double> ITimesPauliY = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 1 }, { -1, 0 } });

    [Theory]
    [InlineData(3, 0.7)]
    [InlineData(4, 0.3)]
    [InlineData(5, 1.6)]
    public void Ising_operator_equals_the_kronecker_sum_of_its_pauli_terms(int n, double g)
    {
        // H = -sum_s Z_s Z_{s+1} - g sum_s X_s, periodic.
        var h = Zero(n);
        for (int s = 0; s < n; s++)
        {
            h -= Pair(n, s, (s + 1) % n, PauliZ, PauliZ);
            h -= g * Single(n, s, PauliX);
        }

        AssertOperatorEquals(h, n, (x, y) => SpinChains.ApplyIsing(n, g, x, y));
    }

    [Theory]
    [InlineData(3, 0.4)]
    [InlineData(4, 1.3)]
    [InlineData(5, -0.6)]
    public void Xxz_operator_equals_the_kronecker_sum_of_its_pauli_terms(int n, double delta)
    {
        // H = sum_s X_s X_{s+1} + Y_s Y_{s+1} + Delta Z_s Z_{s+1}, periodic.
        var h = Zero(n);
        for (int s = 0; s < n; s++)
        {
            int t = (s + 1) % n;
            h += Pair(n, s, t, PauliX, PauliX);
            h -= Pair(n, s, t, ITimesPauliY, ITimesPauliY);
            h += delta * Pair(n, s, t, PauliZ, PauliZ);
        }

        AssertOperatorEquals(h, n, (x, y) => SpinChains.ApplyXxz(n, delta, x, y));
    }

    [Fact]
    public void Deep_in_the_ordered_phase_the_ising_ground_state_is_the_spin_flip_symmetric_one()
    {
        // At g = 0.05 on 8 sites the even and odd sector ground states are split by ~2 g^8 ~ 1e-10, far below the
        // solver's tolerance, so an unsymmetrised Lanczos run converges to an arbitrary mixture of the two. The solver
        // works per sector and returns the even one on such a tie: psi(i) = psi(~i), with the exact energy.
        const int n = 8;
        const double g = 0.05;
        void H(double[] x, double[] y) => SpinChains.ApplyIsing(n, g, x, y);
        var (e, psi) = SpinChains.GroundState(n, H);
        Assert.Equal(SpinChains.DenseGroundEnergy(n, H), e, 9);
        AssertParity(psi, n, +1);
    }

    [Fact]
    public void The_six_site_heisenberg_ring_ground_state_is_odd_under_the_global_spin_flip()
    {
        // Marshall's sign rule: the XXZ ring's ground state has spin-flip parity (-1)^{n/2}; for n = 6 it is odd, and
        // the odd sector is lower by a finite gap, so the odd solution must be returned.
        const int n = 6;
        void H(double[] x, double[] y) => SpinChains.ApplyXxz(n, 1.0, x, y);
        var (e, psi) = SpinChains.GroundState(n, H);
        Assert.Equal(SpinChains.DenseGroundEnergy(n, H), e, 9);
        AssertParity(psi, n, -1);
    }

    [Fact]
    public void Lanczos_stops_when_the_ritz_residual_is_below_the_tolerance()
    {
        // On 8 sites (dimension 256) the TFIM ground state converges to 1e-12 in a few dozen Lanczos steps per sector;
        // a solver whose stopping rule never fired would apply H maxIterations = 120 times in each of the two sectors.
        const int n = 8;
        int applications = 0;
        var (e, _) = SpinChains.GroundState(n, (x, y) =>
        {
            applications++;
            SpinChains.ApplyIsing(n, 0.8, x, y);
        });
        Console.WriteLine($"Lanczos applications over both sectors: {applications}");
        Assert.InRange(applications, 2, 2 * 60);
        Assert.Equal(SpinChains.DenseGroundEnergy(n, (x, y) => SpinChains.ApplyIsing(n, 0.8, x, y)), e, 9);
    }

    [Fact]
    public void Zz_correlators_overwrite_the_destination_and_match_the_pauli_expectations()
    {
        const int n = 4;
        var (_, psi) = SpinChains.GroundState(n, (x, y) => SpinChains.ApplyIsing(n, 0.9, x, y));
        var zz = new double[n + 1];
        Array.Fill(zz, double.NaN);
        SpinChains.ZzCorrelators(n, psi, zz);
        var v = Vector<double>.Build.DenseOfArray(psi);
        for (int s = 0; s < n; s++)
        {
            double expected = v.DotProduct(Pair(n, s, (s + 1) % n, PauliZ, PauliZ) * v);
            Assert.Equal(expected, zz[s], 12);
            Assert.True(zz[s] > 0, "ferromagnetic chain: aligned neighbours");
        }

        Assert.True(double.IsNaN(zz[n]), "only destination[0..n) is written");
    }

    private static Matrix<double> Zero(int n) => Matrix<double>.Build.Dense(1 << n, 1 << n);

    private static Matrix<double> Single(int n, int site, Matrix<double> op) => Product(n, s => s == site ? op : I2);

    private static Matrix<double> Pair(int n, int a, int b, Matrix<double> opA, Matrix<double> opB) =>
        Product(n, s => s == a ? opA : s == b ? opB : I2);

    private static Matrix<double> Product(int n, Func<int, Matrix<double>> factor)
    {
        var m = factor(n - 1);
        for (int s = n - 2; s >= 0; s--)
        {
            m = m.KroneckerProduct(factor(s));
        }

        return m;
    }

    // Every column of the operator against the matrix, applied to basis vectors over garbage-filled outputs.
    private static void AssertOperatorEquals(Matrix<double> expected, int n, Action<double[], double[]> apply)
    {
        int dim = 1 << n;
        var e = new double[dim];
        var column = new double[dim];
        for (int j = 0; j < dim; j++)
        {
            Array.Clear(e);
            e[j] = 1;
            Array.Fill(column, 1e3);
            apply(e, column);
            for (int i = 0; i < dim; i++)
            {
                // 1e-12: the diagonal sums the same +-1 and +-Delta terms in another order.
                Assert.True(Math.Abs(expected[i, j] - column[i]) < 1e-12, $"H[{i}, {j}]: Pauli sum {expected[i, j]}, operator {column[i]}");
            }
        }
    }

    private static void AssertParity(double[] psi, int n, int parity)
    {
        int mask = (1 << n) - 1;
        for (int i = 0; i < psi.Length; i++)
        {
            Assert.True(Math.Abs(psi[i] - (parity * psi[~i & mask])) < 1e-8, $"psi[{i}] = {psi[i]}, psi[{~i & mask}] = {psi[~i & mask]}: not of parity {parity}");
        }
    }
}
