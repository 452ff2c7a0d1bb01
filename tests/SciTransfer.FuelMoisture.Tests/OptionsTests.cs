using System.Text.Json;
using SciTransfer.FuelMoisture.Problems;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.FuelMoisture.Tests;

public class OptionsTests
{
    [Fact]
    public void An_out_of_range_option_names_the_file_and_json_path()
    {
        using var doc = JsonDocument.Parse("""{ "grid_points": 0 }""");
        var reader = new OptionsReader("study.json", "$.problems[0].options", doc.RootElement);
        var e = Assert.Throws<ConfigException>(() => new FuelMoistureProblemFactory(100).Create(reader, new ProblemSettings()));
        Assert.Equal("study.json", e.File);
        Assert.Equal("$.problems[0].options.grid_points", e.JsonPath);
    }

    [Fact]
    public void Quick_mode_shrinks_the_defaults_but_explicit_values_win()
    {
        using var doc = JsonDocument.Parse("""{ "grid_points": 25 }""");
        var quick = FuelMoistureOptions.Read(new OptionsReader("s.json", "$", doc.RootElement), new ProblemSettings(Quick: true), 1000);
        var full = FuelMoistureOptions.Read(OptionsReader.Empty(), new ProblemSettings(), 1000);
        Assert.Equal(25, quick.GridPoints);
        Assert.True(quick.SourceStations < full.SourceStations && quick.SourceEpochs < full.SourceEpochs);
        Assert.Equal(60, full.LeadInDays);
        Assert.Equal(1000, full.TargetClassHours);
    }
}
