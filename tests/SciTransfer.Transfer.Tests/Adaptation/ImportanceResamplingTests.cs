using MathNet.Numerics.LinearAlgebra;
using SciTransfer.Core.Random;
using SciTransfer.Transfer.Adaptation;

namespace SciTransfer.Transfer.Tests.Adaptation;

public class ImportanceResamplingTests
{
    [Fact]
    public void Rows_with_zero_weight_are_never_drawn_and_a_single_positive_weight_takes_every_draw()
    {
        var drawn = ImportanceResampling.Draw(Vector<double>.Build.DenseOfArray([0, 3, 0, 0]), 500, new Rng(1));
        Assert.All(drawn, i => Assert.Equal(1, i));
    }

    [Fact]
    public void Draw_frequencies_match_w_over_sum_w_within_five_binomial_standard_errors()
    {
        double[] w = [1, 2, 3, 4, 0.5];
        const int N = 200_000;
        var counts = new int[w.Length];
        foreach (int i in ImportanceResampling.Draw(Vector<double>.Build.DenseOfArray(w), N, new Rng(7)))
        {
            counts[i]++;
        }

        double total = w.Sum();
        for (int i = 0; i < w.Length; i++)
        {
            double p = w[i] / total;
            double se = Math.Sqrt(p * (1 - p) / N);
            Assert.InRange((double)counts[i] / N, p - (5 * se), p + (5 * se));
        }
    }

    [Fact]
    public void The_same_stream_gives_the_same_draws_and_bad_weights_are_named()
    {
        var w = Vector<double>.Build.DenseOfArray([0.2, 0.3, 0.5]);
        Assert.Equal(ImportanceResampling.Draw(w, 50, new Rng(3)), ImportanceResampling.Draw(w, 50, new Rng(3)));
        var e = Assert.Throws<ArgumentException>(() => ImportanceResampling.Draw(Vector<double>.Build.DenseOfArray([1, double.NaN]), 3, new Rng(1)));
        Assert.Contains("weight 1", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ImportanceResampling.Draw(Vector<double>.Build.DenseOfArray([0, 0]), 3, new Rng(1)));
    }

    [Fact]
    public void Importance_weighted_accuracy_is_the_weighted_fraction_of_correct_labels()
    {
        // Hand: correct at rows 0 and 2, weights 1, 2, 3, 4 -> (1 + 3) / 10.
        Assert.Equal(0.4, ImportanceWeightedValidation.Accuracy([1, 0, 1, 1], [1, 1, 1, 0], [1, 2, 3, 4]), 15);
        Assert.Throws<ArgumentException>(() => ImportanceWeightedValidation.Accuracy([1], [1, 0], [1, 1]));
    }

    [Fact]
    public void Relative_coral_uses_lambda_equal_to_the_fraction_times_the_mean_variance_of_both_sides()
    {
        var rng = new Rng(5);
        var s = Matrix<double>.Build.Dense(40, 3, (_, j) => rng.Normal() * (j + 1));
        var t = Matrix<double>.Build.Dense(30, 3, (_, j) => 2 + (rng.Normal() * 0.5 * (j + 1)));
        // Hand: the mean of the 6 diagonal variances.
        double meanVar = (Coral.Covariance(s).Covariance.Diagonal().Sum() + Coral.Covariance(t).Covariance.Diagonal().Sum()) / 6;
        var expected = Coral.Align(s, t, 0.1 * meanVar);
        Assert.True((Coral.AlignRelative(s, t, 0.1) - expected).FrobeniusNorm() < 1e-12);
    }
}
