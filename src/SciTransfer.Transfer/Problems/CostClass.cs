namespace SciTransfer.Transfer.Problems;

/// <summary>
/// Declared order of magnitude of one cell's wall time (see <see cref="ITransferProblem.CellCost"/>), used to
/// balance cluster shards before any timing is known. The values are relative weights: a Heavy cell (a PINN or
/// LSTM trained for thousands of steps) counts as 100 Cheap ones (a closed-form fit or a physics model).
/// </summary>
public enum CostClass
{
    /// <summary>Closed-form or physics-only cells: well under a second.</summary>
    Cheap = 1,

    /// <summary>Small networks, forests, short fine-tunes: seconds.</summary>
    Moderate = 10,

    /// <summary>PINNs, LSTMs, quantum circuits trained for many steps: minutes.</summary>
    Heavy = 100,
}
