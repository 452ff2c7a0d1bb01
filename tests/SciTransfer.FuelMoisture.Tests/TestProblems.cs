using System.Text.Json;
using SciTransfer.Core.Random;
using SciTransfer.FuelMoisture.Problems;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Data;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.FuelMoisture.Tests;

/// <summary>Builds problems from study-entry JSON the way the study loader does, and runs cells the way the runner does.</summary>
internal static class TestProblems
{
    /// <summary>The shipped example data set.</summary>
    public static string Example { get; } = Path.Combine(RepositoryRoot(), "datasets", "fuel-moisture");

    /// <summary>The shipped single-site record.</summary>
    public static string SingleSite { get; } = Path.Combine(RepositoryRoot(), "datasets", "fuel-moisture", "single-site");

    /// <summary>
    /// The problem of a study entry <paramref name="entryJson"/> (<c>{"data": ..., "options": ...}</c>) found at
    /// $.problems[0] of <paramref name="configFile"/>; unknown keys are rejected as in a study.
    /// </summary>
    public static ITransferProblem Create(int targetClassHours, string entryJson, bool quick = false, string? configFile = null)
    {
        using var doc = JsonDocument.Parse(entryJson);
        var entry = new OptionsReader(configFile ?? Path.Combine(Path.GetTempPath(), "study.json"), "$.problems[0]", doc.RootElement.Clone());
        var factory = new FuelMoistureProblemFactory(targetClassHours);
        var data = DataBlockReader.Read(entry, factory.Data);
        var options = entry.GetObject("options");
        var problem = factory.Create(factory.Options.Read(options, quick, data), new ProblemSettings(quick));
        entry.EnsureAllKeysUsed();
        return problem;
    }

    /// <summary>Repeat <paramref name="repeat"/> of <paramref name="problem"/>, with its source network trained when <paramref name="source"/> is set.</summary>
    public static FuelMoistureInstance Instance(ITransferProblem problem, SeedTree seeds, int repeat = 0, bool source = false, bool quick = false)
    {
        var instance = (FuelMoistureInstance)problem.Create(new ProblemContext(repeat, seeds, new ProblemSettings(quick)));
        if (source)
        {
            instance.UseSource(instance.PretrainSource(new SourceRequest(seeds.Child("source"), null, default)));
        }

        return instance;
    }

    /// <summary>Runs strategy <paramref name="name"/> of <paramref name="problem"/> on the first <paramref name="n"/> of <paramref name="permutation"/>.</summary>
    public static CellResult Run(ITransferProblem problem, FuelMoistureInstance instance, string name, int n, int[] permutation, SeedTree seeds)
    {
        var strategy = problem.Strategies.Find(name) ?? throw new ArgumentException($"no strategy {name}");
        return strategy.Run(instance, new StrategyCell(n, permutation.AsMemory(0, Math.Min(n, permutation.Length)), seeds, null, default));
    }

    /// <summary>The JSON string literal of <paramref name="s"/>.</summary>
    public static string Json(string s) => JsonSerializer.Serialize(s);

    /// <summary>A data block on the example's files for target class <paramref name="cls"/> with the given split object.</summary>
    public static string ExampleData(int cls, string split, string? folder = null)
    {
        string dir = folder ?? Example;
        return $$"""
            "data": { "files": { "weather": {{Json(Path.Combine(dir, "weather.csv"))}}, "source_observations": {{Json(Path.Combine(dir, "observations_10h.csv"))}},
                                 "target_observations": {{Json(Path.Combine(dir, $"observations_{cls}h.csv"))}} },
                      "split": {{split}} }
            """;
    }

    /// <summary>
    /// A data block on the files in <paramref name="folder"/> (weather.csv, observations_10h.csv and, except for the
    /// 10-h problem, observations_{cls}h.csv) with the given split object.
    /// </summary>
    public static string FolderData(int cls, string split, string folder)
    {
        string target = cls == 10 ? "" : $$""", "target_observations": {{Json(Path.Combine(folder, $"observations_{cls}h.csv"))}}""";
        return $$"""
            "data": { "files": { "weather": {{Json(Path.Combine(folder, "weather.csv"))}}, "source_observations": {{Json(Path.Combine(folder, "observations_10h.csv"))}}{{target}} },
                      "split": {{split}} }
            """;
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SciTransfer.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("SciTransfer.sln not found above " + AppContext.BaseDirectory);
    }
}
