using SciTransfer.Core.Random;
using SciTransfer.Epidemiology.Data;
using SciTransfer.Epidemiology.Problems;
using SciTransfer.Epidemiology.Strategies;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.Epidemiology.Tests;

public class ExampleCountiesTests
{
    [Fact]
    public void The_shipped_example_is_what_the_generator_writes_and_it_loads()
    {
        string shipped = Path.Combine(RepositoryRoot(), "datasets", "epidemiology");
        using var f = new CountyFiles();
        ExampleCounties.Write(f.Folder);
        if (Environment.GetEnvironmentVariable("SCITRANSFER_WRITE_EXAMPLES") == "1")
        {
            ExampleCounties.Write(shipped); // regenerating on purpose (after a generator change)
        }

        foreach (string name in ExampleCounties.FileNames)
        {
            Assert.Equal(File.ReadAllText(Path.Combine(f.Folder, name)), File.ReadAllText(Path.Combine(shipped, name)));
        }

        var data = NytLoader.Load(Path.Combine(shipped, ExampleCounties.FileNames[0]));
        Assert.Equal(36, data.Counties.Count);
        Assert.True(data.RowsWithoutFips > 0, "the example carries Unknown rows without fips");
        Assert.True(data.CorrectedDays >= 1, "the example carries one corrected over-report");
        Assert.All(data.Counties, c => Assert.StartsWith("08", c.Fips, StringComparison.Ordinal));
        Assert.True(new FileInfo(Path.Combine(shipped, ExampleCounties.FileNames[0])).Length < 400_000);
    }

    [Fact]
    public void The_large_generator_writes_a_file_the_loader_reads_with_every_row()
    {
        using var f = new CountyFiles();
        string path = Path.Combine(f.Folder, "large.csv");
        long rows = ExampleCounties.WriteLarge(path, 130, 80, 5);
        var data = NytLoader.Load(path);
        Assert.Equal(130, data.Counties.Count);
        Assert.Equal(rows, data.Counties.Sum(c => (long)(data.End.DayNumber - c.FirstDate.DayNumber + 1)));
    }

    [Fact]
    public void The_example_study_config_loads_the_files_and_scores_a_strategy_on_realised_counts()
    {
        string config = Path.Combine(RepositoryRoot(), "experiments", "epidemiology-counties.json");
        var study = StudyConfigLoader.Load(config, new ProblemCatalog([new EpidemiologyModule()]), new ProblemSettings());
        var entry = Assert.Single(study.Problems);
        Assert.NotNull(entry.Data);
        var problem = Assert.IsType<SmallAreaGrowthProblem>(entry.Problem);
        var data = problem.Settings.Data!;
        Assert.Equal(36, data.Panel.Counties);
        Assert.Equal(6, data.Origins.Length);
        Assert.Contains("20 rows without fips skipped", problem.Description, StringComparison.Ordinal);

        // Small areas by population: every candidate is in the smaller half.
        double median = Core.Statistics.Descriptive.Median(data.Measure);
        Assert.All(data.Candidates, c => Assert.True(data.Measure[c] <= median));

        var instance = Assert.IsType<SmallAreaGrowthInstance>(problem.Create(new ProblemContext(0, new SeedTree(1), new ProblemSettings(), entry.Data)));
        Assert.Equal(8, instance.Targets.Count);
        var (mae, rmse, growth) = instance.Evaluate(new FixedWindowOls(2), 7, new SeedTree(2));
        Assert.True(double.IsFinite(mae) && double.IsFinite(rmse) && double.IsFinite(growth));
        Assert.True(rmse >= mae);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SciTransfer.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
