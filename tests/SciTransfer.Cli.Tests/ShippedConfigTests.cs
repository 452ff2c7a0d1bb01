using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Running;

namespace SciTransfer.Cli.Tests;

public class ShippedConfigTests
{
    public static TheoryData<string> Studies()
    {
        var data = new TheoryData<string>();
        foreach (string f in Directory.GetFiles(Path.Combine(QuickstartDeterminismTests.RepositoryRoot(), "experiments"), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(f));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Studies))]
    public void Every_shipped_study_config_parses_strictly_and_plans_cells(string file)
    {
        string path = Path.Combine(QuickstartDeterminismTests.RepositoryRoot(), "experiments", file);
        var config = StudyConfigLoader.Load(path, Catalog.Create(), new ProblemSettings());
        Assert.NotEmpty(StudyPlan.Cells(config));
        Assert.All(config.Problems, p => Assert.Contains(SciTransfer.Transfer.Strategies.StrategyNames.Scratch, p.Problem.Strategies.Select(s => s.Name)));

        // --quick must work on every shipped study (a smoke run): quick pools are smaller, so sizes are capped at them.
        var quick = StudyConfigLoader.Load(path, Catalog.Create(), new ProblemSettings(Quick: true));
        Assert.NotEmpty(StudyPlan.Cells(quick));
        Assert.All(quick.Problems, p => Assert.True(p.Problem.MaxTargetSize is not { } pool || p.Sizes.Max() <= pool, $"{file}: {p.Id} quick sizes exceed the quick pool"));
    }

    [Theory]
    [InlineData("heat-sink.json")]
    [InlineData("fuel-moisture.json")]
    [InlineData("quantum.json")]
    [InlineData("epidemiology.json")]
    public void Each_domains_full_study_runs_every_strategy_its_problems_offer(string file)
    {
        string path = Path.Combine(QuickstartDeterminismTests.RepositoryRoot(), "experiments", file);
        var config = StudyConfigLoader.Load(path, Catalog.Create(), new ProblemSettings());
        foreach (var entry in config.Problems)
        {
            var missing = entry.Problem.Strategies.Select(s => s.Name).Except(entry.StrategyNames, StringComparer.Ordinal).ToList();
            Assert.True(missing.Count == 0, $"{file}: {entry.Id} does not run {string.Join(", ", missing)}");
        }
    }
}
