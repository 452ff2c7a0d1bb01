namespace SciTransfer.HeatSink.Helmholtz;

/// <summary>What a Helmholtz training run ended with.</summary>
/// <param name="RelativeL2">Relative L2 error on the evaluation grid after the last step.</param>
/// <param name="BoundaryWeight">Final weight of the boundary term relative to the PDE term's (w_boundary / w_pde).</param>
/// <param name="StepsToTarget">First evaluated step after which the error stays at or below the target (null: it does not).</param>
/// <param name="FirstCrossing">First evaluated step at or below the target (null: never).</param>
/// <param name="SecondsToTarget">Wall seconds at <paramref name="StepsToTarget"/>.</param>
public sealed record HelmholtzResult(double RelativeL2, double BoundaryWeight, int? StepsToTarget, int? FirstCrossing, double? SecondsToTarget);
