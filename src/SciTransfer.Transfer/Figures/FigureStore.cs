using System.Globalization;
using System.Text;
using System.Text.Json;
using SciTransfer.Transfer.Results;

namespace SciTransfer.Transfer.Figures;

/// <summary>Stores figure data from cells as JSON under figures/ of an output folder and reads it back.</summary>
public static class FigureStore
{
    /// <summary>Folder name inside the output folder.</summary>
    public const string FolderName = "figures";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = false,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Writes one cell's figures (a file per figure, named by figure id and cell).</summary>
    public static void Write(string outputDirectory, CellKey cell, IReadOnlyList<FigureData> figures)
    {
        if (figures.Count == 0)
        {
            return;
        }

        string dir = Path.Combine(outputDirectory, FolderName);
        Directory.CreateDirectory(dir);
        foreach (var f in figures)
        {
            string name = string.Create(CultureInfo.InvariantCulture, $"{Safe(f.Id)}.{Safe(cell.Strategy)}.n{cell.NTarget}.r{cell.Repeat}.json");
            string path = Path.Combine(dir, name);
            File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(f, Options), new UTF8Encoding(false));
            File.Move(path + ".tmp", path, overwrite: true);
        }
    }

    /// <summary>Every figure part in the folder, ordered by file name (stable).</summary>
    public static List<FigureData> ReadAll(string outputDirectory)
    {
        string dir = Path.Combine(outputDirectory, FolderName);
        if (!Directory.Exists(dir))
        {
            return [];
        }

        return [.. Directory.GetFiles(dir, "*.json")
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => JsonSerializer.Deserialize<FigureData>(File.ReadAllText(p), Options)!)];
    }

    /// <summary>Copies figure files from <paramref name="fromDirectory"/> into <paramref name="toDirectory"/>.</summary>
    public static void CopyAll(string fromDirectory, string toDirectory)
    {
        string src = Path.Combine(fromDirectory, FolderName);
        if (!Directory.Exists(src))
        {
            return;
        }

        string dst = Path.Combine(toDirectory, FolderName);
        Directory.CreateDirectory(dst);
        foreach (string f in Directory.GetFiles(src, "*.json"))
        {
            File.Copy(f, Path.Combine(dst, Path.GetFileName(f)), overwrite: true);
        }
    }

    /// <summary>A file-name-safe version of an id.</summary>
    public static string Safe(string id)
    {
        var sb = new StringBuilder(id.Length);
        foreach (char c in id)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '+' ? c : '_');
        }

        return sb.ToString();
    }
}
