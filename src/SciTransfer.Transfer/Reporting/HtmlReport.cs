using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace SciTransfer.Transfer.Reporting;

/// <summary>report.html from report.md (Markdig): raw HTML disabled, every image embedded as a PNG data URI so the file stands alone.</summary>
public static class HtmlReport
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().DisableHtml().Build();

    /// <summary>Converts <paramref name="markdown"/> whose image targets are relative to <paramref name="directory"/>.</summary>
    public static string Render(string markdown, string directory, string title)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(title);
        MarkdownDocument doc = Markdown.Parse(markdown, Pipeline);
        foreach (LinkInline link in doc.Descendants<LinkInline>())
        {
            string? url = link.Url;
            if (link.IsImage && url is not null && url.EndsWith(".png", StringComparison.Ordinal) && !url.Contains("..", StringComparison.Ordinal))
            {
                string path = Path.Combine(directory, Uri.UnescapeDataString(url));
                if (File.Exists(path))
                {
                    link.Url = "data:image/png;base64," + Convert.ToBase64String(File.ReadAllBytes(path));
                }
            }
            else if (!link.IsImage && url is not null && !IsSafe(url))
            {
                link.Url = "#";
            }
        }

        string body = doc.ToHtml(Pipeline);
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + System.Net.WebUtility.HtmlEncode(title) + "</title>\n"
            + "<style>body{font-family:sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;line-height:1.45}"
            + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px}th{background:#f4f4f4}"
            + "img{max-width:100%;height:auto}code{background:#f4f4f4}</style>\n</head>\n<body>\n"
            + body + "</body>\n</html>\n";
    }

    private static bool IsSafe(string url) =>
        url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith('#') || (!url.Contains(':', StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal));
}
