using SciTransfer.Quantum.Simulation;

namespace SciTransfer.Quantum.Tests;

public sealed class ProbabilitiesTests
{
    [Fact]
    public void Probabilities_sum_to_one_and_single_wire_marginals_equal_one_minus_z_over_two()
    {
        var rng = new Core.Random.Rng(9);
        var c = Support.RandomCircuits.Create(rng, 5, 40, 0, 0);
        using var backend = Backends.BackendSelector.Create("managed", 1, allowFallback: false);
        var state = new double[64];
        backend.Run(c, [], BatchInput.Empty(1), state);
        var full = new double[32];
        Probabilities.Full(state, full);
        Assert.Equal(1.0, full.Sum(), 12);
        for (int q = 0; q < 5; q++)
        {
            var m = new double[2];
            Probabilities.Marginal(state, [q], m);
            Assert.Equal((1 - PauliString.Z(q).Expectation(state)) / 2, m[1], 12);
        }

        var pair = new double[4];
        Probabilities.Marginal(state, [3, 1], pair);
        double expected = full.Where((_, i) => ((i >> 3) & 1) == 1 && ((i >> 1) & 1) == 0).Sum();
        Assert.Equal(expected, pair[1], 12);
    }
}
