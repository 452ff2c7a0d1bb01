using SciTransfer.FuelMoisture.Problems;
using SciTransfer.Transfer.Bench;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.FuelMoisture;

/// <summary>The fuel-moisture domain: 10-h -> 1-h, 100-h and 1000-h transfer problems, and the 10-h class itself as a target.</summary>
public sealed class FuelMoistureModule : IDomainModule
{
    /// <inheritdoc />
    public string Name => "fuel-moisture";

    /// <inheritdoc />
    public IReadOnlyList<IProblemFactory> Problems { get; } =
        [new FuelMoistureProblemFactory(1), new FuelMoistureProblemFactory(100), new FuelMoistureProblemFactory(1000), new FuelMoistureProblemFactory(10)];

    /// <inheritdoc />
    public IReadOnlyList<IBenchWorkload> Benchmarks { get; } = [];
}
