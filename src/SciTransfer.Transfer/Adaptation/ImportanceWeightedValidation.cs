namespace SciTransfer.Transfer.Adaptation;

/// <summary>
/// Label-free model selection (Sugiyama, Krauledat &amp; Müller 2007, importance-weighted cross-validation): a model's
/// target risk estimated on held-out labelled *source* data, each error weighted by the density ratio
/// w(x) = p_t(x) / p_s(x) (<see cref="ImportanceWeights"/>), so no target label is needed. Unbiased under covariate
/// shift; under other shifts (re-calibrated features, label shift) its assumption fails and so may its ranking.
/// </summary>
public static class ImportanceWeightedValidation
{
    /// <summary>sum_i w_i [l_i = y_i] / sum_i w_i: the importance-weighted accuracy of predicted class labels.</summary>
    public static double Accuracy(ReadOnlySpan<int> predicted, ReadOnlySpan<int> actual, ReadOnlySpan<double> weights)
    {
        if (predicted.Length != actual.Length || weights.Length != actual.Length || actual.Length == 0)
        {
            throw new ArgumentException($"ImportanceWeightedValidation.Accuracy: {predicted.Length} predictions, {actual.Length} labels and {weights.Length} weights (need equal, non-zero counts)");
        }

        double s = 0, sw = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            s += predicted[i] == actual[i] ? weights[i] : 0;
            sw += weights[i];
        }

        return s / sw;
    }

    /// <summary>sqrt(sum_i w_i (p_i - y_i)^2 / sum_i w_i): the importance-weighted RMSE.</summary>
    public static double Rmse(ReadOnlySpan<double> predicted, ReadOnlySpan<double> actual, ReadOnlySpan<double> weights)
    {
        if (predicted.Length != actual.Length || weights.Length != actual.Length || actual.Length == 0)
        {
            throw new ArgumentException($"ImportanceWeightedValidation.Rmse: {predicted.Length} predictions, {actual.Length} labels and {weights.Length} weights (need equal, non-zero counts)");
        }

        double s = 0, sw = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            double e = predicted[i] - actual[i];
            s += weights[i] * e * e;
            sw += weights[i];
        }

        return Math.Sqrt(s / sw);
    }
}
