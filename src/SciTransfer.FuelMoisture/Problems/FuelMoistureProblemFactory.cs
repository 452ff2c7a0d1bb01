using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.FuelMoisture.Problems;

/// <summary>Creates fuel-moisture/10h-to-{k}h from a study entry's options.</summary>
public sealed class FuelMoistureProblemFactory(int targetClassHours) : IProblemFactory
{
    /// <inheritdoc />
    public string Name => FuelMoistureProblem.NameFor(targetClassHours);

    /// <inheritdoc />
    public ITransferProblem Create(OptionsReader options, ProblemSettings settings) =>
        new FuelMoistureProblem(FuelMoistureOptions.Read(options, settings, targetClassHours));
}
