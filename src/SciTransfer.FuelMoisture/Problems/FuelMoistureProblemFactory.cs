using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.FuelMoisture.Problems;

/// <summary>Creates fuel-moisture/10h-to-{k}h from a study entry's options.</summary>
public sealed class FuelMoistureProblemFactory(int targetClassHours) : IProblemFactory
{
    /// <inheritdoc />
    public string Name => FuelMoistureProblem.NameFor(targetClassHours);

    /// <inheritdoc />
    public ITransferProblem Create(OptionsReader options, ProblemSettings settings)
    {
        ArgumentNullException.ThrowIfNull(options);
        bool real = options.Has("data_dir");
        foreach (string key in real ? FuelMoistureRealData.GeneratorOptions : FuelMoistureRealData.StationOptions)
        {
            if (options.Has(key))
            {
                throw options.Error(key, real
                    ? "a generator option has no effect with data_dir (the data come from the files); remove it"
                    : "station ids need data_dir (the folder with weather.csv and the observation files)");
            }
        }

        var o = FuelMoistureOptions.Read(options, settings, targetClassHours);
        return new FuelMoistureProblem(o, real ? FuelMoistureRealData.Load(options, targetClassHours) : null);
    }
}
