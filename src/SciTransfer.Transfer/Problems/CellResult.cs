using SciTransfer.Transfer.Figures;

namespace SciTransfer.Transfer.Problems;

/// <summary>What one cell produced: a value per declared metric, plus optional figure data.</summary>
public sealed class CellResult
{
    /// <summary>Creates a result; <paramref name="values"/> must hold exactly the problem's metric names.</summary>
    public CellResult(IReadOnlyDictionary<string, double> values, IReadOnlyList<FigureData>? figures = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        Values = values;
        Figures = figures ?? [];
    }

    /// <summary>Metric name -> value (NaN allowed for "not reached"; the summary skips NaN).</summary>
    public IReadOnlyDictionary<string, double> Values { get; }

    /// <summary>Figure data the report renders (heat maps, time series); usually only from repeat 0.</summary>
    public IReadOnlyList<FigureData> Figures { get; }
}
