using SciTransfer.Epidemiology.Data;
using SciTransfer.Transfer.Errors;

namespace SciTransfer.Epidemiology.Tests;

public class CountyTableTests
{
    [Fact]
    public void Covariates_take_any_numeric_columns_pad_fips_and_read_empty_fields_as_missing()
    {
        var t = CountyTable.ParseCovariates("cov.csv", "fips,svi,testing_rate\n8001,0.4,12.5\n08003,,3\n");
        Assert.Equal(["svi", "testing_rate"], t.Names);
        Assert.True(t.TryGet("08001", out var a, out int row));
        Assert.Equal((0.4, 12.5, 2), (a[0]!.Value, a[1]!.Value, row));
        Assert.True(t.TryGet("08003", out var b, out _));
        Assert.Null(b[0]);
        Assert.False(t.TryGet("08005", out _, out _));
    }

    [Theory]
    [InlineData("svi\n0.4\n", 1, "fips")] // no fips column
    [InlineData("fips\n08001\n", 1, "(header)")] // no value column
    [InlineData("fips,svi\n08001,high\n", 2, "svi")] // not a number
    [InlineData("fips,svi\n08001,0.4\n08001,0.5\n", 3, "fips")] // a county twice
    [InlineData("fips,svi\nAdams,0.4\n", 2, "fips")] // not a FIPS code
    [InlineData("fips,svi,svi\n08001,1,2\n", 1, "svi")] // duplicate column
    [InlineData("fips,svi\n", 2, "fips")] // no rows
    public void A_bad_covariates_file_names_row_and_column(string content, int row, string column)
    {
        var e = Assert.Throws<DataFormatException>(() => CountyTable.ParseCovariates("cov.csv", content));
        Assert.Equal((row, column), ((int)e.Row, e.Column));
        Assert.StartsWith("cov.csv", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fips,population\n08001,0\n", 2, "population")] // not > 0
    [InlineData("fips,population,density\n08001,10,3\n", 1, "density")] // exactly two columns
    [InlineData("fips,pop\n08001,10\n", 1, "pop")]
    public void A_bad_population_file_names_row_and_column(string content, int row, string column)
    {
        var e = Assert.Throws<DataFormatException>(() => CountyTable.ParsePopulation("pop.csv", content));
        Assert.Equal((row, column), ((int)e.Row, e.Column));
    }

    [Fact]
    public void Population_reads_people()
    {
        var t = CountyTable.ParsePopulation("pop.csv", "fips,population\n08001,517421\n");
        Assert.True(t.TryGet("08001", out var v, out _));
        Assert.Equal(517421, v[0]);
    }
}
