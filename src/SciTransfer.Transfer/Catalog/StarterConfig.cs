using System.Globalization;
using System.Text;
using System.Text.Json;
using SciTransfer.Transfer.Options;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Transfer.Catalog;

/// <summary>
/// A runnable starter study for one problem (<c>scitransfer init PROBLEM</c>): every declared option at its default,
/// each with its one-line doc as a comment (the loader accepts // comments), the strategies and sizes listed.
/// </summary>
public static class StarterConfig
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The config text for <paramref name="factory"/>.</summary>
    public static string Write(IProblemFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var d = ProblemDescription.Of(factory);
        var p = d.Defaults ?? throw new InvalidOperationException($"{factory.Name} cannot be built from defaults: {d.Why}");
        string study = new([.. factory.Name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '-')]);
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"// Starter study for {factory.Name}, written by `scitransfer init`: {factory.Summary}.");
        sb.AppendLine("// Every option is at its default. Edit, then run: scitransfer run THIS_FILE (add --quick for a smoke run).");
        sb.AppendLine("{");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  \"study\": {Json(study)},");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  \"description\": {Json("starter study: " + factory.Name)},");
        sb.AppendLine("  \"seed\": 1,");
        sb.AppendLine("  \"repeats\": 3,");
        sb.AppendLine("  \"problems\": [");
        sb.AppendLine("    {");
        sb.AppendLine(CultureInfo.InvariantCulture, $"      \"problem\": {Json(factory.Name)},");
        foreach (var s in p.Strategies)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"      // {s.Name}{(s.IsBaseline ? " (baseline)" : "")}: {s.Description} [needs {s.Needs.Describe()}]");
        }

        sb.AppendLine(CultureInfo.InvariantCulture, $"      \"strategies\": {Json(p.Strategies.Names())},");
        sb.AppendLine(CultureInfo.InvariantCulture, $"      // target sizes n ({p.ScarcityAxis}){(p.MaxTargetSize is { } max ? $", at most {max} with these options" : "")}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"      \"sizes\": {Json(p.DefaultSizes)},");
        if (factory.Data is { } data)
        {
            sb.AppendLine("      // Your own data (leave out to use generated data):");
            sb.AppendLine("      // \"data\": {\"files\": {" + string.Join(", ", data.Files.Select(f => $"\"{f.Name}\": \"path/{f.Name}.csv\"")) + "}"
                + (data.SplitKinds.Count > 0 ? $", \"split\": {{\"kind\": \"{SplitName(data)}\", ...}}" : "") + "},");
            foreach (var f in data.Files)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"      //   {f.Name}{(f.Required ? "" : " (optional)")}: {f.Doc}");
            }
        }

        sb.AppendLine("      \"options\": {");
        var given = factory.Options.Where(s => s.Default is not null || s.Required).ToList();
        foreach (var s in factory.Options)
        {
            string range = s.RangeText();
            string unit = s.Unit.Length > 0 ? $" [{s.Unit}]" : "";
            string quick = s.QuickChanges ? $"; --quick uses {s.DefaultText(quick: true)}" : "";
            sb.AppendLine(CultureInfo.InvariantCulture, $"        // {s.Doc}{unit}{(range.Length > 0 ? $" ({range})" : "")}{quick}");
            if (s.Default is null)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"        // \"{s.Name}\": ...,{(s.Required ? "  (required)" : "  (optional, no default)")}");
                continue;
            }

            bool last = ReferenceEquals(s, given[^1]);
            sb.AppendLine(CultureInfo.InvariantCulture, $"        \"{s.Name}\": {CatalogJson.ToNode(s.Default)!.ToJsonString(Compact)}{(last ? "" : ",")}");
        }

        sb.AppendLine("      }");
        sb.AppendLine("    }");
        sb.AppendLine("  ]");
        sb.AppendLine("}");
        return sb.ToString();
    }

    private static string SplitName(Data.DataSpec data) => Data.SplitSpec.Name(data.SplitKinds[0]);

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, Compact);
}
