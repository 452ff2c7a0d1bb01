namespace SciTransfer.FuelMoisture.Model;

/// <summary>
/// Per-feature standardisation (x - mean) / std fitted on the source data and reused unchanged on the
/// target, plus the output scaling of fuel moisture (%): the network predicts (m - OutputMean) / OutputStd.
/// </summary>
public sealed class FeatureScaler
{
    private FeatureScaler(double[] mean, double[] std, double outputMean, double outputStd)
    {
        Mean = mean;
        Std = std;
        OutputMean = outputMean;
        OutputStd = outputStd;
    }

    /// <summary>Per-feature means.</summary>
    public IReadOnlyList<double> Mean { get; }

    /// <summary>Per-feature standard deviations (1 for a constant feature).</summary>
    public IReadOnlyList<double> Std { get; }

    /// <summary>Mean of the training targets, %.</summary>
    public double OutputMean { get; }

    /// <summary>Standard deviation of the training targets, %.</summary>
    public double OutputStd { get; }

    /// <summary>A scaler from known statistics (e.g. a model's sidecar file); every std must be positive.</summary>
    public static FeatureScaler FromStatistics(IReadOnlyList<double> mean, IReadOnlyList<double> std, double outputMean, double outputStd)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (mean.Count != std.Count || std.Any(s => !(s > 0)) || !(outputStd > 0))
        {
            throw new ArgumentException($"FeatureScaler.FromStatistics: {mean.Count} means and {std.Count} stds (all stds must be positive, output std {outputStd}).");
        }

        return new FeatureScaler([.. mean], [.. std], outputMean, outputStd);
    }

    /// <summary>Fits on row-major feature blocks [rows, width] and the targets (%).</summary>
    public static FeatureScaler Fit(IEnumerable<double[]> featureBlocks, int width, IEnumerable<double> targets)
    {
        ArgumentNullException.ThrowIfNull(featureBlocks);
        var sum = new double[width];
        var sq = new double[width];
        long n = 0;
        foreach (var block in featureBlocks)
        {
            for (int r = 0; r < block.Length / width; r++)
            {
                for (int j = 0; j < width; j++)
                {
                    double v = block[(r * width) + j];
                    sum[j] += v;
                    sq[j] += v * v;
                }

                n++;
            }
        }

        var mean = new double[width];
        var std = new double[width];
        for (int j = 0; j < width; j++)
        {
            mean[j] = sum[j] / n;
            double var = Math.Max(0, (sq[j] / n) - (mean[j] * mean[j]));
            std[j] = var > 1e-12 ? Math.Sqrt(var) : 1.0;
        }

        var ys = targets.ToArray();
        double ym = ys.Average();
        double ysd = Math.Sqrt(ys.Select(y => (y - ym) * (y - ym)).Average());
        return new FeatureScaler(mean, std, ym, ysd > 1e-9 ? ysd : 1.0);
    }

    /// <summary>Standardises a row-major block [rows, width] in place.</summary>
    public void Transform(Span<double> block)
    {
        int width = Mean.Count;
        for (int r = 0; r < block.Length / width; r++)
        {
            for (int j = 0; j < width; j++)
            {
                ref double v = ref block[(r * width) + j];
                v = (v - Mean[j]) / Std[j];
            }
        }
    }

    /// <summary>Moisture (%) to network units.</summary>
    public double ScaleOutput(double moisture) => (moisture - OutputMean) / OutputStd;

    /// <summary>Network units to moisture (%).</summary>
    public double UnscaleOutput(double value) => (value * OutputStd) + OutputMean;
}
