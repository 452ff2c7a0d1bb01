using SciTransfer.HeatSink.Problems;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.HeatSink.Strategies;

/// <summary>
/// PINN fine-tune: the restored water network, fresh Adam at the fine-tune learning rate, sodium physics plus the
/// n sensors. Without a balancer the loss terms have fixed unit weights (<c>fine-tune</c>); with one, the terms are
/// balanced by that scheme (<c>fine-tune+relobralo</c>, ...; see <see cref="Pinn.Balancing.LossBalancers"/>).
/// </summary>
internal sealed class PinnFineTune : Strategy<WaterToSodiumInstance>
{
    private readonly string? _balancer;

    /// <summary>Fine-tune with fixed weights, or with <paramref name="balancer"/> (a <see cref="Pinn.Balancing.LossBalancers"/> name).</summary>
    public PinnFineTune(string? balancer = null)
    {
        _balancer = balancer;
        Name = balancer is null ? StrategyNames.FineTune : $"{StrategyNames.FineTune}+{balancer}";
    }

    /// <inheritdoc/>
    public override string Name { get; }

    /// <inheritdoc/>
    public override StrategyNeeds Needs => StrategyNeeds.Source | StrategyNeeds.TargetLabels;

    /// <inheritdoc/>
    public override string Description => _balancer is null
        ? "the water PINN trained on the sodium physics and the n sensors, fixed loss weights"
        : $"as fine-tune with the loss terms balanced by {_balancer}";

    /// <inheritdoc/>
    public override CellResult Run(WaterToSodiumInstance instance, StrategyCell cell)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var training = _balancer is null ? instance.FineTuneTraining : instance.FineTuneTraining with { Balancing = _balancer };
        return instance.RunCell(Name, cell, instance.Source.Network.Clone(), training);
    }
}
