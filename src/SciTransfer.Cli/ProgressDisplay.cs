using System.Globalization;
using SciTransfer.Transfer.Running;
using Spectre.Console;

namespace SciTransfer.Cli;

/// <summary>
/// Shows sweep progress: a live bar (cells done / total, elapsed, remaining) on a terminal, plain lines
/// when the output is redirected (CI logs, files).
/// </summary>
public static class ProgressDisplay
{
    /// <summary>Runs <paramref name="work"/> while showing its progress.</summary>
    public static T Show<T>(string title, Func<IProgress<RunProgress>, T> work, TextWriter plainOutput)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            return work(new PlainProgress(plainOutput));
        }

        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(title), maxValue: 1);
                result = work(new Progress<RunProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                    if (p.Last is { } last)
                    {
                        task.Description = Markup.Escape($"{title}: {p.Done}/{p.Total} {last}");
                    }
                    else if (p.Detail is { } detail)
                    {
                        task.Description = Markup.Escape($"{title}: {p.Done}/{p.Total} {detail}");
                    }
                }));
                task.Value = task.MaxValue;
            });
        return result;
    }

    private sealed class PlainProgress(TextWriter output) : IProgress<RunProgress>
    {
        private readonly object _gate = new();
        private readonly Dictionary<string, DateTime> _lastDetail = new(StringComparer.Ordinal);

        public void Report(RunProgress p)
        {
            if (p.Detail is { } detail)
            {
                ReportDetail(detail);
                return;
            }

            string remaining = p.Remaining is { } r ? Format(r) : "?";
            string line = p.Last is null
                ? string.Create(CultureInfo.InvariantCulture, $"[0/{p.Total}] starting ({p.Skipped} cells already done)")
                : string.Create(CultureInfo.InvariantCulture, $"[{p.Done}/{p.Total}] {p.Last} elapsed {Format(p.Elapsed)} remaining {remaining}");
            lock (_gate)
            {
                output.WriteLine(line);
                output.Flush();
            }
        }

        /// <summary>Training lines, at most one per 10 s per task, so logs stay readable.</summary>
        private void ReportDetail(string detail)
        {
            string task = detail[..Math.Max(0, detail.IndexOf(':', StringComparison.Ordinal))];
            lock (_gate)
            {
                var now = DateTime.UtcNow;
                if (_lastDetail.TryGetValue(task, out var last) && now - last < TimeSpan.FromSeconds(10))
                {
                    return;
                }

                _lastDetail[task] = now;
                output.WriteLine("  " + detail);
                output.Flush();
            }
        }

        private static string Format(TimeSpan t) => t.ToString(t.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture);
    }
}
