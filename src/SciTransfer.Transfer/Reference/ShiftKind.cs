namespace SciTransfer.Transfer.Reference;

/// <summary>Which part of the joint distribution moves from source to target in <see cref="CovariateShiftProblem"/>.</summary>
public enum ShiftKind
{
    /// <summary>p(x) moves, p(y|x) is fixed (importance weighting's assumption).</summary>
    Covariate,

    /// <summary>The target's features are an affine re-calibration x = A z + b of the source's, the labelling of z is fixed (CORAL's assumption).</summary>
    Feature,

    /// <summary>p(y) moves, p(x|y) is fixed (neither method's assumption).</summary>
    Label,
}
