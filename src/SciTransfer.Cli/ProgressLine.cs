using System.Globalization;
using System.Text;

namespace SciTransfer.Cli;

/// <summary>
/// The text of the live progress line, as pure functions (tested without a terminal). The line always fits the
/// given width: the bar and the counts come first and are never cut; the cell description takes what is left and is
/// cut with an ellipsis.
/// </summary>
public static class ProgressLine
{
    /// <summary>Narrowest and widest bar (characters between the brackets).</summary>
    public const int MinBar = 10, MaxBar = 30;

    /// <summary>
    /// One line of at most <paramref name="width"/> characters:
    /// <c>[#####.....] 12/40 (8 done before) elapsed 1:02 left 3:04  description</c>.
    /// </summary>
    /// <param name="width">Terminal columns available (use the terminal width minus one, so the cursor never wraps).</param>
    /// <param name="done">Cells finished in this run.</param>
    /// <param name="total">Cells to run in this run.</param>
    /// <param name="earlier">Cells an earlier run into the same folder finished (shown on resume).</param>
    /// <param name="elapsed">Time since this run started.</param>
    /// <param name="left">Estimated time left (null: not known yet).</param>
    /// <param name="description">The current cell or training step.</param>
    public static string Format(int width, int done, int total, int earlier, TimeSpan elapsed, TimeSpan? left, string? description)
    {
        int all = earlier + total, finished = earlier + done;
        string times = $" elapsed {Duration(elapsed)} left {(left is { } l ? Duration(l) : "?")}";
        string counts = string.Create(CultureInfo.InvariantCulture, $" {finished}/{all}");
        string resumed = earlier > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({earlier} done before)") : "";
        if (2 + MinBar + counts.Length + resumed.Length + times.Length > width)
        {
            resumed = earlier > 0 ? string.Create(CultureInfo.InvariantCulture, $" (+{earlier})") : "";
        }

        if (2 + MinBar + counts.Length + resumed.Length + times.Length > width)
        {
            resumed = ""; // the counts already include the earlier cells
        }

        string stats = counts + resumed + times;

        // Sized for the widest count (all/all), so the bar does not jump as the count grows a digit.
        int widest = stats.Length + Math.Max(0, (2 * all.ToString(CultureInfo.InvariantCulture).Length) + 2 - counts.Length);
        int barWidth = Math.Clamp(width - 2 - widest - 24, MinBar, MaxBar);
        var line = new StringBuilder(width + 8);
        line.Append('[').Append(Bar(barWidth, all == 0 ? 1 : (double)finished / all)).Append(']').Append(stats);
        int room = width - line.Length - 2;
        if (!string.IsNullOrEmpty(description) && room >= 4)
        {
            line.Append("  ").Append(Truncate(OneLine(description), room));
        }

        // Narrower than bar and counts: keep the bar, cut the statistics.
        return line.Length <= width ? line.ToString() : line.ToString(0, Math.Max(width, 2 + barWidth));
    }

    /// <summary>A bar of <paramref name="width"/> characters, filled to <paramref name="fraction"/> (0..1).</summary>
    public static string Bar(int width, double fraction)
    {
        int filled = (int)Math.Round(Math.Clamp(fraction, 0, 1) * width);
        return new string('#', filled) + new string('.', width - filled);
    }

    /// <summary>m:ss under an hour, h:mm:ss under 100 hours, then days and hours ("4d07h").</summary>
    public static string Duration(TimeSpan t)
    {
        if (t < TimeSpan.Zero)
        {
            t = TimeSpan.Zero;
        }

        return t.TotalHours < 1 ? t.ToString(@"m\:ss", CultureInfo.InvariantCulture)
            : t.TotalHours < 100 ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{t.Days}d{t.Hours:00}h");
    }

    /// <summary>Cuts <paramref name="text"/> to <paramref name="width"/> characters, ending in an ellipsis when cut.</summary>
    public static string Truncate(string text, int width)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= width ? text : width <= 1 ? text[..Math.Max(0, width)] : text[..(width - 1)] + "\u2026";
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Replace('\t', ' ');
}
