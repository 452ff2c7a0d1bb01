using SciTransfer.Core.Random;
using SciTransfer.Quantum.Models;

namespace SciTransfer.Quantum.Tests;

/// <summary>
/// The logistic-regression baseline against cases with known optima: closed forms derived in each test, and the
/// first-order optimality conditions computed here from the definition (not from the class's own gradient).
/// </summary>
public sealed class LogisticRegressionTests
{
    [Theory]
    [InlineData(1.0)]
    [InlineData(0.1)]
    [InlineData(5.0)]
    public void Two_mirrored_points_give_the_weight_of_the_scalar_equation(double lambda)
    {
        // x = +1 (y = 1), x = -1 (y = 0). By symmetry b = 0; d/dw of the objective:
        // (sigma(w) - 1) * 1 + sigma(-w) * (-1) + lambda w = 2 (sigma(w) - 1) + lambda w = 0.
        // g(w) = 2 (1 - sigma(w)) - lambda w is strictly decreasing, g(0) = 1 > 0: bisection on [0, 2 / lambda].
        double lo = 0, hi = 2 / lambda;
        for (int i = 0; i < 200; i++)
        {
            double mid = 0.5 * (lo + hi);
            if ((2 * (1 - (1 / (1 + Math.Exp(-mid))))) - (lambda * mid) > 0)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        var fit = LogisticRegression.Fit(new LabelledSet(1, [1.0, -1.0], [1, 0]), lambda);
        Assert.Equal(0.5 * (lo + hi), fit.Weights[0], 1e-9);
        Assert.Equal(0, fit.Bias, 1e-9);
    }

    [Theory]
    [InlineData(1, 4)]
    [InlineData(3, 4)]
    [InlineData(7, 10)]
    public void A_feature_without_signal_gets_weight_zero_and_the_bias_is_the_log_odds(int ones, int n)
    {
        // x = 0 for every sample: the weight only meets its penalty (w = 0) and the intercept solves
        // sum (sigma(b) - y) = 0, i.e. sigma(b) = ones / n, b = log(ones / (n - ones)).
        var fit = LogisticRegression.Fit(new LabelledSet(2, new double[2 * n], [.. Enumerable.Range(0, n).Select(i => i < ones ? 1 : 0)]));
        Assert.Equal(0, fit.Weights[0], 1e-12);
        Assert.Equal(0, fit.Weights[1], 1e-12);
        Assert.Equal(Math.Log((double)ones / (n - ones)), fit.Bias, 1e-9);
    }

    [Fact]
    public void The_fit_satisfies_the_stationarity_conditions_on_random_overlapping_data()
    {
        var rng = new Rng(11);
        int n = 60, f = 5;
        var x = new double[n * f];
        var y = new int[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < f; j++)
            {
                x[(i * f) + j] = rng.Normal();
            }

            y[i] = x[i * f] + (0.8 * rng.Normal()) > 0 ? 1 : 0;
        }

        const double Lambda = 0.7;
        var fit = LogisticRegression.Fit(new LabelledSet(f, x, y), Lambda);
        // sum_i (p_i - y_i) x_ij + lambda w_j = 0 for each j, and sum_i (p_i - y_i) = 0 for the intercept.
        var grad = new double[f + 1];
        for (int i = 0; i < n; i++)
        {
            double z = fit.Bias;
            for (int j = 0; j < f; j++)
            {
                z += fit.Weights[j] * x[(i * f) + j];
            }

            double r = (1 / (1 + Math.Exp(-z))) - y[i];
            for (int j = 0; j < f; j++)
            {
                grad[j] += r * x[(i * f) + j];
            }

            grad[f] += r;
        }

        for (int j = 0; j < f; j++)
        {
            grad[j] += Lambda * fit.Weights[j];
        }

        Assert.All(grad, g => Assert.Equal(0, g, 1e-8));
        Assert.True(fit.Weights[0] > 0.5, $"the informative feature's weight {fit.Weights[0]}");
    }

    [Fact]
    public void Separable_data_is_classified_perfectly_and_one_class_gives_the_constant_classifier()
    {
        var data = new LabelledSet(2, [0.1, 0.2, 0.3, 0.1, 2.0, 2.1, 2.2, 1.9], [0, 0, 1, 1]);
        Assert.Equal(1.0, LogisticRegression.Fit(data).Accuracy(data));
        var ones = new LabelledSet(1, [0.0, 5.0], [1, 1]);
        var fit = LogisticRegression.Fit(ones);
        Assert.Equal(1.0, fit.Accuracy(new LabelledSet(1, [-100.0, 100.0], [1, 1])));
        Assert.Equal(0.0, fit.Accuracy(new LabelledSet(1, [3.0], [0])));
    }

    [Fact]
    public void A_stronger_penalty_gives_a_smaller_weight_norm()
    {
        var data = new LabelledSet(1, [0.0, 1.0, 2.0, 3.0, 1.5], [0, 0, 1, 1, 0]);
        double Norm(double l) => Math.Abs(LogisticRegression.Fit(data, l).Weights[0]);
        Assert.True(Norm(0.01) > Norm(1) && Norm(1) > Norm(100), $"{Norm(0.01)} {Norm(1)} {Norm(100)}");
    }
}
