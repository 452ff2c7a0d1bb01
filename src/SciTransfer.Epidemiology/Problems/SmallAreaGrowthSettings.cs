using SciTransfer.Epidemiology.Forest;
using SciTransfer.Epidemiology.Simulation;

namespace SciTransfer.Epidemiology.Problems;

/// <summary>Resolved options of <c>epidemiology/small-area-growth</c>.</summary>
public sealed record SmallAreaGrowthSettings
{
    /// <summary>The user's county files, or null to simulate an outbreak with <see cref="Simulator"/>.</summary>
    public CountyFileData? Data { get; init; }

    /// <summary>The simulated outbreak (counties, days, ...); unused with <see cref="Data"/>.</summary>
    public SimulatorOptions Simulator { get; init; } = new();

    /// <summary>Target ("small area") counties per repeat, drawn from the small-area candidates (simulated: the smaller half by population).</summary>
    public int TargetCounties { get; init; } = 20;

    /// <summary>Number of forecast origins, evenly spaced from <see cref="FirstOrigin"/> to Days - 8.</summary>
    public int ForecastDays { get; init; } = 6;

    /// <summary>Earliest forecast origin (day index).</summary>
    public int FirstOrigin { get; init; } = 120;

    /// <summary>Forecast horizon in days (7 in the paper).</summary>
    public int Horizon { get; init; } = 7;

    /// <summary>Growth target block h in days (2 in the paper).</summary>
    public int GrowthBlock { get; init; } = 2;

    /// <summary>
    /// Fraction of the source counties held out per repeat for the label-free metric iw_source_rmse (0: off, the
    /// metric is not declared). Never removed from what the strategies train on in the scored run.
    /// </summary>
    public double SourceValidationFraction { get; init; }

    /// <summary>Forest settings shared by every forest strategy (one thread: cells run in parallel).</summary>
    public ForestOptions Forest { get; init; } = new()
    {
        Trees = 100,
        MaxFeatures = 0.33,
        MinSamplesLeaf = 5,
        Sampling = SamplingScheme.Subsample,
        SampleFraction = 0.5,
    };

    /// <summary>Forecast origins (day indices): the data's (from origin_from/origin_to) or evenly spaced on the simulated days.</summary>
    public int[] Origins()
    {
        if (Data is not null)
        {
            return (int[])Data.Origins.Clone();
        }

        int last = Simulator.Days - Horizon - 1;
        if (ForecastDays == 1)
        {
            return [last];
        }

        var o = new int[ForecastDays];
        for (int k = 0; k < ForecastDays; k++)
        {
            o[k] = FirstOrigin + (int)Math.Round(k * (last - FirstOrigin) / (double)(ForecastDays - 1));
        }

        return o;
    }
}
