using SciTransfer.Epidemiology.Data;
using SciTransfer.Transfer.Errors;

namespace SciTransfer.Epidemiology.Tests;

public class NytLoaderTests
{
    private const string Header = "date,county,state,fips,cases,deaths";

    private static NytData Load(params string[] lines) => Load(NytLoadOptions.Default, lines);

    private static NytData Load(NytLoadOptions options, params string[] lines) =>
        NytLoader.Parse("us-counties.csv", string.Join('\n', [Header, .. lines]), options);

    private static DataFormatException Bad(params string[] lines) =>
        Assert.Throws<DataFormatException>(() => Load(lines));

    private static DataFormatException Bad(NytLoadOptions options, params string[] lines) =>
        Assert.Throws<DataFormatException>(() => Load(options, lines));

    [Fact]
    public void New_york_city_without_fips_is_keyed_by_state_and_county_when_asked()
    {
        var d = Load(
            new NytLoadOptions { RowsWithoutFips = RowsWithoutFips.KeyByName },
            "2020-03-01,New York City,New York,,1,0",
            "2020-03-02,New York City,New York,,3,0",
            "2020-03-02,Snohomish,Washington,53061,2,0");
        var nyc = d.Counties.Single(c => c.County == "New York City");
        Assert.Null(nyc.Fips);
        Assert.Equal("New York/New York City", nyc.Key);
        Assert.Equal([1L, 3L], nyc.Cases);
        var sno = d.Counties.Single(c => c.Fips == "53061");
        Assert.Equal([0L, 2L], sno.Cases); // zero before its first row
    }

    [Fact]
    public void Rows_without_fips_are_skipped_and_counted_by_default()
    {
        var d = Load("2020-03-01,Unknown,Rhode Island,,5,0", "2020-03-01,New York City,New York,,9,0", "2020-03-01,Providence,Rhode Island,44007,7,0");
        Assert.Equal(2, d.RowsWithoutFips);
        Assert.Equal(1, d.UnknownRows);
        Assert.Equal("44007", Assert.Single(d.Counties).Key);
    }

    [Fact]
    public void Rows_without_fips_are_an_error_naming_the_row_when_asked()
    {
        var e = Bad(new NytLoadOptions { RowsWithoutFips = RowsWithoutFips.Error }, "2020-03-01,Providence,Rhode Island,44007,7,0", "2020-03-01,Unknown,Rhode Island,,5,0");
        Assert.Equal((3L, "fips"), (e.Row, e.Column));
        Assert.Contains("rows_without_fips", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_of_rows_without_fips_only_has_no_county_rows()
    {
        var e = Bad("2020-03-01,Unknown,Rhode Island,,5,0");
        Assert.Contains("no county rows", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_days_carry_the_last_cumulative_count_forward()
    {
        var d = Load(
            "2020-03-01,A,S,01001,2,0",
            "2020-03-04,A,S,01001,9,1",
            "2020-03-06,B,S,01003,1,0");
        var a = d.Counties.Single(c => c.Fips == "01001");
        Assert.Equal(6, d.Days);
        Assert.Equal([2L, 2L, 2L, 9L, 9L, 9L], a.Cases);
        Assert.Equal([0L, 0L, 0L, 1L, 1L, 1L], a.Deaths);
        Assert.Equal(2 + 2, d.FilledDays); // A: 03-02, 03-03, 03-05, 03-06
    }

    [Fact]
    public void Decreasing_cumulative_counts_are_lowered_to_the_later_correction()
    {
        var d = Load(
            "2020-03-01,A,S,01001,5,0",
            "2020-03-02,A,S,01001,12,0",
            "2020-03-03,A,S,01001,8,0",
            "2020-03-04,A,S,01001,10,0");
        var a = d.Counties.Single();
        Assert.Equal([5L, 8L, 8L, 10L], a.Cases);
        Assert.Equal(1, d.CorrectedDays);
        for (int t = 1; t < a.Cases.Length; t++)
        {
            Assert.True(a.Cases[t] >= a.Cases[t - 1]);
        }
    }

    [Fact]
    public void Forward_max_holds_the_earlier_total_until_the_series_passes_it()
    {
        var d = Load(
            new NytLoadOptions { NegativeIncrements = NegativeIncrements.ForwardMax },
            "2020-03-01,A,S,01001,5,0",
            "2020-03-02,A,S,01001,12,0",
            "2020-03-03,A,S,01001,8,0",
            "2020-03-04,A,S,01001,13,0");
        Assert.Equal([5L, 12L, 12L, 13L], d.Counties.Single().Cases);
        Assert.Equal(1, d.CorrectedDays);
    }

    [Fact]
    public void A_falling_count_is_an_error_naming_its_row_when_asked()
    {
        var e = Bad(
            new NytLoadOptions { NegativeIncrements = NegativeIncrements.Error },
            "2020-03-01,A,S,01001,5,0",
            "2020-03-01,B,S,01003,5,0",
            "2020-03-02,A,S,01001,12,0",
            "2020-03-03,A,S,01001,8,0");
        Assert.Equal((5L, "cases"), (e.Row, e.Column));
        Assert.Contains("12 to 8", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_in_any_order_give_the_same_series_as_sorted_rows()
    {
        var sorted = Load("2020-03-01,A,S,01001,2,0", "2020-03-02,A,S,01001,4,0", "2020-03-03,A,S,01001,9,1");
        var shuffled = Load("2020-03-03,A,S,01001,9,1", "2020-03-01,A,S,01001,2,0", "2020-03-02,A,S,01001,4,0");
        Assert.Equal(sorted.Counties.Single().Cases, shuffled.Counties.Single().Cases);
        Assert.Equal(sorted.Start, shuffled.Start);
    }

    [Fact]
    public void Quoted_fields_and_four_digit_fips_are_accepted()
    {
        var d = Load("2020-03-01,\"Doña Ana, NM\",New Mexico,1001,3,");
        var c = d.Counties.Single();
        Assert.Equal("Doña Ana, NM", c.County);
        Assert.Equal("01001", c.Fips);
        Assert.Equal([0L], c.Deaths); // empty deaths: treated as no deaths reported yet
    }

    [Theory]
    [InlineData("2020-13-01,A,S,01001,5,0", 2, "date")]
    [InlineData("2020-03-01,A,S,01001,five,0", 2, "cases")]
    [InlineData("2020-03-01,A,S,01001,-4,0", 2, "cases")]
    [InlineData("2020-03-01,A,S,01001,4,x", 2, "deaths")]
    [InlineData("2020-03-01,A,S,0100A,4,0", 2, "fips")]
    [InlineData("2020-03-01,,S,01001,4,0", 2, "county")]
    [InlineData("2020-03-01,A,S,01001", 2, "cases")]
    [InlineData("2020-03-01,A,S,01001,4.5,0", 2, "cases")]
    [InlineData("2020-03-01,A,,01001,4,0", 2, "state")]
    [InlineData("2020-03-01,A,S,01001,4,0,7", 2, "(extra field)")]
    [InlineData("2020-03-01,\"A,S,01001,4,0", 2, "(quoting)")]
    public void A_malformed_row_names_its_row_and_column(string row, int expectedRow, string expectedColumn)
    {
        var e = Bad(row);
        Assert.Equal(expectedRow, e.Row);
        Assert.Equal(expectedColumn, e.Column);
        Assert.Contains("us-counties.csv", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_county_day_names_the_second_row()
    {
        var e = Bad("2020-03-01,A,S,01001,5,0", "2020-03-02,A,S,01001,6,0", "2020-03-01,A,S,01001,5,0");
        Assert.Equal(4, e.Row);
        Assert.Equal("date", e.Column);
    }

    [Fact]
    public void A_header_without_a_required_column_is_rejected()
    {
        var e = Assert.Throws<DataFormatException>(() => NytLoader.Read(new StringReader("date,county,state,cases,deaths\n"), "f.csv"));
        Assert.Equal(1, e.Row);
        Assert.Equal("fips", e.Column);
    }

    [Fact]
    public void A_header_with_an_unknown_column_is_rejected()
    {
        var e = Assert.Throws<DataFormatException>(() => NytLoader.Parse("f.csv", "date,county,state,fips,cases,deaths,confirmed\n"));
        Assert.Equal((1L, "confirmed"), (e.Row, e.Column));
    }

    [Fact]
    public void A_missing_file_is_a_data_error_naming_it()
    {
        var e = Assert.Throws<DataFormatException>(() => NytLoader.Load("/nonexistent/us-counties.csv"));
        Assert.Contains("/nonexistent/us-counties.csv", e.Message, StringComparison.Ordinal);
    }
}
