using System.Diagnostics;
using System.Globalization;
using SciTransfer.Core.Random;
using SciTransfer.Epidemiology.Data;
using SciTransfer.Epidemiology.Forest;
using SciTransfer.Transfer.Bench;
using SciTransfer.Transfer.Errors;

namespace SciTransfer.Epidemiology.Bench;

/// <summary>
/// <c>scitransfer bench rf-fit --train A.csv --test B.csv [--trees 100] [--threads T] [--max-features 1.0]
/// [--min-samples-leaf 1]</c>: fits the forest on the scikit-learn peer's dumped Friedman #1 data with its
/// settings (bootstrap, min_samples_leaf 1, unlimited depth) and prints
/// <c>rf rows=... trees=... threads=... max_features=... fit_s=... predict_s=... test_mse=...</c>.
/// </summary>
public sealed class RfFitWorkload : IBenchWorkload
{
    /// <inheritdoc />
    public string Name => "rf-fit";

    /// <inheritdoc />
    public string Description => "random forest fit/predict on CSV data (compare with shared/peers/sklearn_rf.py)";

    /// <inheritdoc />
    public IReadOnlyList<string> OptionKeys { get; } = ["train", "test", "trees", "threads", "max-features", "min-samples-leaf", "seed"];

    /// <inheritdoc />
    public void Run(BenchArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        string trainPath = arguments.GetRequiredString("train");
        string testPath = arguments.GetRequiredString("test");
        int trees = arguments.GetInt("trees", 100);
        int threads = arguments.Threads;
        string mfText = arguments.GetString("max-features", "1.0");
        int minLeaf = arguments.GetInt("min-samples-leaf", 1);
        int seed = arguments.GetInt("seed", 20261121);

        var (trainX, trainY) = NumericCsv.SplitTarget(trainPath);
        var (testX, testY) = NumericCsv.SplitTarget(testPath);
        if (testX.Columns != trainX.Columns)
        {
            throw new DataFormatException(testPath, 1, "(header)", $"has {testX.Columns} feature columns, the training file has {trainX.Columns}");
        }

        double maxFeatures = ParseMaxFeatures(mfText, trainX.Columns);
        var options = new ForestOptions
        {
            Trees = trees,
            Threads = threads,
            MaxFeatures = maxFeatures,
            MinSamplesLeaf = minLeaf,
            Sampling = SamplingScheme.Bootstrap,
        };

        var x = trainX;
        var sw = Stopwatch.StartNew();
        var forest = RandomForest.Fit(x, trainY, options, new SeedTree((ulong)seed).Child("rf-fit"));
        double fit = sw.Elapsed.TotalSeconds;
        cancellationToken.ThrowIfCancellationRequested();
        sw.Restart();
        double[] pred = forest.Predict(testX, threads);
        double predict = sw.Elapsed.TotalSeconds;
        double se = 0;
        for (int i = 0; i < pred.Length; i++)
        {
            se += (pred[i] - testY[i]) * (pred[i] - testY[i]);
        }

        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"rf rows={trainX.Rows} trees={trees} threads={threads} max_features={mfText} min_samples_leaf={minLeaf} fit_s={fit:F3} predict_s={predict:F3} test_mse={se / pred.Length:F4}"));
    }

    /// <summary>scikit-learn's max_features forms: a fraction in (0, 1], an integer count, "sqrt" or "log2".</summary>
    public static double ParseMaxFeatures(string text, int featureCount)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text == "sqrt")
        {
            return Math.Max(1, (int)Math.Sqrt(featureCount)) / (double)featureCount;
        }

        if (text == "log2")
        {
            return Math.Max(1, (int)Math.Log2(featureCount)) / (double)featureCount;
        }

        if (!text.Contains('.', StringComparison.Ordinal) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int count))
        {
            if (count < 1 || count > featureCount)
            {
                throw new ConfigException("command line", "--max-features", $"count must be in 1..{featureCount}, found {count}");
            }

            // Half a step above count/p so floor(fraction * p) is exactly count.
            return Math.Min(1.0, (count + 0.5) / featureCount);
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double frac) && frac > 0 && frac <= 1)
        {
            return frac;
        }

        throw new ConfigException("command line", "--max-features", $"expected a fraction in (0, 1], a count, 'sqrt' or 'log2', found '{text}'");
    }
}
