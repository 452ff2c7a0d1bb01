using System.Text.Json;
using SciTransfer.Transfer.Running;
using SciTransfer.Transfer.Summary;

namespace SciTransfer.Transfer.Tests.Reporting;

public sealed class ManifestWarningsTests
{
    [Fact]
    public void A_problems_warnings_round_trip_through_run_json_and_a_problem_without_any_writes_no_key()
    {
        var with = SampleStudy.Manifest("p", ["scratch"], [4]) with { Warnings = ["obs.csv: 2 observation time(s) off the hour rounded"] };
        var node = JsonSerializer.SerializeToNode(new List<ProblemManifest> { with, SampleStudy.Manifest("q", ["scratch"], [4]) }, RunRecord.JsonOptions)!;
        Assert.Equal("obs.csv: 2 observation time(s) off the hour rounded", node[0]!["warnings"]![0]!.GetValue<string>());
        Assert.False(node[1]!.AsObject().ContainsKey("warnings"));

        var record = new System.Text.Json.Nodes.JsonObject { ["problems"] = node };
        var back = RunRecord.Problems(record, ".");
        Assert.Equal(with.Warnings, back[0].Warnings);
        Assert.Null(back[1].Warnings);
    }
}
