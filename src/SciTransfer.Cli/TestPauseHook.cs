using System.Globalization;
using SciTransfer.Transfer.Running;

namespace SciTransfer.Cli;

/// <summary>
/// A test hook that makes "interrupt a run mid-sweep" deterministic. When the environment variable
/// <c>SCITRANSFER_TEST_PAUSE_AFTER_CELLS</c> = K is set, the report of the K-th finished cell (its rows are
/// already in results.csv: the runner reports a cell after appending it) writes the marker file named by
/// <c>SCITRANSFER_TEST_PAUSE_MARKER</c> and blocks that worker for good, as does every later cell report;
/// cells already running on other threads finish and append, nothing new starts. A test waits for the marker
/// and kills the process. Unset (always, outside tests), the progress sink is passed through untouched.
/// </summary>
internal static class TestPauseHook
{
    public const string CellsVariable = "SCITRANSFER_TEST_PAUSE_AFTER_CELLS";
    public const string MarkerVariable = "SCITRANSFER_TEST_PAUSE_MARKER";

    public static IProgress<RunProgress> Wrap(IProgress<RunProgress> inner)
    {
        string? cells = Environment.GetEnvironmentVariable(CellsVariable);
        if (string.IsNullOrEmpty(cells))
        {
            return inner;
        }

        if (!int.TryParse(cells, NumberStyles.Integer, CultureInfo.InvariantCulture, out int k) || k < 1)
        {
            throw new InvalidOperationException($"{CellsVariable} must be a positive integer, found '{cells}'");
        }

        return new Pausing(inner, k, Environment.GetEnvironmentVariable(MarkerVariable));
    }

    private sealed class Pausing(IProgress<RunProgress> inner, int afterCells, string? marker) : IProgress<RunProgress>
    {
        private int _finished;

        public void Report(RunProgress value)
        {
            inner.Report(value);
            if (value.Last is null)
            {
                return; // start line or training detail, not a finished cell
            }

            int n = Interlocked.Increment(ref _finished);
            if (n < afterCells)
            {
                return;
            }

            if (n == afterCells && !string.IsNullOrEmpty(marker))
            {
                string tmp = marker + ".tmp";
                File.WriteAllText(tmp, n.ToString(CultureInfo.InvariantCulture));
                File.Move(tmp, marker, overwrite: true);
            }

            Thread.Sleep(Timeout.Infinite);
        }
    }
}
