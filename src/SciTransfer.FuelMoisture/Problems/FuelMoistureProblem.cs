using SciTransfer.FuelMoisture.Physics;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.FuelMoisture.Problems;

/// <summary>fuel-moisture/10h-to-{k}h: the 10-h source LSTM transferred to another dead-fuel class.</summary>
public sealed class FuelMoistureProblem : ITransferProblem
{
    /// <summary>
    /// Configured problem for target class <see cref="FuelMoistureOptions.TargetClassHours"/>, on generated
    /// data, or on a user's files when <paramref name="realData"/> is given.
    /// </summary>
    public FuelMoistureProblem(FuelMoistureOptions options, FuelMoistureRealData? realData = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        RealData = realData;
        string cls = FuelClass.Name(options.TargetClassHours);
        Name = NameFor(options.TargetClassHours);
        Description = realData is null
            ? $"10-h fuel moisture LSTM (hourly sensors at {options.SourceStations} source stations) -> {cls} fuels from twice-daily weighings; RMSE on held-out stations"
            : $"10-h fuel moisture LSTM -> {cls} fuels on the files in {realData.Directory}; RMSE on held-out stations";
        Metrics = options.TargetClassHours == 1
            ? [Rmse, new MetricInfo("rmse_le30", "%", true, "RMSE over test observations <= 30 % (no rain spikes)")]
            : [Rmse];
    }

    private static MetricInfo Rmse { get; } = new("rmse", "%", true, "RMSE of fuel moisture at the test stations' hourly weighings");

    /// <summary>The resolved options.</summary>
    public FuelMoistureOptions Options { get; }

    /// <summary>The user's data (option data_dir), or null for generated data.</summary>
    public FuelMoistureRealData? RealData { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public string ScarcityAxis => "target observations";

    /// <inheritdoc />
    public IReadOnlyList<MetricInfo> Metrics { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> Strategies => FuelMoistureStrategies.All;

    /// <inheritdoc />
    public IReadOnlyList<int> DefaultSizes { get; } = [4, 8, 16, 32, 64, 128];

    /// <summary>"fuel-moisture/10h-to-{k}h".</summary>
    public static string NameFor(int targetClassHours) => $"fuel-moisture/10h-to-{FuelClass.Name(targetClassHours)}";

    /// <inheritdoc />
    public ProblemInstance Create(ProblemContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var scenario = RealData is null
            ? FuelMoistureScenario.Generate(Options, context.Seeds.Child("data"))
            : FuelMoistureScenario.FromData(Options, RealData, context.Seeds.Child("data"));
        return new FuelMoistureInstance(scenario, context.Repeat, Name);
    }
}
