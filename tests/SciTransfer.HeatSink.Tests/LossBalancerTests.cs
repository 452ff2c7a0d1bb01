using SciTransfer.Core.Random;
using SciTransfer.HeatSink.Nn;
using SciTransfer.HeatSink.Pinn;
using SciTransfer.HeatSink.Pinn.Balancing;

namespace SciTransfer.HeatSink.Tests;

// Constructed two-loss problems: term 0 plays the PDE, term 1 a boundary or data term.
public sealed class LossBalancerTests
{
    [Fact]
    public void Fixed_weights_never_move()
    {
        var b = new FixedWeights([1.0, 3.0]);
        b.Update(0, [5.0, 0.1], null);
        b.Update(1, [1.0, 0.2], null);
        Assert.Equal([1.0, 3.0], b.Weights);
    }

    [Fact]
    public void Uncertainty_weighting_settles_at_inverse_loss_weights()
    {
        var b = new UncertaintyWeighting(2, learningRate: 0.05);
        for (int t = 0; t < 3000; t++)
        {
            b.Update(t, [4.0, 0.01], null);
        }

        // Optimum of exp(-s) L / 2 + s / 2 is exp(s) = L, so w = exp(-s) / 2 = 1 / (2L).
        Assert.Equal(1 / 8.0, b.Weights[0], 2);
        Assert.True(Math.Abs(b.Weights[1] - 50.0) / 50.0 < 0.05, $"w1 = {b.Weights[1]}");
    }

    [Fact]
    public void Learning_rate_annealing_moves_toward_the_gradient_ratio()
    {
        var b = new LearningRateAnnealing(2, referenceTerm: 0, alpha: 0.1, period: 1);
        double[] gPde = [10.0, -2.0, 1.0, 0.5];
        double[] gBc = [0.1, -0.1, 0.1, -0.1];
        b.Update(0, [1.0, 1.0], [gPde, gBc]);

        // w_hat = max|g_pde| / mean|g_bc| = 10 / 0.1 = 100; w = 0.9 * 1 + 0.1 * 100.
        Assert.Equal(10.9, b.Weights[1], 12);
        Assert.Equal(1.0, b.Weights[0]);
    }

    [Fact]
    public void SoftAdapt_gives_more_weight_to_the_loss_that_falls_slowest()
    {
        var b = new SoftAdapt(2, beta: 1.0);
        b.Update(0, [1.0, 1.0], null);
        b.Update(1, [0.5, 1.0], null);

        // Rates -0.5 and 0: weights 2 softmax([-0.5, 0]).
        double e = Math.Exp(-0.5);
        Assert.Equal(2 * e / (e + 1), b.Weights[0], 9);
        Assert.Equal(2 / (e + 1), b.Weights[1], 9);
        Assert.Equal(2.0, b.Weights[0] + b.Weights[1], 12);
    }

    [Fact]
    public void ReLoBRaLo_gives_more_weight_to_the_loss_that_fell_least_since_the_start()
    {
        var b = new ReLoBRaLo(2, new Rng(1), alpha: 0.9, expectedRho: 0.0, temperature: 1.0);
        b.Update(0, [1.0, 1.0], null);
        b.Update(1, [0.1, 1.0], null);

        // rho = 0: w = 0.9 bal(t, 0) + 0.1 bal(t, t-1), both 2 softmax([0.1, 1]).
        double e0 = Math.Exp(0.1);
        double e1 = Math.Exp(1.0);
        Assert.Equal(2 * e1 / (e0 + e1), b.Weights[1], 12);
        Assert.True(b.Weights[1] > b.Weights[0]);
    }

    [Fact]
    public void GradNorm_raises_the_weight_of_the_term_with_the_smaller_gradient()
    {
        var b = new GradNorm(2, alpha: 0.0, learningRate: 0.05);
        double[] big = [10.0, 0.0];
        double[] small = [0.0, 1.0];
        for (int t = 0; t < 200; t++)
        {
            b.Update(t, [1.0, 1.0], [big, small]);
        }

        // alpha = 0: the fixed point equalises w_k ||g_k||, i.e. w = 2 * (1/11, 10/11).
        Assert.True(b.Weights[1] > 5 * b.Weights[0], $"weights {b.Weights[0]}, {b.Weights[1]}");
        Assert.Equal(2.0, b.Weights[0] + b.Weights[1], 9);
        Assert.True(Math.Abs((b.Weights[0] * 10) - b.Weights[1]) < 0.2 * b.Weights[1]);
    }

    [Fact]
    public void Self_adaptive_weights_grow_where_residuals_are_large()
    {
        var set = new ResidualSet("pde", [0, 0, 1, 1, 2, 2], DerivativeOrder.Value);
        var b = new SelfAdaptiveWeights(1, learningRate: 3.0);
        b.UpdatePointWeights([set], [[0.0, 1.0, 2.0]]);

        // lambda += eta r^2 / N.
        Assert.Equal([1.0, 2.0, 5.0], set.PointWeights);
    }

    [Fact]
    public void Every_named_scheme_can_be_created()
    {
        foreach (string name in LossBalancers.Names)
        {
            Assert.Equal(name, LossBalancers.Create(name, 3, 0, new Rng(1)).Name);
        }
    }
}
