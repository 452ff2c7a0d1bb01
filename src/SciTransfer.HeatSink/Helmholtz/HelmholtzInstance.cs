using SciTransfer.Transfer.Problems;

namespace SciTransfer.HeatSink.Helmholtz;

/// <summary>One repeat of <see cref="HelmholtzProblem"/>: nothing to generate (the exact solution is the reference).</summary>
internal sealed class HelmholtzInstance : ProblemInstance
{
    /// <summary>Wraps the problem.</summary>
    public HelmholtzInstance(HelmholtzProblem problem) => Problem = problem;

    /// <summary>The problem (equation and training settings).</summary>
    public HelmholtzProblem Problem { get; }

    /// <inheritdoc/>
    public override int TargetPoolSize => 0;
}
