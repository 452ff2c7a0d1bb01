using SciTransfer.HeatSink.Bench;
using SciTransfer.HeatSink.Problems;
using SciTransfer.Transfer.Bench;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.HeatSink;

/// <summary>The heat-sink domain: water -> sodium PINN transfer and the Nusselt model problem.</summary>
public sealed class HeatSinkModule : IDomainModule
{
    /// <inheritdoc/>
    public string Name => "heat-sink";

    /// <inheritdoc/>
    public IReadOnlyList<IProblemFactory> Problems { get; } =
    [
        new WaterToSodiumFactory("heat-sink/water-to-sodium", 0),
        new WaterToSodiumFactory("heat-sink/water-to-sodium-taller-fin", 3.0),
        new NusseltFactory(),
        new Helmholtz.HelmholtzFactory(),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<IBenchWorkload> Benchmarks { get; } = [new PinnStepBench(), new FvSolveBench()];
}
