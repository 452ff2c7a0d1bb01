using SciTransfer.FuelMoisture.Physics;
using SciTransfer.Transfer.Data;
using SciTransfer.Transfer.Options;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.FuelMoisture.Problems;

/// <summary>Creates fuel-moisture/10h-to-{k}h from a study entry's options and, for a user's files, its data block.</summary>
public sealed class FuelMoistureProblemFactory : IProblemFactory
{
    private readonly int _targetClassHours;

    /// <summary>The factory of the problem whose target class has time lag <paramref name="targetClassHours"/> (1, 10, 100 or 1000; 10: the source class itself).</summary>
    public FuelMoistureProblemFactory(int targetClassHours)
    {
        _targetClassHours = targetClassHours;
        Options = FuelMoistureOptions.Declared(targetClassHours);
        Data = FuelMoistureRealData.Spec(targetClassHours);
    }

    /// <inheritdoc />
    public string Name => FuelMoistureProblem.NameFor(_targetClassHours);

    /// <inheritdoc />
    public string Summary => _targetClassHours == 10
        ? "10-h fuel moisture LSTM evaluated on 10-h fuels itself (the source class as the target, for comparison with published 10-h figures); generated data, or your weather and observation files"
        : $"10-h fuel moisture LSTM transferred to {FuelClass.Name(_targetClassHours)} fuels by time-warping its gate biases; generated data, or your weather and observation files";

    /// <inheritdoc />
    public OptionSet Options { get; }

    /// <inheritdoc />
    public DataSpec? Data { get; }

    /// <inheritdoc />
    public ITransferProblem Create(ProblemOptions options, ProblemSettings settings)
    {
        ArgumentNullException.ThrowIfNull(options);
        bool real = options.Data is not null;
        if (options.Given("rain_time_constant_h") && options.Given("rain_factor"))
        {
            throw options.Error("rain_time_constant_h", "give either rain_time_constant_h (Tr in hours for every class) or rain_factor (Tr = rain_factor x T_k), not both");
        }

        foreach (string key in real ? FuelMoistureOptions.GeneratorOptions : FuelMoistureOptions.DataOptions)
        {
            if (options.Given(key))
            {
                throw options.Error(key, real
                    ? "a generator option has no effect with a data block (the data come from the files); remove it"
                    : $"{key} needs a data block (\"data\": {{\"files\": {{...}}, \"split\": {{...}}}} with the weather and observation files)");
            }
        }

        ArgumentNullException.ThrowIfNull(settings);
        var o = FuelMoistureOptions.From(options, _targetClassHours);
        return new FuelMoistureProblem(o, real
            ? FuelMoistureRealData.Load(options.Data!, options.TextListOrNull(FuelMoistureOptions.SourceStationIds), problem => options.Error(FuelMoistureOptions.SourceStationIds, problem), _targetClassHours, o.Csv)
            : null)
        {
            Device = settings.Device,
        };
    }
}
