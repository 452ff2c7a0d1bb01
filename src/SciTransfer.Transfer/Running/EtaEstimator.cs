using SciTransfer.Transfer.Results;

namespace SciTransfer.Transfer.Running;

/// <summary>
/// Estimates the time left in a sweep from measured cell times per (problem, strategy): the cells of one strategy on
/// one problem cost about the same, while strategies differ by orders of magnitude (a fixed baseline against a
/// fine-tuned network), so a plain mean over finished cells is dominated by the cheap cells that finish first.
/// A (problem, strategy) not measured yet is costed at the mean of the measured strategies of its problem, or of all
/// problems when none is. Wall time left = cost of the pending cells / min(threads, pending cells). Thread-safe.
/// </summary>
public sealed class EtaEstimator
{
    private readonly object _gate = new();
    private readonly Dictionary<(string Problem, string Strategy), (double Seconds, int Count)> _measured = [];
    private readonly Dictionary<(string Problem, string Strategy), int> _pending = [];
    private readonly int _threads;
    private int _pendingTotal;

    /// <summary>Starts with the cells still to run and the number of cells run at once.</summary>
    public EtaEstimator(IEnumerable<CellKey> pending, int threads)
    {
        ArgumentNullException.ThrowIfNull(pending);
        _threads = Math.Max(1, threads);
        foreach (var cell in pending)
        {
            var g = (cell.Problem, cell.Strategy);
            _pending[g] = _pending.GetValueOrDefault(g) + 1;
            _pendingTotal++;
        }
    }

    /// <summary>Records a finished (or failed) cell and its wall time in seconds.</summary>
    public void Finished(CellKey cell, double seconds)
    {
        var g = (cell.Problem, cell.Strategy);
        lock (_gate)
        {
            if (_pending.TryGetValue(g, out int n) && n > 0)
            {
                _pending[g] = n - 1;
                _pendingTotal--;
            }

            if (double.IsFinite(seconds) && seconds >= 0)
            {
                var (sum, count) = _measured.GetValueOrDefault(g);
                _measured[g] = (sum + seconds, count + 1);
            }
        }
    }

    /// <summary>Estimated wall time left; null until a cell was measured; zero when nothing is pending.</summary>
    public TimeSpan? Remaining
    {
        get
        {
            lock (_gate)
            {
                if (_pendingTotal == 0)
                {
                    return TimeSpan.Zero;
                }

                if (_measured.Count == 0)
                {
                    return null;
                }

                double overall = _measured.Values.Average(m => m.Seconds / m.Count);
                double cost = 0;
                foreach (var (g, n) in _pending)
                {
                    if (n == 0)
                    {
                        continue;
                    }

                    double each;
                    if (_measured.TryGetValue(g, out var m))
                    {
                        each = m.Seconds / m.Count;
                    }
                    else
                    {
                        var sameProblem = _measured.Where(kv => kv.Key.Problem == g.Problem).Select(kv => kv.Value.Seconds / kv.Value.Count).ToList();
                        each = sameProblem.Count > 0 ? sameProblem.Average() : overall;
                    }

                    cost += n * each;
                }

                return TimeSpan.FromSeconds(cost / Math.Min(_threads, _pendingTotal));
            }
        }
    }
}
