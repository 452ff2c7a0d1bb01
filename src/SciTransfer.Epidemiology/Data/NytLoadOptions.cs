namespace SciTransfer.Epidemiology.Data;

/// <summary>What the NYT loader does with a row that has no FIPS code (New York City, "Unknown" counties, ...).</summary>
public enum RowsWithoutFips
{
    /// <summary>Drop the row and count it in <see cref="NytData.RowsWithoutFips"/> (the config default).</summary>
    Skip,

    /// <summary>Fail with a data error naming the row.</summary>
    Error,

    /// <summary>Keep it as its own series keyed "state/county" (library use; such series can have no covariates).</summary>
    KeyByName,
}

/// <summary>
/// What the NYT loader does when a county's cumulative count falls from one day to the next (a negative daily
/// increment: the NYT corrects over-counts by lowering later totals).
/// </summary>
public enum NegativeIncrements
{
    /// <summary>Lower every earlier value above a later one to it (a backward running minimum: the correction is
    /// taken as the truth and spread back); the config default.</summary>
    BackwardMin,

    /// <summary>Keep the highest count seen so far until the series passes it (a forward running maximum: the
    /// correction is ignored until new cases exceed the old total).</summary>
    ForwardMax,

    /// <summary>Fail with a data error naming the row whose count is lower than the day before.</summary>
    Error,
}

/// <summary>Options of <see cref="NytLoader"/>.</summary>
public sealed record NytLoadOptions
{
    /// <summary>Rows without FIPS.</summary>
    public RowsWithoutFips RowsWithoutFips { get; init; } = RowsWithoutFips.Skip;

    /// <summary>Falling cumulative counts.</summary>
    public NegativeIncrements NegativeIncrements { get; init; } = NegativeIncrements.BackwardMin;

    /// <summary>The config defaults.</summary>
    public static NytLoadOptions Default { get; } = new();
}
