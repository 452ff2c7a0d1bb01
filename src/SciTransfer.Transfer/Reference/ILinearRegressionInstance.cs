using MathNet.Numerics.LinearAlgebra;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Transfer.Reference;

/// <summary>
/// What the reference problems' closed-form strategies (scratch, source-only, fine-tune, oracle) need: a linear model
/// as a weight vector over design columns (the features, plus an intercept column where the problem has one).
/// </summary>
internal interface ILinearRegressionInstance
{
    /// <summary>The source least-squares weights (length <see cref="DesignColumns"/>).</summary>
    Vector<double> Source { get; }

    /// <summary>Number of design columns (weights).</summary>
    int DesignColumns { get; }

    /// <summary>Ridge strength of scratch and oracle.</summary>
    double ScratchRidge { get; }

    /// <summary>The cell's target subset as design rows and labels (both null when n = 0).</summary>
    (Matrix<double>? X, Vector<double>? Y) Subset(StrategyCell cell);

    /// <summary>Ridge regression on the whole pool (the oracle).</summary>
    Vector<double> PoolRidge();

    /// <summary>Test metrics of weights <paramref name="w"/>.</summary>
    CellResult Score(Vector<double> w);
}
