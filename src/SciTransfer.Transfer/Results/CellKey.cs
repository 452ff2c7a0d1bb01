using System.Globalization;

namespace SciTransfer.Transfer.Results;

/// <summary>Identity of a cell: (problem id, strategy, n_target, repeat).</summary>
public readonly record struct CellKey(string Problem, string Strategy, int NTarget, int Repeat)
{
    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Problem}/{Strategy}/n={NTarget}/repeat={Repeat}");
}
