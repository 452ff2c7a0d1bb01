using SciTransfer.Epidemiology.Bench;
using SciTransfer.Epidemiology.Problems;
using SciTransfer.Transfer.Bench;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.Epidemiology;

/// <summary>The epidemiology domain: the small-area growth problem and the random-forest benchmark.</summary>
public sealed class EpidemiologyModule : IDomainModule
{
    /// <inheritdoc />
    public string Name => "epidemiology";

    /// <inheritdoc />
    public IReadOnlyList<IProblemFactory> Problems { get; } = [new SmallAreaGrowthFactory()];

    /// <inheritdoc />
    public IReadOnlyList<IBenchWorkload> Benchmarks { get; } = [new RfFitWorkload(), new NytLoadWorkload()];
}
