using SciTransfer.FuelMoisture.Data;

namespace SciTransfer.FuelMoisture.Tests;

public sealed class ExampleDatasetTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fm-example-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_shipped_example_is_what_the_generator_writes_and_it_loads()
    {
        string shipped = Path.Combine(RepositoryRoot(), "datasets", "fuel-moisture");
        ExampleDataset.Write(_dir);
        foreach (string name in ExampleDataset.FileNames)
        {
            Assert.Equal(File.ReadAllText(Path.Combine(_dir, name)), File.ReadAllText(Path.Combine(shipped, name)));
        }

        var data = FuelCsv.Load(
            Path.Combine(shipped, "weather.csv"),
            new Dictionary<int, string>
            {
                [1] = Path.Combine(shipped, "observations_1h.csv"),
                [10] = Path.Combine(shipped, "observations_10h.csv"),
                [100] = Path.Combine(shipped, "observations_100h.csv"),
                [1000] = Path.Combine(shipped, "observations_1000h.csv"),
            });
        Assert.Equal(2, data.Stations.Count);
        Assert.All(data.Stations, s => Assert.Equal(14 * 24, s.Length));
        Assert.Equal(4 * 14, data.Observations[100].Count); // twice daily at two stations
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
