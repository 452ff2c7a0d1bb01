namespace SciTransfer.Epidemiology.Data;

/// <summary>
/// One county series of the NYT file on a daily grid from <see cref="NytData.Start"/> to <see cref="NytData.End"/>
/// (zero before its first row; gaps and the tail carried forward; corrections applied).
/// </summary>
/// <param name="Key">The 5-digit FIPS, or "state/county" when the row has none (New York City, Unknown, other NYT exceptions).</param>
/// <param name="County">County name as written.</param>
/// <param name="State">State name as written.</param>
/// <param name="Fips">5-digit FIPS or null.</param>
/// <param name="FirstDate">Date of the county's first row.</param>
/// <param name="Cases">Cumulative cases per day of the grid (non-decreasing).</param>
/// <param name="Deaths">Cumulative deaths per day of the grid (non-decreasing).</param>
public sealed record NytCounty(string Key, string County, string State, string? Fips, DateOnly FirstDate, long[] Cases, long[] Deaths);
