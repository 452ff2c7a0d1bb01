using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.HeatSink.Helmholtz;

/// <summary>One loss balancing scheme on the Helmholtz benchmark: a fresh network (seed child "init") trained from scratch.</summary>
internal sealed class HelmholtzStrategy : Strategy<HelmholtzInstance>
{
    /// <summary>The strategy of scheme <paramref name="scheme"/>; named after it, except fixed weights, which is "scratch" (the harness's from-scratch baseline every problem has).</summary>
    public HelmholtzStrategy(string scheme)
    {
        Scheme = scheme;
        Name = scheme == "fixed" ? StrategyNames.Scratch : scheme;
    }

    /// <summary>The loss balancing scheme.</summary>
    public string Scheme { get; }

    /// <inheritdoc/>
    public override string Name { get; }

    /// <inheritdoc/>
    public override StrategyNeeds Needs => StrategyNeeds.None;

    /// <inheritdoc/>
    public override string Description => Scheme == "fixed" ? "fixed unit weights from scratch (the paper's M1)" : $"loss balancing '{Scheme}' from scratch (lr-annealing is the paper's M2)";

    /// <inheritdoc/>
    public override CellResult Run(HelmholtzInstance instance, StrategyCell cell)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(cell);
        var p = instance.Problem;
        var net = HelmholtzTrainer.NewNetwork(p.Training.Hidden, cell.Seeds.Child("init").CreateRng(), p.Training.StandardiseInputs);
        var r = HelmholtzTrainer.Train(net, p.Case, p.Training with { Balancing = Scheme }, cell.Seeds.Child("train").CreateRng(), cell.CancellationToken);
        return new CellResult(new Dictionary<string, double>
        {
            ["rel_l2"] = r.RelativeL2,
            ["steps_to_target"] = r.StepsToTarget ?? double.NaN,
            ["first_steps_to_target"] = r.FirstCrossing ?? double.NaN,
            ["boundary_weight"] = r.BoundaryWeight,
            ["seconds_to_target"] = r.SecondsToTarget ?? double.NaN,
        });
    }
}
