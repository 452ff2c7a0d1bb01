namespace SciTransfer.Quantum.Models;

/// <summary>
/// k-class logistic regression as one-vs-rest (scikit-learn's <c>multi_class="ovr"</c>): one L2 logistic regression
/// (<see cref="LogisticRegression.Fit"/>, same lambda) per class c on the labels [y == c], decision = the class with the
/// largest margin w_c.x + b_c. A class absent from the subset gets the constant "never" classifier its Fit returns.
/// </summary>
public sealed class OneVsRestLogistic
{
    private readonly LogisticRegression[] _perClass;

    private OneVsRestLogistic(LogisticRegression[] perClass) => _perClass = perClass;

    /// <summary>Fits the k binary models on <paramref name="data"/> (labels 0..data.Classes-1).</summary>
    public static OneVsRestLogistic Fit(LabelledSet data, double lambda = LogisticRegression.DefaultLambda)
    {
        ArgumentNullException.ThrowIfNull(data);
        var models = new LogisticRegression[data.Classes];
        for (int c = 0; c < models.Length; c++)
        {
            int[] y = [.. data.Labels.Select(l => l == c ? 1 : 0)];
            models[c] = LogisticRegression.Fit(new LabelledSet(data.FeatureCount, data.Features, y), lambda);
        }

        return new OneVsRestLogistic(models);
    }

    /// <summary>The binary model of class <paramref name="c"/>.</summary>
    public LogisticRegression this[int c] => _perClass[c];

    /// <summary>The predicted class of every sample (largest margin; the first on ties).</summary>
    public int[] Classify(LabelledSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var labels = new int[data.Count];
        for (int i = 0; i < data.Count; i++)
        {
            var x = data.Features.AsSpan(i * data.FeatureCount, data.FeatureCount);
            double best = double.NegativeInfinity;
            for (int c = 0; c < _perClass.Length; c++)
            {
                double m = _perClass[c].Bias;
                for (int j = 0; j < x.Length; j++)
                {
                    m += _perClass[c].Weights[j] * x[j];
                }

                if (m > best)
                {
                    best = m;
                    labels[i] = c;
                }
            }
        }

        return labels;
    }

    /// <summary>Fraction of <paramref name="data"/> classified correctly.</summary>
    public double Accuracy(LabelledSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var predicted = Classify(data);
        return data.Count == 0 ? double.NaN : (double)predicted.Where((p, i) => p == data.Labels[i]).Count() / data.Count;
    }
}
