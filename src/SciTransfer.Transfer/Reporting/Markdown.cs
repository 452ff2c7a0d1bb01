namespace SciTransfer.Transfer.Reporting;

/// <summary>Escaping for text placed in Markdown tables and links.</summary>
internal static class Markdown
{
    /// <summary>Text safe inside a table cell: pipes escaped, line breaks flattened.</summary>
    public static string Cell(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)
        .Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    /// <summary>Text safe as a link or image label.</summary>
    public static string Label(string text) => Cell(text).Replace("[", "\\[", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal);

    /// <summary>A relative path usable as a link target (file names are already safe; spaces are not expected).</summary>
    public static string Target(string relativePath) => relativePath.Replace('\\', '/').Replace(" ", "%20", StringComparison.Ordinal);
}
