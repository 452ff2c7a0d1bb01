using SciTransfer.Core.Nn;

namespace SciTransfer.Core.Optim;

/// <summary>
/// Early stopping on a validation loss: keeps a copy of the parameters at the best loss seen and
/// signals a stop after <see cref="Patience"/> consecutive evaluations (at least one) without an improvement larger than
/// <see cref="MinDelta"/>. Call <see cref="RestoreBest"/> to put the best parameters back.
/// </summary>
public sealed class EarlyStopping
{
    private readonly Parameter[] _params;
    private readonly double[][] _best;

    /// <summary>Creates the helper over the parameters to snapshot.</summary>
    public EarlyStopping(IEnumerable<Parameter> parameters, int patience, double minDelta = 0.0)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfNegative(patience);
        _params = parameters.ToArray();
        _best = _params.Select(p => p.Value.Span.ToArray()).ToArray();
        Patience = patience;
        MinDelta = minDelta;
    }

    /// <summary>Evaluations without improvement tolerated.</summary>
    public int Patience { get; }

    /// <summary>Smallest decrease counted as an improvement.</summary>
    public double MinDelta { get; }

    /// <summary>Best loss so far (+infinity before the first report).</summary>
    public double BestLoss { get; private set; } = double.PositiveInfinity;

    /// <summary>0-based index of the report with the best loss (-1 before any).</summary>
    public int BestEpoch { get; private set; } = -1;

    /// <summary>Number of reports so far.</summary>
    public int Epochs { get; private set; }

    /// <summary>Whether the patience is exhausted.</summary>
    public bool ShouldStop { get; private set; }

    /// <summary>Records a validation loss; returns true when training should stop. NaN never improves.</summary>
    public bool Report(double validationLoss)
    {
        if (validationLoss < BestLoss - MinDelta)
        {
            BestLoss = validationLoss;
            BestEpoch = Epochs;
            for (int k = 0; k < _params.Length; k++)
            {
                _params[k].Value.Span.CopyTo(_best[k]);
            }
        }

        Epochs++;
        int sinceBest = Epochs - 1 - BestEpoch;
        ShouldStop = sinceBest > 0 && sinceBest >= Patience;
        return ShouldStop;
    }

    /// <summary>Copies the best parameters back (the initial ones if nothing was reported).</summary>
    public void RestoreBest()
    {
        for (int k = 0; k < _params.Length; k++)
        {
            _best[k].CopyTo(_params[k].Value.Span);
        }
    }
}
