using SciTransfer.Epidemiology.Data;
using SciTransfer.HeatSink.Data;
using SciTransfer.Transfer.Errors;

namespace SciTransfer.Cli.Tests;

/// <summary>Issue 14 item 6: a duplicated header column or an extra field is a data error in every loader.</summary>
public class HostileInputTests
{
    private const string NusseltHeader = "fluid,pe,dh_m,aspect_ratio,length_m,width_m,l_over_d,nu";
    private const string NusseltRow = "water,1,1,0.5,1,1,1,1";

    [Fact]
    public void A_nusselt_row_with_an_extra_field_is_a_data_error_naming_the_row()
    {
        var e = Assert.Throws<DataFormatException>(() => NusseltCsv.Read(new StringReader($"{NusseltHeader}\n{NusseltRow}\n{NusseltRow},9\n"), "cfd.csv"));
        Assert.Equal(3, e.Row);
        Assert.Equal("(extra field)", e.Column);
    }

    [Fact]
    public void A_duplicated_nusselt_header_column_is_a_data_error()
    {
        var e = Assert.Throws<DataFormatException>(() => NusseltCsv.Read(new StringReader($"{NusseltHeader},nu\n{NusseltRow},8.3\n"), "cfd.csv"));
        Assert.Equal(1, e.Row);
        Assert.Equal("nu", e.Column);
    }

    [Fact]
    public void A_duplicated_nyt_header_column_is_a_data_error()
    {
        var e = Assert.Throws<DataFormatException>(() => NytLoader.Read(new StringReader("date,county,state,fips,cases,deaths,cases\n2020-03-01,King,Washington,53033,10,1,12\n"), "us-counties.csv"));
        Assert.Equal(1, e.Row);
        Assert.Equal("cases", e.Column);
    }

    [Fact]
    public void A_duplicated_numeric_csv_header_column_is_a_data_error()
    {
        using var dir = new TempDir();
        var e = Assert.Throws<DataFormatException>(() => NumericCsv.Read(dir.File("train.csv", "x0,x1,x0,y\n1,2,3,4\n")));
        Assert.Equal("x0", e.Column);
    }
}
