namespace SciTransfer.Epidemiology.Data;

/// <summary>The loaded NYT us-counties data: county series on one daily grid, and what the loader repaired.</summary>
public sealed class NytData
{
    /// <summary>Wraps loaded series.</summary>
    public NytData(DateOnly start, DateOnly end, IReadOnlyList<NytCounty> counties, int unknownRows, int filledDays, int correctedDays, int rowsWithoutFips = 0)
    {
        RowsWithoutFips = rowsWithoutFips;
        Start = start;
        End = end;
        Counties = counties;
        UnknownRows = unknownRows;
        FilledDays = filledDays;
        CorrectedDays = correctedDays;
    }

    /// <summary>First date of the grid (earliest row in the file).</summary>
    public DateOnly Start { get; }

    /// <summary>Last date of the grid (latest row in the file).</summary>
    public DateOnly End { get; }

    /// <summary>Number of days on the grid.</summary>
    public int Days => End.DayNumber - Start.DayNumber + 1;

    /// <summary>County series, ordered by key.</summary>
    public IReadOnlyList<NytCounty> Counties { get; }

    /// <summary>Rows without FIPS that the loader skipped (<see cref="Data.RowsWithoutFips.Skip"/>).</summary>
    public int RowsWithoutFips { get; }

    /// <summary>Rows whose county is "Unknown" (they have no FIPS in the NYT file, so they follow the rows-without-FIPS rule).</summary>
    public int UnknownRows { get; }

    /// <summary>County-days with no row between a county's first row and the end of the grid (carried forward).</summary>
    public int FilledDays { get; }

    /// <summary>County-days changed because the cumulative count fell (a correction; see <see cref="NegativeIncrements"/>).</summary>
    public int CorrectedDays { get; }

    /// <summary>The cases as a <see cref="CasePanel"/> (no covariates; the features are the case-derived ones).</summary>
    public CasePanel ToPanel()
    {
        int days = Days;
        var cum = new double[Counties.Count * days];
        for (int c = 0; c < Counties.Count; c++)
        {
            for (int t = 0; t < days; t++)
            {
                cum[(c * days) + t] = Counties[c].Cases[t];
            }
        }

        return new CasePanel(Counties.Count, days, cum, [], [], [], []);
    }
}
