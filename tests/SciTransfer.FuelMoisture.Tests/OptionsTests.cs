using SciTransfer.FuelMoisture.Problems;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Options;

namespace SciTransfer.FuelMoisture.Tests;

public class OptionsTests
{
    [Fact]
    public void An_out_of_range_option_names_the_file_and_json_path()
    {
        var e = Assert.Throws<ConfigException>(() => TestProblems.Create(100, """{ "options": { "grid_points": 0 } }""", configFile: "study.json"));
        Assert.Equal("study.json", e.File);
        Assert.Equal("$.problems[0].options.grid_points", e.JsonPath);
    }

    [Fact]
    public void Quick_mode_shrinks_the_defaults_but_explicit_values_win()
    {
        var declared = FuelMoistureOptions.Declared(1000);
        var quick = FuelMoistureOptions.From(ProblemOptions.From(declared, new Dictionary<string, object> { ["grid_points"] = 25 }, quick: true), 1000);
        var full = FuelMoistureOptions.From(ProblemOptions.Defaults(declared), 1000);
        Assert.Equal(25, quick.GridPoints);
        Assert.True(quick.SourceStations < full.SourceStations && quick.SourceEpochs < full.SourceEpochs);
        Assert.Equal(60, full.LeadInDays);
        Assert.Equal(30, quick.LeadInDays);
        Assert.Equal(1000, full.TargetClassHours);
        Assert.Equal(21, FuelMoistureOptions.From(ProblemOptions.Defaults(FuelMoistureOptions.Declared(100), quick: true), 100).LeadInDays);
    }

    [Fact]
    public void The_declared_defaults_are_the_options_records_defaults()
    {
        var d = new FuelMoistureOptions { TargetClassHours = 100, LeadInDays = 21 };
        Assert.Equal(d, FuelMoistureOptions.From(ProblemOptions.Defaults(FuelMoistureOptions.Declared(100)), 100));
    }

    [Fact]
    public void Source_station_ids_without_a_data_block_is_a_config_error()
    {
        var e = Assert.Throws<ConfigException>(() => TestProblems.Create(100, """{ "options": { "source_station_ids": ["S01"] } }"""));
        Assert.Equal("$.problems[0].options.source_station_ids", e.JsonPath);
    }
}
