using System.Globalization;
using SciTransfer.Core.Random;
using SciTransfer.HeatSink.Data;
using SciTransfer.HeatSink.Pinn;
using SciTransfer.Transfer.Data;

namespace SciTransfer.HeatSink.Problems;

/// <summary>
/// A PINN problem's measured sodium data (the entry's data block): the sensor file, whose rows the split divides per
/// repeat into the target pool (training sensors) and held-out test sensors (scored by sensor_rmse), and an optional
/// reference field (x, y, theta everywhere) that rel_l2, peak_error and steps_to_target score against. Read once
/// when the config is loaded; read-only afterwards.
/// </summary>
internal sealed class SensorDataSet
{
    /// <summary>Key of the sensor file in <c>"data": {"files": {...}}</c>.</summary>
    public const string SensorsKey = "sensors";

    /// <summary>Key of the optional reference field.</summary>
    public const string ReferenceKey = "reference";

    /// <summary>Share of the sensors held out for sensor_rmse when the data block gives no split.</summary>
    public const double DefaultTestFraction = 0.3;

    private readonly SplitSpec _split;
    private readonly SplitRecord[] _records;

    private SensorDataSet(SplitSpec split, SensorTable sensors, SensorTable? reference, SensorScale scale)
    {
        _split = split;
        Sensors = sensors;
        Reference = reference;
        Scale = scale;

        // Record ids are the sensors' line numbers, which an explicit split names.
        _records = [.. sensors.Rows.Select(r => new SplitRecord(r.ToString(CultureInfo.InvariantCulture)))];
        SmallestPool = split.Assign(_records, new SeedTree(0)).Count(r => r == SplitRole.Pool);
    }

    /// <summary>What the data block holds.</summary>
    public static DataSpec Spec { get; } = new(
        [
            new DataFileSpec(SensorsKey, "sodium temperature sensors: x_m,y_m,temperature_K (metres, kelvin; needs fluid_temperature_k and heat_flux_w_m2) or x,y,theta (units of l, non-dimensional)"),
            new DataFileSpec(ReferenceKey, "reference field for scoring, same layout (e.g. a CFD or finite-volume field at many points); without it rel_l2, peak_error and steps_to_target are NaN", Required: false),
        ],
        [SplitKind.Random, SplitKind.Explicit],
        SplitRequired: false,
        Doc: "the split divides the sensors into the target pool and held-out test sensors (default: random, test_fraction 0.3; explicit ids are the sensors' line numbers)",
        Strategies: [FvModelStrategy]);

    /// <summary>The strategy offered only with measured data (on generated data the solver is the reference itself).</summary>
    public const string FvModelStrategy = "fv-model";

    /// <summary>The sensor file's observations.</summary>
    public SensorTable Sensors { get; }

    /// <summary>The reference field, or null.</summary>
    public SensorTable? Reference { get; }

    /// <summary>The unit conversion used (K per theta for reporting sensor_rmse in kelvin).</summary>
    public SensorScale Scale { get; }

    /// <summary>The smallest target pool of any repeat.</summary>
    public int SmallestPool { get; }

    /// <summary>Reads the files of <paramref name="block"/> for the sodium cell <paramref name="geometry"/>.</summary>
    public static SensorDataSet Load(DataBlock block, HeatSinkGeometry geometry, SensorScale scale)
    {
        ArgumentNullException.ThrowIfNull(block);
        var split = block.Split ?? new RandomSplit(block.ConfigFile, $"{block.JsonPath}.split", DefaultTestFraction, 0);
        if (split is RandomSplit { ValidationFraction: > 0 } or ExplicitSplit { Validation.Count: > 0 })
        {
            throw block.Error("split", "this problem uses no validation set; remove validation / validation_fraction");
        }

        var sensors = SensorCsv.Read(block.File(SensorsKey), geometry, scale);
        var reference = block.FileOrNull(ReferenceKey) is { } r ? SensorCsv.Read(r, geometry, scale) : null;
        return new SensorDataSet(split, sensors, reference, scale);
    }

    /// <summary>The repeat's training pool and held-out test sensors (file order within each).</summary>
    public (SensorData Pool, SensorData Test) Split(SeedTree seeds)
    {
        var roles = _split.Assign(_records, seeds);
        return (Pick(roles, SplitRole.Pool), Pick(roles, SplitRole.Test));
    }

    /// <summary>Words for the problem's description.</summary>
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"measured data: {Sensors.Count} sensors from {Path.GetFileName(Sensors.File)} ({(Sensors.InKelvin ? "K" : "theta")}), {(Reference is { } r ? $"reference field {Path.GetFileName(r.File)} ({r.Count} points)" : "no reference field (rel_l2, peak_error, steps_to_target are NaN; sensor_rmse scores)")}");

    private SensorData Pick(SplitRole[] roles, SplitRole role)
    {
        var pts = new List<double>();
        var theta = new List<double>();
        for (int i = 0; i < roles.Length; i++)
        {
            if (roles[i] == role)
            {
                pts.Add(Sensors.Points[2 * i]);
                pts.Add(Sensors.Points[(2 * i) + 1]);
                theta.Add(Sensors.Theta[i]);
            }
        }

        return new SensorData([.. pts], [.. theta]);
    }
}
