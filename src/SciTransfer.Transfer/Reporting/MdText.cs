using System.Text;

namespace SciTransfer.Transfer.Reporting;

/// <summary>
/// Escaping for every string placed in report.md: every character that can start Markdown markup (emphasis,
/// code, links and images, raw HTML, entities, table cells) gets a backslash, so a
/// problem id <c>&lt;script&gt;</c> or <c>[x](javascript:...)</c> stays literal text in Markdown and in the HTML.
/// </summary>
public static class MdText
{
    private const string Special = "\\`*_[]<>!|~&";

    /// <summary>Text safe anywhere in Markdown (inline and in table cells): punctuation escaped, line breaks flattened.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length + 8);
        foreach (char c in text)
        {
            if (c is '\r' or '\n')
            {
                sb.Append(' ');
            }
            else if (Special.Contains(c, StringComparison.Ordinal))
            {
                sb.Append('\\').Append(c);
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>A relative path usable as a link target (file names are already file-safe).</summary>
    public static string Target(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        return relativePath.Replace('\\', '/').Replace(" ", "%20", StringComparison.Ordinal);
    }
}
