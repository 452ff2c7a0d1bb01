using MathNet.Numerics.LinearAlgebra;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Transfer.Adaptation;

/// <summary>
/// What input-level domain adaptation (<see cref="CoralStrategy"/>, <see cref="ImportanceWeightingStrategy"/>) needs
/// from a repeat's instance, whatever its model (linear, forest, network): the source inputs and the target pool's
/// inputs as numeric feature rows, and one routine that trains the problem's model on the source labels at given
/// (aligned) source inputs with optional per-sample weights, together with the cell's labelled target subset.
/// Target labels outside the cell's subset are never read.
/// </summary>
public interface IInputAdaptationInstance
{
    /// <summary>Source inputs, n_s x d, in the feature space the model sees.</summary>
    Matrix<double> SourceInputs { get; }

    /// <summary>The target pool's inputs without labels, n_pool x d (same columns as <see cref="SourceInputs"/>).</summary>
    Matrix<double> TargetInputs { get; }

    /// <summary>
    /// Trains the problem's model on the source labels at <paramref name="sourceInputs"/> (row i replaces source
    /// input i), each sample weighted by <paramref name="sourceWeights"/> when given (mean 1), and on the cell's
    /// labelled target subset when n &gt; 0 (how the two combine is the problem's, e.g. a fine-tune from the adapted
    /// source fit); returns the test metrics.
    /// </summary>
    CellResult TrainOnSource(Matrix<double> sourceInputs, Vector<double>? sourceWeights, StrategyCell cell);
}
