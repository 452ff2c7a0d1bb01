using SciTransfer.Epidemiology.Data;

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
