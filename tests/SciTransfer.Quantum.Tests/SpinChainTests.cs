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
}
