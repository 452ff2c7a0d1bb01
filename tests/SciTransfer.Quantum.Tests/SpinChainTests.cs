using SciTransfer.Quantum.Data;

namespace SciTransfer.Quantum.Tests;

public sealed class SpinChainTests
{
    [Theory]
    [InlineData(4, 0.3)]
    [InlineData(8, 0.5)]
    [InlineData(8, 1.0)]
    [InlineData(8, 1.7)]
    public void Lanczos_ising_ground_energy_matches_the_free_fermion_solution(int n, double g)
    {
        // Periodic TFIM, even-parity sector: E0 = -sum_k sqrt(1 + g^2 - 2 g cos k), k = (2m+1) pi / n.
        double exact = 0;
        for (int m = 0; m < n; m++)
        {
            exact -= Math.Sqrt(1 + (g * g) - (2 * g * Math.Cos((2 * m + 1) * Math.PI / n)));
        }

        var (e, psi) = SpinChains.GroundState(n, (x, y) => SpinChains.ApplyIsing(n, g, x, y));
        Assert.Equal(exact, e, 9);
        Assert.Equal(1.0, psi.Sum(v => v * v), 12);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.7)]
    [InlineData(1.0)]
    [InlineData(1.9)]
    public void Lanczos_xxz_ground_state_is_an_eigenvector_with_the_dense_lowest_eigenvalue(double delta)
    {
        const int n = 8;
        void H(double[] x, double[] y) => SpinChains.ApplyXxz(n, delta, x, y);
        var (e, psi) = SpinChains.GroundState(n, H);
        Assert.Equal(SpinChains.DenseGroundEnergy(n, H), e, 9);
        var hpsi = new double[psi.Length];
        H(psi, hpsi);
        double residual = Math.Sqrt(hpsi.Select((v, i) => (v - (e * psi[i])) * (v - (e * psi[i]))).Sum());
        Assert.True(residual < 1e-7, $"||H psi - E psi|| = {residual}");
    }

    [Fact]
    public void Heisenberg_point_has_the_known_four_site_singlet_energy_and_isotropic_correlations()
    {
        // XXZ at Delta = 1 is the Heisenberg chain sum sigma.sigma; n = 4 periodic: E0 = -8.
        var (e, psi) = SpinChains.GroundState(4, (x, y) => SpinChains.ApplyXxz(4, 1.0, x, y));
        Assert.Equal(-8.0, e, 9);
        var zz = new double[4];
        SpinChains.ZzCorrelators(4, psi, zz);
        // Isotropy: <X X + Y Y + Z Z> per bond = E0 / n and each term is a third of it.
        Assert.All(zz, v => Assert.Equal(-8.0 / 4 / 3, v, 9));
    }
    [Theory]
    [InlineData(4, 0.0, -5.656854249492)]
    [InlineData(4, 0.5, -6.744562646538)]
    [InlineData(4, 2.0, -10.928203230276)]
    [InlineData(6, 0.0, -8.000000000000)]
    [InlineData(6, 0.5, -9.472135955000)]
    [InlineData(6, 1.0, -11.211102550928)]
    [InlineData(6, 2.0, -15.423090026544)]
    public void Xxz_ground_energies_match_an_independent_dense_diagonalisation(int n, double delta, double energy)
    {
        // Literal values: the Hamiltonian assembled from Kronecker products of 2x2 Pauli matrices and diagonalised
        // by Jacobi rotations in a separate Python script (docs/testing.md); here the same route in C# as a check.
        Assert.Equal(energy, JacobiLowestEigenvalue(KroneckerXxz(n, delta)), 1e-9);
        var (e, _) = SpinChains.GroundState(n, (x, y) => SpinChains.ApplyXxz(n, delta, x, y));
        Assert.Equal(energy, e, 1e-9);
    }

    [Theory]
    [InlineData(4, -2.0)]
    [InlineData(6, -2.802775637732)] // -(2 + sqrt 13) / 2
    [InlineData(8, -3.651093408937)]
    public void Heisenberg_rings_have_the_published_ground_energies(int n, double energyPerSpinSquared)
    {
        // Published E0 of the periodic spin-1/2 Heisenberg ring in S.S units (Bonner and Fisher 1964; exact
        // diagonalisation tables); the code's XXZ at Delta = 1 is sum sigma.sigma = 4 S.S.
        var (e, _) = SpinChains.GroundState(n, (x, y) => SpinChains.ApplyXxz(n, 1.0, x, y));
        Assert.Equal(4 * energyPerSpinSquared, e, 1e-8);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(6)]
    [InlineData(8)]
    [InlineData(10)]
    public void Xx_chain_ground_energy_is_the_filled_free_fermion_sea(int n)
    {
        // Delta = 0: Jordan-Wigner fermions with energies 4 cos k at half filling; n/2 fermions see antiperiodic
        // momenta k = (2m+1) pi/n when n/2 is even and periodic k = 2 pi m/n when it is odd; fill cos k < 0.
        double exact = 0;
        for (int m = 0; m < n; m++)
        {
            double k = (n / 2) % 2 == 0 ? (2 * m + 1) * Math.PI / n : 2 * m * Math.PI / n;
            exact += Math.Min(0, 4 * Math.Cos(k));
        }

        var (e, _) = SpinChains.GroundState(n, (x, y) => SpinChains.ApplyXxz(n, 0.0, x, y));
        Assert.Equal(exact, e, 1e-9);
    }

    [Theory]
    [InlineData(4, 0.0)]
    [InlineData(4, 0.6)]
    [InlineData(6, 1.0)]
    [InlineData(6, 3.0)]
    public void Ising_ground_energies_match_an_independent_dense_diagonalisation(int n, double g)
    {
        var h = new double[1 << n, 1 << n];
        for (int i = 0; i < n; i++)
        {
            AddInto(h, Kron(n, new() { [i] = PauliZ, [(i + 1) % n] = PauliZ }), -1);
            AddInto(h, Kron(n, new() { [i] = PauliX }), -g);
        }

        var (e, _) = SpinChains.GroundState(n, (x, y) => SpinChains.ApplyIsing(n, g, x, y));
        Assert.Equal(JacobiLowestEigenvalue(h), e, 1e-9);
    }

    private static readonly double[,] PauliX = { { 0, 1 }, { 1, 0 } };
    private static readonly double[,] PauliZ = { { 1, 0 }, { 0, -1 } };

    // Y (x) Y is real: (i)(i) terms give -1 on |00>,|11> couplings and +1 on |01>,|10>; built from iY = [[0, 1], [-1, 0]].
    private static readonly double[,] IY = { { 0, 1 }, { -1, 0 } };

    private static double[,] KroneckerXxz(int n, double delta)
    {
        var h = new double[1 << n, 1 << n];
        for (int i = 0; i < n; i++)
        {
            int j = (i + 1) % n;
            AddInto(h, Kron(n, new() { [i] = PauliX, [j] = PauliX }), 1);
            AddInto(h, Kron(n, new() { [i] = IY, [j] = IY }), -1); // Y(x)Y = (-i iY)(x)(-i iY) = -(iY (x) iY)
            AddInto(h, Kron(n, new() { [i] = PauliZ, [j] = PauliZ }), delta);
        }

        return h;
    }

    /// <summary>The n-site operator with the given single-site matrices (identity elsewhere); qubit k = bit k.</summary>
    private static double[,] Kron(int n, Dictionary<int, double[,]> sites)
    {
        double[,] m = { { 1 } };
        for (int k = n - 1; k >= 0; k--)
        {
            var a = sites.GetValueOrDefault(k) ?? new double[,] { { 1, 0 }, { 0, 1 } };
            int d = m.GetLength(0);
            var r = new double[2 * d, 2 * d];
            for (int i = 0; i < 2 * d; i++)
            {
                for (int c = 0; c < 2 * d; c++)
                {
                    r[i, c] = m[i / 2, c / 2] * a[i % 2, c % 2];
                }
            }

            m = r;
        }

        return m;
    }

    private static void AddInto(double[,] h, double[,] term, double scale)
    {
        for (int i = 0; i < h.GetLength(0); i++)
        {
            for (int j = 0; j < h.GetLength(1); j++)
            {
                h[i, j] += scale * term[i, j];
            }
        }
    }

    /// <summary>Cyclic Jacobi rotations until the off-diagonal mass is below 1e-24; returns the least diagonal entry.</summary>
    private static double JacobiLowestEigenvalue(double[,] input)
    {
        var a = (double[,])input.Clone();
        int n = a.GetLength(0);
        for (int sweep = 0; sweep < 100; sweep++)
        {
            double off = 0;
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    off += i == j ? 0 : a[i, j] * a[i, j];
                }
            }

            if (off < 1e-24)
            {
                break;
            }

            for (int p = 0; p < n; p++)
            {
                for (int q = p + 1; q < n; q++)
                {
                    if (a[p, q] == 0)
                    {
                        continue;
                    }

                    double theta = (a[q, q] - a[p, p]) / (2 * a[p, q]);
                    double t = (theta >= 0 ? 1 : -1) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1));
                    double c = 1 / Math.Sqrt((t * t) + 1), s = t * c;
                    for (int k = 0; k < n; k++)
                    {
                        double akp = a[k, p], akq = a[k, q];
                        a[k, p] = (c * akp) - (s * akq);
                        a[k, q] = (s * akp) + (c * akq);
                    }

                    for (int k = 0; k < n; k++)
                    {
                        double apk = a[p, k], aqk = a[q, k];
                        a[p, k] = (c * apk) - (s * aqk);
                        a[q, k] = (s * apk) + (c * aqk);
                    }
                }
            }
        }

        double min = double.PositiveInfinity;
        for (int i = 0; i < n; i++)
        {
            min = Math.Min(min, a[i, i]);
        }

        return min;
    }
}
