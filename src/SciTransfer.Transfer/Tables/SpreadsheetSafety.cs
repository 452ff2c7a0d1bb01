namespace SciTransfer.Transfer.Tables;

/// <summary>
/// Spreadsheet formula injection: Excel, LibreOffice and Google Sheets run a cell that starts with <c>=</c>, <c>+</c>,
/// <c>-</c>, <c>@</c>, a tab or a carriage return as a formula, so a problem id or message such as
/// <c>=HYPERLINK(...)</c> in a CSV could act when a user opens the file. Text cells (never numbers: "-1.5" must stay a
/// number) that start so are written with a leading apostrophe, which spreadsheets show as plain text (OWASP's advice).
/// A text that itself starts with an apostrophe gets one more, so <see cref="Restore"/> gives back the exact original.
/// </summary>
public static class SpreadsheetSafety
{
    /// <summary>The text as written to a CSV cell: prefixed with <c>'</c> when it could run as a formula.</summary>
    public static string Neutralise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\'' ? "'" + text : text;
    }

    /// <summary>The original text of a cell written by <see cref="Neutralise"/> (drops one leading apostrophe).</summary>
    public static string Restore(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.Length > 0 && cell[0] == '\'' ? cell[1..] : cell;
    }
}
