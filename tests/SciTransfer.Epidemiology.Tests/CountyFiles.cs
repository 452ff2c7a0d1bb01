using System.Globalization;
using System.Text;
using SciTransfer.Epidemiology.Problems;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Data;
using SciTransfer.Transfer.Options;

namespace SciTransfer.Epidemiology.Tests;

/// <summary>County files in a temporary folder, and the problem options/data block over them.</summary>
internal sealed class CountyFiles : IDisposable
{
    public CountyFiles()
    {
        Folder = Path.Combine(Path.GetTempPath(), "scitransfer-epi-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string Write(string name, string content)
    {
        string path = Path.Combine(Folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>
    /// Counties 0..n-1 (fips 08001, 08003, ...) whose cumulative cases grow exactly exponentially,
    /// C(t) = base e^{r_c t} with r_c = 0.01 + 0.004 c, so ln rolled active cases is linear with slope r_c.
    /// </summary>
    public static string Exponential(int counties, int days, double baseCases = 20000)
    {
        var sb = new StringBuilder("date,county,state,fips,cases,deaths\n");
        var start = new DateOnly(2020, 3, 1);
        for (int t = 0; t < days; t++)
        {
            for (int c = 0; c < counties; c++)
            {
                long n = (long)Math.Round(baseCases * Math.Exp(Rate(c) * t));
                sb.Append(CultureInfo.InvariantCulture, $"{start.AddDays(t):yyyy-MM-dd},County {c},Colorado,{Fips(c)},{n},0\n");
            }
        }

        return sb.ToString();
    }

    public static double Rate(int c) => 0.01 + (0.004 * c);

    public static string Fips(int c) => string.Create(CultureInfo.InvariantCulture, $"08{(2 * c) + 1:D3}");

    public DataBlock Block(string cases, string? covariates = null, string? population = null, SplitSpec? split = null)
    {
        var files = new Dictionary<string, string> { ["cases"] = Write("cases.csv", cases) };
        if (covariates is not null)
        {
            files["covariates"] = Write("covariates.csv", covariates);
        }

        if (population is not null)
        {
            files["population"] = Write("population.csv", population);
        }

        return new DataBlock(files, split, "study.json", "$.problems[0].data");
    }

    public static ProblemOptions Options(string json, DataBlock? data, bool quick = false)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        return SmallAreaGrowthFactory.Declared.Read(new OptionsReader("study.json", "$.problems[0].options", doc.RootElement.Clone()), quick, data);
    }

    public static GroupSplit Group(string column = "fips", string[]? test = null, double fraction = 0.3) =>
        new("study.json", "$.problems[0].data.split", column, null, null, test, fraction, 0);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
