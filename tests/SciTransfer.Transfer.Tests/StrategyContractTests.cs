using System.Text.Json;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Running;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Transfer.Tests;

public class StrategyContractTests
{
    private static StudyConfig Config(SpyProblem problem, string strategies)
    {
        var catalog = new ProblemCatalog([new TestModule(new FixedFactory(problem))]);
        using var doc = JsonDocument.Parse($$"""{ "study": "spy", "seed": 9, "repeats": 2, "problems": [ { "problem": "test/spy", "strategies": {{strategies}} } ] }""");
        return StudyConfigLoader.Parse("spy.json", doc.RootElement, catalog, new ProblemSettings());
    }

    [Fact]
    public void The_source_model_is_trained_only_when_a_strategy_needs_it()
    {
        using var dir = new TempDir();
        var scratchOnly = new SpyProblem();
        StudyRunner.Run(Config(scratchOnly, """["scratch"]"""), new RunOptions(dir.Sub("a"), WriteReport: false));
        Assert.Equal(0, scratchOnly.PretrainCalls);
        Assert.False(Directory.Exists(dir.Sub("a/sources")));

        var withFineTune = new SpyProblem();
        StudyRunner.Run(Config(withFineTune, """["scratch", "fine-tune"]"""), new RunOptions(dir.Sub("b"), WriteReport: false));
        Assert.Equal(2, withFineTune.PretrainCalls);
    }

    [Fact]
    public void A_strategy_refuses_an_instance_of_another_problem()
    {
        IStrategy s = new Reference.LinearShiftProblem(new Reference.LinearShiftOptions(2, 0.1, 0.1, 10, 10, 10, 1)).Strategies[0];
        var wrong = new SpyProblem().Create(new ProblemContext(0, new Core.Random.SeedTree(1), new ProblemSettings()));
        var e = Assert.Throws<InvalidOperationException>(() => s.Run(wrong, new StrategyCell(1, new[] { 0 }, new Core.Random.SeedTree(1), null, default)));
        Assert.Contains("runs on ILinearRegressionInstance", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Needs_are_described_for_listings()
    {
        Assert.Equal("source, target labels", (StrategyNeeds.Source | StrategyNeeds.TargetLabels).Describe());
        Assert.Equal("nothing", StrategyNeeds.None.Describe());
    }
}
