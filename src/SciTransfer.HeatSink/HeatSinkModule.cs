using SciTransfer.Transfer.Bench;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.HeatSink;

/// <summary>The heat-sink domain: water -> sodium PINN transfer and the Nusselt model problem.</summary>
public sealed class HeatSinkModule : IDomainModule
{
    /// <inheritdoc/>
    public string Name => "heat-sink";

    /// <inheritdoc/>
    public IReadOnlyList<IProblemFactory> Problems { get; } = [];

    /// <inheritdoc/>
    public IReadOnlyList<IBenchWorkload> Benchmarks { get; } = [];
}
