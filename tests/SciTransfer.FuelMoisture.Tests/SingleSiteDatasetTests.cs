using SciTransfer.FuelMoisture.Data;

namespace SciTransfer.FuelMoisture.Tests;

public sealed class SingleSiteDatasetTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fm-single-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Set SCITRANSFER_REGENERATE_DATASETS=1 to rewrite the shipped files from the generator (then commit them).</summary>
    [Fact]
    public void The_shipped_single_site_record_is_what_the_generator_writes_and_it_loads_with_its_warnings()
    {
        string shipped = TestProblems.SingleSite;
        if (Environment.GetEnvironmentVariable("SCITRANSFER_REGENERATE_DATASETS") == "1")
        {
            SingleSiteDataset.Write(shipped);
        }

        SingleSiteDataset.Write(_dir);
        foreach (string name in SingleSiteDataset.FileNames)
        {
            Assert.Equal(File.ReadAllText(Path.Combine(_dir, name)), File.ReadAllText(Path.Combine(shipped, name)));
        }

        long bytes = SingleSiteDataset.FileNames.Sum(n => new FileInfo(Path.Combine(shipped, n)).Length);
        Assert.InRange(bytes, 1, 500_000);
        var data = FuelCsv.Load(
            Path.Combine(shipped, "weather.csv"),
            new Dictionary<int, string> { [10] = Path.Combine(shipped, "observations_10h.csv"), [100] = Path.Combine(shipped, "observations_100h.csv") });
        var station = Assert.Single(data.Stations);
        Assert.Equal(SingleSiteDataset.Days * 24, station.Length);
        Assert.Equal(SingleSiteDataset.Days * 2, data.Observations[100].Count);
        Assert.All(station.RelativeHumidity, rh => Assert.InRange(rh, 0, 100));

        // The record is messy on purpose: clipped humidity in the weather, rounded weighing times in the 100-h file.
        Assert.Contains(data.Warnings!, w => w.Contains("weather.csv", StringComparison.Ordinal) && w.Contains("clipped", StringComparison.Ordinal));
        Assert.Contains(data.Warnings!, w => w.Contains("observations_100h.csv", StringComparison.Ordinal) && w.Contains("rounded", StringComparison.Ordinal));
        Assert.DoesNotContain(data.Warnings!, w => w.Contains("observations_10h.csv", StringComparison.Ordinal));
    }
}
