using System.Diagnostics;
using System.Globalization;
using SciTransfer.Transfer.Running;
using Spectre.Console;

namespace SciTransfer.Cli;

/// <summary>
/// Shows sweep progress: one live line on a terminal (<see cref="ProgressLine"/>: a bar that fits the terminal, cells
/// done of all, "elapsed" and "left", the current cell), plain lines when the output is redirected (CI logs, files).
/// Warnings (a damaged cache, a failed cell) are printed as lines of their own on <c>warnings</c>.
/// </summary>
public static class ProgressDisplay
{
    /// <summary>Runs <paramref name="work"/> while showing its progress.</summary>
    public static T Show<T>(string title, Func<IProgress<RunProgress>, T> work, TextWriter plainOutput, TextWriter? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            return work(new PlainProgress(plainOutput, warnings ?? plainOutput));
        }

        using var live = new TerminalProgress(title, warnings ?? Console.Error);
        return work(live);
    }

    /// <summary>The live line: redrawn on each report and once a second (so elapsed ticks), cursor hidden meanwhile.</summary>
    private sealed class TerminalProgress : IProgress<RunProgress>, IDisposable
    {
        private readonly object _gate = new();
        private readonly string _title;
        private readonly TextWriter _warnings;
        private readonly Timer _timer;
        private readonly Stopwatch _sinceReport = Stopwatch.StartNew();
        private RunProgress _last = new(0, 0, 0, null, TimeSpan.Zero);
        private string _description;
        private bool _disposed;

        public TerminalProgress(string title, TextWriter warnings)
        {
            _title = title;
            _description = title;
            _warnings = warnings;
            Console.Out.Write("\u001b[?25l");
            _timer = new Timer(_ => Redraw(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        }

        public void Report(RunProgress value)
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                _last = value;
                _sinceReport.Restart();
                if (value.Warning is { } warning)
                {
                    Console.Out.Write("\r\u001b[K");
                    _warnings.WriteLine("warning: " + warning);
                    _warnings.Flush();
                }
                else if (value.Detail is { } detail)
                {
                    _description = detail;
                }
                else if (value.Last is { } cell)
                {
                    _description = $"{_title}: {cell}";
                }

                DrawLocked();
            }
        }

        public void Dispose()
        {
            _timer.Dispose();
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                DrawLocked();
                _disposed = true;
                Console.Out.Write("\n\u001b[?25h");
                Console.Out.Flush();
            }
        }

        private void Redraw()
        {
            lock (_gate)
            {
                if (!_disposed)
                {
                    DrawLocked();
                }
            }
        }

        private void DrawLocked()
        {
            int width;
            try
            {
                width = Console.WindowWidth;
            }
            catch (IOException)
            {
                width = 80;
            }

            width = (width > 0 ? width : 80) - 1;
            var since = _sinceReport.Elapsed;
            TimeSpan? left = _last.Remaining is { } r ? (r > since ? r - since : TimeSpan.Zero) : null;
            string line = ProgressLine.Format(width, _last.Done, _last.Total, _last.Skipped, _last.Elapsed + since, left, _description);
            Console.Out.Write("\r" + line + "\u001b[K");
            Console.Out.Flush();
        }
    }

    private sealed class PlainProgress(TextWriter output, TextWriter warnings) : IProgress<RunProgress>
    {
        private readonly object _gate = new();
        private readonly Dictionary<string, DateTime> _lastDetail = new(StringComparer.Ordinal);

        public void Report(RunProgress p)
        {
            if (p.Warning is { } warning)
            {
                lock (_gate)
                {
                    warnings.WriteLine("warning: " + warning);
                    warnings.Flush();
                }

                return;
            }

            if (p.Detail is { } detail)
            {
                ReportDetail(detail);
                return;
            }

            string left = p.Remaining is { } r ? ProgressLine.Duration(r) : "?";
            string line = p.Last is null
                ? string.Create(CultureInfo.InvariantCulture, $"[{p.Skipped}/{p.Skipped + p.Total}] starting: {p.Total} cells to run, {p.Skipped} already done by an earlier run")
                : string.Create(CultureInfo.InvariantCulture, $"[{p.Skipped + p.Done}/{p.Skipped + p.Total}] {p.Last} elapsed {ProgressLine.Duration(p.Elapsed)} left {left}");
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
    }
}
