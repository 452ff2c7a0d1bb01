using SciTransfer.Core.Random;
using SciTransfer.HeatSink.Nn;
using SciTransfer.HeatSink.Pinn;
using SciTransfer.HeatSink.Pinn.Balancing;

namespace SciTransfer.HeatSink.Tests;

// Each scheme's update against a hand computation on small numbers (the expected values are worked out in the
// comments, or by independent arithmetic in the test, never by calling the scheme's own code).
public sealed class LossBalancerTests
{
    // One bias-corrected Adam step (beta 0.9 / 0.999, eps 1e-8) on a scalar, written out for the tests.
    private static double AdamStep(ref double m, ref double v, int t, double g, double lr)
    {
        m = (0.9 * m) + (0.1 * g);
        v = (0.999 * v) + (0.001 * g * g);
        double mh = m / (1 - Math.Pow(0.9, t));
        double vh = v / (1 - Math.Pow(0.999, t));
        return lr * mh / (Math.Sqrt(vh) + 1e-8);
    }

    [Fact]
    public void Fixed_weights_never_move()
    {
        var b = new FixedWeights([1.0, 3.0]);
        b.Update(0, [5.0, 0.1], null);
        b.Update(1, [1.0, 0.2], null);
        Assert.Equal([1.0, 3.0], b.Weights);
    }

    [Fact]
    public void Uncertainty_weighting_takes_Adam_steps_on_the_log_variances()
    {
        var b = new UncertaintyWeighting(2, learningRate: 0.1);

        // s = 0: dL/ds = (1 - L) / 2 = -1.5 and +0.375. Adam's first step is lr sign(g): s = (0.1, -0.1).
        b.Update(0, [4.0, 0.25], null);
        Assert.Equal(0.5 * Math.Exp(-0.1), b.Weights[0], 7);
        Assert.Equal(0.5 * Math.Exp(0.1), b.Weights[1], 7);

        // Second step from the written-out Adam.
        double[] s = [0.0, 0.0];
        double[] m = [0.0, 0.0];
        double[] v = [0.0, 0.0];
        double[][] losses = [[4.0, 0.25], [2.0, 0.5]];
        for (int t = 0; t < 2; t++)
        {
            for (int k = 0; k < 2; k++)
            {
                s[k] -= AdamStep(ref m[k], ref v[k], t + 1, 0.5 * (1 - (Math.Exp(-s[k]) * losses[t][k])), 0.1);
            }
        }

        b.Update(1, losses[1], null);
        Assert.Equal(0.5 * Math.Exp(-s[0]), b.Weights[0], 10);
        Assert.Equal(0.5 * Math.Exp(-s[1]), b.Weights[1], 10);
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
    public void Learning_rate_annealing_ratio_convention_moves_toward_the_gradient_ratio_every_period_steps()
    {
        // The paper text's estimator (config "ratio"), the only one before issue 16 item 3.
        var b = new LearningRateAnnealing(3, referenceTerm: 0, alpha: 0.1, period: 10, convention: LrAnnealingConvention.Ratio);
        double[] gPde = [10.0, -2.0, 1.0, 0.5];
        double[] gBc = [0.1, -0.1, 0.1, -0.1];
        double[] gData = [2.0, 0.0, -2.0, 0.0];
        Assert.False(b.NeedsTermGradients(5));
        b.Update(0, [1.0, 1.0, 1.0], [gPde, gBc, gData]);

        // w_hat = max|g_pde| / mean|g_k|: 10 / 0.1 = 100 and 10 / 1 = 10; w = 0.9 * 1 + 0.1 * w_hat.
        Assert.Equal(10.9, b.Weights[1], 12);
        Assert.Equal(1.9, b.Weights[2], 12);
        Assert.Equal(1.0, b.Weights[0]);

        // Off-period steps leave the weights alone; the next update averages again: 0.9 * 10.9 + 0.1 * 100.
        b.Update(5, [1.0, 1.0, 1.0], [gPde, gBc, gData]);
        Assert.Equal(10.9, b.Weights[1], 12);
        b.Update(10, [1.0, 1.0, 1.0], [gPde, gBc, gData]);
        Assert.Equal((0.9 * 10.9) + 10.0, b.Weights[1], 12);
    }

    [Fact]
    public void Learning_rate_annealing_authors_convention_carries_the_weight_and_averages_per_matrix_means()
    {
        // Two "weight matrices": entries 0-1 and 4 of a 6-entry gradient; entries 2-3 and 5 are biases, left out.
        (int, int)[] matrices = [(0, 2), (4, 1)];
        var b = new LearningRateAnnealing(2, referenceTerm: 0, alpha: 0.1, period: 10, weightMatrices: matrices);
        double[] gPde = [3.0, -1.0, 50.0, -50.0, 0.5, 80.0];
        double[] gBc = [0.2, -0.4, 9.0, 9.0, 0.05, 9.0];
        b.Update(0, [1.0, 1.0], [gPde, gBc]);

        // max|g_pde| over weights = 3; mean = ((0.2 + 0.4) / 2 + 0.05) / 2 = 0.175; lambda 1 inside:
        // lambda_hat = 3 / 0.175, lambda = 0.9 + 0.1 * 3 / 0.175.
        double l1 = 0.9 + (0.1 * 3 / 0.175);
        Assert.Equal(l1, b.Weights[1], 12);
        Assert.Equal(1.0, b.Weights[0]);

        // Next period: the current lambda sits in the boundary gradient, lambda_hat = 3 / (l1 * 0.175).
        b.Update(10, [1.0, 1.0], [gPde, gBc]);
        double l2 = (0.9 * l1) + (0.1 * 3 / (l1 * 0.175));
        Assert.Equal(l2, b.Weights[1], 12);
    }

    [Fact]
    public void Learning_rate_annealing_authors_convention_settles_at_the_square_root_of_the_ratio()
    {
        // Fixed point of lambda = max / (lambda mean): sqrt(max / mean) = sqrt(400) = 20 (the ratio rule settles at 400).
        var authors = new LearningRateAnnealing(2, 0, period: 1);
        var ratio = new LearningRateAnnealing(2, 0, period: 1, convention: LrAnnealingConvention.Ratio);
        for (int t = 0; t < 400; t++)
        {
            authors.Update(t, [1.0, 1.0], [[4.0, -2.0], [0.01, 0.01]]);
            ratio.Update(t, [1.0, 1.0], [[4.0, -2.0], [0.01, 0.01]]);
        }

        Assert.Equal(20.0, authors.Weights[1], 6);
        Assert.Equal(400.0, ratio.Weights[1], 6);
    }

    [Fact]
    public void Learning_rate_annealing_on_a_tiny_network_matches_gradients_worked_out_by_hand()
    {
        // u = v tanh(a x + c y + b) + d, [2, 1, 1]; terms r = u - y_target at one point each, L = r^2.
        var net = new FieldMlp([2, 1, 1], [0.0, 0.0], [1.0, 1.0]);
        double a = 0.5, c = -0.3, bias = 0.1, v = 0.8, d = 0.2;
        net.Layer(0).Weight.Value.Span[0] = a;
        net.Layer(0).Weight.Value.Span[1] = c;
        net.Layer(0).Bias.Value.Span[0] = bias;
        net.Layer(1).Weight.Value.Span[0] = v;
        net.Layer(1).Bias.Value.Span[0] = d;
        ResidualSet Point(string name, double x, double y, double target)
        {
            var set = new ResidualSet(name, [x, y], DerivativeOrder.Value);
            set.Value[0] = 1.0;
            set.Constant[0] = -target;
            return set;
        }

        List<ResidualSet> sets = [Point("pde", 0.4, 0.9, 1.5), Point("boundary", -0.7, 0.2, -0.1)];
        var grads = sets.Select(_ => new double[net.ParameterCount]).ToList();
        PinnTrainer.Evaluate(net, sets, new MlpWorkspace(), [new double[1], new double[1]], new double[2], grads);

        // By hand: dL/da = 2 r v (1 - h^2) x, dL/dc = 2 r v (1 - h^2) y, dL/dv = 2 r h; biases dL/db, dL/dd = 2 r.
        (double Ga, double Gc, double Gv, double Gd) Hand(double x, double y, double target)
        {
            double h = Math.Tanh((a * x) + (c * y) + bias);
            double r = (v * h) + d - target;
            double s = 2 * r * v * (1 - (h * h));
            return (s * x, s * y, 2 * r * h, 2 * r);
        }

        var pde = Hand(0.4, 0.9, 1.5);
        var bc = Hand(-0.7, 0.2, -0.1);
        double maxPde = new[] { Math.Abs(pde.Ga), Math.Abs(pde.Gc), Math.Abs(pde.Gv) }.Max();
        double meanBc = (((Math.Abs(bc.Ga) + Math.Abs(bc.Gc)) / 2) + Math.Abs(bc.Gv)) / 2;

        // The output bias has the largest pde gradient (|2 r| > |2 r h|), so counting biases would change the max.
        Assert.True(Math.Abs(pde.Gd) > 1.2 * maxPde, $"test needs a dominant bias gradient: {pde.Gd} vs {maxPde}");
        Assert.Equal(new[] { (0, 2), (3, 1) }.Select(m => m.Item2), LossBalancers.WeightMatrices(net).Select(m => m.Length));

        var b = LossBalancers.Create("lr-annealing", 2, 0, new Rng(1), weightMatrices: LossBalancers.WeightMatrices(net));
        b.Update(0, [1.0, 1.0], grads);
        double l1 = 0.9 + (0.1 * maxPde / meanBc);
        Assert.Equal(l1, b.Weights[1], 10);
        b.Update(10, [1.0, 1.0], grads);
        Assert.Equal((0.9 * l1) + (0.1 * maxPde / (l1 * meanBc)), b.Weights[1], 10);
    }

    [Fact]
    public void Weight_matrices_leave_out_biases_and_frozen_layers()
    {
        var net = new FieldMlp([2, 3, 4, 1], [0.0, 0.0], [1.0, 1.0]);

        // Layout: W0 (6), b0 (3), W1 (12), b1 (4), W2 (4), b2 (1).
        Assert.Equal([(0, 6), (9, 12), (25, 4)], LossBalancers.WeightMatrices(net));
        Assert.Equal([(9, 12), (25, 4)], LossBalancers.WeightMatrices(net, frozenLayers: 1));
        Assert.Equal(LrAnnealingConvention.Ratio, LrAnnealingConventions.Parse("ratio"));
        Assert.Contains("lr_annealing", Assert.Throws<ArgumentException>(() => LrAnnealingConventions.Parse("text")).Message);
    }

    [Fact]
    public void SoftAdapt_normalised_slopes_over_the_window_enter_a_softmax()
    {
        var b = new SoftAdapt(2, beta: 1.0, window: 2);
        b.Update(0, [1.0, 1.0], null);
        b.Update(1, [0.8, 1.0], null);
        Assert.Equal([1.0, 1.0], b.Weights);

        // Slopes over 2 steps: (0.6 - 1) / 2 = -0.2 and (1.2 - 1) / 2 = 0.1; normalised by 0.3: -2/3 and 1/3.
        b.Update(2, [0.6, 1.2], null);
        double e0 = Math.Exp(-2.0 / 3);
        double e1 = Math.Exp(1.0 / 3);
        Assert.Equal(2 * e0 / (e0 + e1), b.Weights[0], 12);
        Assert.Equal(2 * e1 / (e0 + e1), b.Weights[1], 12);

        // The window slides: (0.5 - 0.8) / 2 = -0.15 and (1.2 - 1.0) / 2 = 0.1, normalised by 0.25: -0.6 and 0.4.
        b.Update(3, [0.5, 1.2], null);
        e0 = Math.Exp(-0.6);
        e1 = Math.Exp(0.4);
        Assert.Equal(2 * e0 / (e0 + e1), b.Weights[0], 12);
    }

    [Fact]
    public void SoftAdapt_original_and_loss_weighted_variants_follow_their_formulas()
    {
        var original = new SoftAdapt(2, beta: 2.0, window: 1, variant: SoftAdaptVariant.Original);
        var weighted = new SoftAdapt(2, beta: 2.0, window: 1, variant: SoftAdaptVariant.LossWeighted);
        foreach (var b in new[] { original, weighted })
        {
            b.Update(0, [1.0, 2.0], null);
            b.Update(1, [0.5, 2.5], null);
        }

        // Raw slopes -0.5 and +0.5, beta 2: exp(-1) and exp(1); loss-weighted numerators times 0.5 and 2.5.
        double a = Math.Exp(-1);
        double c = Math.Exp(1);
        Assert.Equal(2 * a / (a + c), original.Weights[0], 12);
        Assert.Equal(2 * 0.5 * a / ((0.5 * a) + (2.5 * c)), weighted.Weights[0], 12);
        Assert.Equal(2 * 2.5 * c / ((0.5 * a) + (2.5 * c)), weighted.Weights[1], 12);
    }

    [Fact]
    public void ReLoBRaLo_without_lookback_blends_the_initial_and_previous_balances()
    {
        var b = new ReLoBRaLo(2, new Rng(1), alpha: 0.9, expectedRho: 0.0, temperature: 1.0);
        b.Update(0, [1.0, 1.0], null);
        b.Update(1, [0.1, 1.0], null);

        // rho = 0: w = 0.9 bal(t, 0) + 0.1 bal(t, t-1), both 2 softmax([0.1, 1]).
        double e0 = Math.Exp(0.1);
        double e1 = Math.Exp(1.0);
        Assert.Equal(2 * e1 / (e0 + e1), b.Weights[1], 12);
    }

    [Fact]
    public void ReLoBRaLo_with_lookback_keeps_an_exponential_average_of_the_step_balances()
    {
        var b = new ReLoBRaLo(2, new Rng(1), alpha: 0.9, expectedRho: 1.0, temperature: 0.5);
        b.Update(0, [1.0, 1.0], null);
        b.Update(1, [0.5, 1.0], null);

        // rho = 1: w = 0.9 w(t-1) + 0.1 bal(t, t-1); bal(1, 0) = 2 softmax([0.5 / 0.5, 1 / 0.5]) = 2 softmax([1, 2]).
        double e1 = Math.Exp(1);
        double e2 = Math.Exp(2);
        double w0 = 0.9 + (0.1 * 2 * e1 / (e1 + e2));
        double w1 = 0.9 + (0.1 * 2 * e2 / (e1 + e2));
        Assert.Equal(w0, b.Weights[0], 12);
        Assert.Equal(w1, b.Weights[1], 12);

        // Both losses halve: bal(2, 1) = 2 softmax([1 / 0.5, 1 / 0.5]) = (1, 1).
        b.Update(2, [0.25, 0.5], null);
        Assert.Equal((0.9 * w0) + 0.1, b.Weights[0], 12);
        Assert.Equal((0.9 * w1) + 0.1, b.Weights[1], 12);
    }

    [Fact]
    public void GradNorm_takes_an_optimiser_step_on_its_loss_then_renormalises_and_applies_it_from_the_next_step()
    {
        var b = new GradNorm(2, alpha: 1.5, learningRate: 0.025);
        double[] g0 = [3.0, 4.0];
        double[] g1 = [1.0, 0.0];

        // Step 0: L(0) = (1, 1), r = (1, 1); G = (5, 1), target mean(G) = 3 for both; dL/dw = sign(G - T) ||g|| = (5, -1).
        // Adam's first step is lr sign: w = (0.975, 1.025), already summing to 2. The step itself still uses w = (1, 1).
        b.Update(0, [1.0, 1.0], [g0, g1]);
        Assert.Equal([1.0, 1.0], b.Weights);

        // Step 1 uses (0.975, 1.025). Losses (0.5, 0.9): L~ = (0.5, 0.9), r = (0.5, 0.9) / 0.7.
        b.Update(1, [0.5, 0.9], [g0, g1]);
        Assert.Equal(0.975, b.Weights[0], 7);
        Assert.Equal(1.025, b.Weights[1], 7);

        // Its update, written out: G = (0.975 * 5, 1.025 * 1), T_k = mean(G) r_k^1.5.
        double[] w = [0.975, 1.025];
        double meanG = ((w[0] * 5) + (w[1] * 1)) / 2;
        double[] norms = [5.0, 1.0];
        double[] r = [0.5 / 0.7, 0.9 / 0.7];
        double[] m = [0.1 * 5, 0.1 * -1];
        double[] v = [0.001 * 25, 0.001 * 1];
        for (int k = 0; k < 2; k++)
        {
            double grad = Math.Sign((w[k] * norms[k]) - (meanG * Math.Pow(r[k], 1.5))) * norms[k];
            w[k] -= AdamStep(ref m[k], ref v[k], 2, grad, 0.025);
        }

        double sum = w[0] + w[1];
        b.Update(2, [0.4, 0.8], [g0, g1]);
        Assert.Equal(2 * w[0] / sum, b.Weights[0], 9);
        Assert.Equal(2 * w[1] / sum, b.Weights[1], 9);
    }

    [Fact]
    public void GradNorm_measures_gradients_on_the_shared_slice_only()
    {
        // Only entries 2..3 count: norms (1, 2), so at r = 1 the second term has the larger G and loses weight.
        var b = new GradNorm(2, alpha: 0.0, learningRate: 0.1, sharedOffset: 2, sharedLength: 2);
        b.Update(0, [1.0, 1.0], [[100.0, 0.0, 1.0, 0.0], [0.0, 0.0, 0.0, 2.0]]);
        b.Update(1, [1.0, 1.0], [[100.0, 0.0, 1.0, 0.0], [0.0, 0.0, 0.0, 2.0]]);
        Assert.Equal(1.1, b.Weights[0], 7);
        Assert.Equal(0.9, b.Weights[1], 7);
    }

    [Fact]
    public void GradNorm_shared_weights_are_the_output_layer_weights()
    {
        var net = new FieldMlp([2, 5, 3, 1], [0.0, 0.0], [1.0, 1.0]);
        var (offset, length) = LossBalancers.OutputLayerWeights(net);

        // Layers: 2*5 + 5, 5*3 + 3, then the output weight 3*1 and bias 1.
        Assert.Equal((2 * 5) + 5 + (5 * 3) + 3, offset);
        Assert.Equal(3, length);
        Assert.Equal(net.ParameterCount, offset + length + 1);
    }

    [Fact]
    public void Self_adaptive_weights_ascend_with_their_own_Adam_through_the_mask()
    {
        var set = new ResidualSet("pde", [0, 0, 1, 1, 2, 2], DerivativeOrder.Value);
        var data = new ResidualSet("data", [0, 0], DerivativeOrder.Value);
        var b = new SelfAdaptiveWeights(2, learningRate: 0.01, maskPower: 2);
        Assert.True(b.KeepsPoints);
        b.UpdatePointWeights([set, data], [[0.0, 1.0, 2.0], [5.0]]);

        // dL/dlambda = 2 lambda r^2 / N = (0, 2/3, 8/3) at lambda = 1; Adam's first step is lr sign: lambda = (1, 1.01, 1.01).
        Assert.Equal(1.0, set.PointWeights[0]);
        Assert.Equal(1.01 * 1.01, set.PointWeights[1], 7);
        Assert.Equal(1.01 * 1.01, set.PointWeights[2], 7);
        Assert.Equal(1.0, data.PointWeights[0]);

        // Second step, written out, for the point with r = 1 (m, v after the first step from g = 2/3).
        double lambda = 1.0;
        double m = 0;
        double v = 0;
        lambda += AdamStep(ref m, ref v, 1, 2.0 / 3, 0.01);
        lambda += AdamStep(ref m, ref v, 2, 2 * lambda * 0.25 / 3, 0.01);
        b.UpdatePointWeights([set, data], [[0.0, 0.5, 2.0], [5.0]]);
        Assert.Equal(lambda * lambda, set.PointWeights[1], 10);
        Assert.Equal(2, b.Lambda(0).Count(l => l > 1));
    }

    [Fact]
    public void Self_adaptive_weights_refuse_points_that_changed_under_them()
    {
        var b = new SelfAdaptiveWeights(1);
        b.UpdatePointWeights([new ResidualSet("pde", [0, 0, 1, 1], DerivativeOrder.Value)], [[1.0, 1.0]]);
        var moved = new ResidualSet("pde", [0, 0, 1, 1, 2, 2], DerivativeOrder.Value);
        Assert.Throws<InvalidOperationException>(() => b.UpdatePointWeights([moved], [[1.0, 1.0, 1.0]]));
    }

    [Fact]
    public void An_inactive_term_keeps_weight_one_and_does_not_enter_the_scheme()
    {
        var alone = new SoftAdapt(2, beta: 1.0, window: 1);
        var wrapped = new ActiveTermBalancer(new SoftAdapt(2, beta: 1.0, window: 1), [true, false, true]);
        alone.Update(0, [1.0, 1.0], null);
        alone.Update(1, [0.5, 1.0], null);
        wrapped.Update(0, [1.0, 1e-33, 1.0], null);
        wrapped.Update(1, [0.5, 3e-33, 1.0], null);
        Assert.Equal([alone.Weights[0], 1.0, alone.Weights[1]], wrapped.Weights);

        // Learning-rate annealing would give a vacuous term's vanishing gradient a weight of ~1e17; inactive, it keeps 1.
        var lra = new ActiveTermBalancer(new LearningRateAnnealing(2, 0, period: 1), [true, false, true]);
        lra.Update(0, [1.0, 1e-33, 1.0], [[1.0, -1.0], [1e-17, 1e-17], [0.5, 0.5]]);
        Assert.Equal([1.0, 1.0, (0.9 * 1.0) + (0.1 * 2.0)], lra.Weights);
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
