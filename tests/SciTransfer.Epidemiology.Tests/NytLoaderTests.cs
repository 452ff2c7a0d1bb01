using SciTransfer.Epidemiology.Data;
using SciTransfer.Transfer.Errors;

namespace SciTransfer.Epidemiology.Tests;

public class NytLoaderTests
{
    private const string Header = "date,county,state,fips,cases,deaths";

    private static NytData Load(params string[] lines) =>
        NytLoader.Read(new StringReader(string.Join('\n', [Header, .. lines])), "us-counties.csv");

    private static DataFormatException Bad(params string[] lines) =>
        Assert.Throws<DataFormatException>(() => Load(lines));

    [Fact]
    public void New_york_city_without_fips_is_keyed_by_state_and_county()
    {
        var d = Load(
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
    public void Unknown_counties_are_counted_and_skipped_unless_kept()
    {
        string[] rows = ["2020-03-01,Unknown,Rhode Island,,5,0", "2020-03-01,Providence,Rhode Island,44007,7,0"];
        var d = Load(rows);
        Assert.Equal(1, d.UnknownRows);
        Assert.Single(d.Counties);
        var kept = NytLoader.Read(new StringReader(string.Join('\n', [Header, .. rows])), "f.csv", keepUnknown: true);
        Assert.Equal(2, kept.Counties.Count);
        Assert.Contains(kept.Counties, c => c.Key == "Rhode Island/Unknown");
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
}
