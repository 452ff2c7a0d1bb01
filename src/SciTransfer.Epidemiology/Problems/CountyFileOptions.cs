using SciTransfer.Epidemiology.Data;

namespace SciTransfer.Epidemiology.Problems;

/// <summary>The options that shape how a user's county files become the small-area problem (see docs/epidemiology.md).</summary>
public sealed record CountyFileOptions
{
    /// <summary>Key of the cases file in <c>data.files</c>.</summary>
    public const string CasesKey = "cases";

    /// <summary>Key of the covariates file.</summary>
    public const string CovariatesKey = "covariates";

    /// <summary>Key of the population file.</summary>
    public const string PopulationKey = "population";

    /// <summary>NYT loader options (rows without fips, corrections).</summary>
    public NytLoadOptions Loader { get; init; } = NytLoadOptions.Default;

    /// <summary>Counties lacking a covariate.</summary>
    public MissingCovariates Missing { get; init; } = MissingCovariates.Error;

    /// <summary>"population" or "cases" (cumulative cases at the first origin).</summary>
    public string SmallAreaBy { get; init; } = "population";

    /// <summary>Counties with measure &lt;= this are small; null: the smaller half.</summary>
    public double? SmallAreaThreshold { get; init; }

    /// <summary>First origin date (yyyy-MM-dd), or null for first date + <see cref="FirstOrigin"/> days.</summary>
    public string? OriginFrom { get; init; }

    /// <summary>Last origin date, or null for the last date minus 8 days.</summary>
    public string? OriginTo { get; init; }

    /// <summary>Default first origin as a day index when <see cref="OriginFrom"/> is absent.</summary>
    public int FirstOrigin { get; init; } = 120;

    /// <summary>Number of origins, evenly spaced in [from, to].</summary>
    public int ForecastDays { get; init; } = 6;

    /// <summary>Forecast horizon in days.</summary>
    public int Horizon { get; init; } = 7;
}
