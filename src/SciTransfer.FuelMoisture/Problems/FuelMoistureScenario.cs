using SciTransfer.Core.Random;
using SciTransfer.FuelMoisture.Data;
using SciTransfer.FuelMoisture.Model;
using SciTransfer.FuelMoisture.Physics;
using SciTransfer.FuelMoisture.Weather;
using SciTransfer.Transfer.Data;

namespace SciTransfer.FuelMoisture.Problems;

/// <summary>
/// One repeat's generated data. Every station shares one time axis: a physics spin-up, then the windows.
/// Source: hourly noisy 10-h readings at training and validation stations over <see cref="FuelMoistureOptions.SourceDays"/>.
/// Target: a sequence of lead-in + observation days at pool and test stations; the pool holds twice-daily
/// weighings (08 and 14 local solar time) of the target class in the observation window, the test set
/// holds hourly weighings at other stations in the same window. Read-only after construction.
/// </summary>
public sealed class FuelMoistureScenario
{
    /// <summary>Hour 0 of the spin-up is this many days before the first window.</summary>
    public static readonly DateTime WindowStartUtc = new(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    private FuelMoistureScenario()
    {
    }

    /// <summary>Options it was built with.</summary>
    public required FuelMoistureOptions Options { get; init; }

    /// <summary>Scaler fitted on the source training stations.</summary>
    public required FeatureScaler Scaler { get; init; }

    /// <summary>Source training sequences (standardised).</summary>
    public required IReadOnlyList<TrainingSequence> SourceTrain { get; init; }

    /// <summary>Source validation sequences (standardised).</summary>
    public required IReadOnlyList<TrainingSequence> SourceValidation { get; init; }

    /// <summary>Standardised inputs of the pool stations over the target sequence, each [L, 10].</summary>
    public required IReadOnlyList<double[]> PoolInputs { get; init; }

    /// <summary>Standardised inputs of the test stations over the target sequence, each [L, 10].</summary>
    public required IReadOnlyList<double[]> TestInputs { get; init; }

    /// <summary>Target pool: weighings (station = pool station index, hour = index in the target sequence).</summary>
    public required IReadOnlyList<FuelObservation> Pool { get; init; }

    /// <summary>Test observations (station = test station index, hour = index in the target sequence).</summary>
    public required IReadOnlyList<FuelObservation> Test { get; init; }

    /// <summary>Weather of the test stations over the target sequence (for the physics baseline).</summary>
    public required IReadOnlyList<HourlyWeather> TestWeather { get; init; }

    /// <summary>Hours in the target sequence.</summary>
    public required int TargetLength { get; init; }

    /// <summary>Index of the first hour of the observation window in the target sequence.</summary>
    public required int ObservationStart { get; init; }

    /// <summary>Generates the data of one repeat.</summary>
    public static FuelMoistureScenario Generate(FuelMoistureOptions o, SeedTree seeds)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(seeds);
        int spin = o.SpinUpDays * 24;
        int sourceHours = o.SourceDays * 24;
        int targetHours = (o.LeadInDays + o.ObservationDays) * 24;
        int total = spin + Math.Max(sourceHours, targetHours);
        DateTime start = WindowStartUtc.AddHours(-spin);
        var source = o.Model(10);
        var target = o.Model(o.TargetClassHours);

        HourlyWeather[] Stations(string group, string prefix, int count) =>
        [
            .. Enumerable.Range(0, count).Select(i =>
            {
                var rng = seeds.Child("weather").Child(group).Child(i).CreateRng();
                var st = WeatherGenerator.RandomStation($"{prefix}{i + 1:00}", rng);
                return WeatherGenerator.Generate(st, start, total, rng);
            }),
        ];

        var train = Stations("source", "S", o.SourceStations);
        var val = Stations("validation", "V", o.ValidationStations);
        var pool = Stations("pool", "P", o.TargetStations);
        var test = Stations("test", "T", o.TestStations);

        // Source readings: hourly, noisy, with 2 % missing hours.
        var obsSeeds = seeds.Child("observations");
        List<FuelObservation> SourceReadings(HourlyWeather w, string group, int i)
        {
            var truth = ObservationGenerator.TrueMoisture(w, source, o.DryingCoefficient);
            return ObservationGenerator.Hourly(0, truth, spin, spin + sourceHours, o.SensorNoise, 0.02, obsSeeds.Child(group).Child(i).CreateRng());
        }

        var trainObs = train.Select((w, i) => SourceReadings(w, "source", i)).ToArray();
        var valObs = val.Select((w, i) => SourceReadings(w, "validation", i)).ToArray();
        var trainX = train.Select(w => Features.Build(w, o.DryingCoefficient, spin, sourceHours)).ToArray();
        var valX = val.Select(w => Features.Build(w, o.DryingCoefficient, spin, sourceHours)).ToArray();
        var scaler = FeatureScaler.Fit(trainX, Features.Count, trainObs.SelectMany(l => l.Select(x => x.Value)));

        TrainingSequence Sequence(double[] x, List<FuelObservation> obs, int length)
        {
            scaler.Transform(x);
            var y = new double[length];
            var wt = new double[length];
            foreach (var ob in obs)
            {
                y[ob.Hour - spin] = scaler.ScaleOutput(ob.Value);
                wt[ob.Hour - spin] = 1;
            }

            return new TrainingSequence(x, y, wt);
        }

        var sourceTrain = trainX.Select((x, i) => Sequence(x, trainObs[i], sourceHours)).ToArray();
        var sourceVal = valX.Select((x, i) => Sequence(x, valObs[i], sourceHours)).ToArray();

        // Target observations in the last ObservationDays of the target sequence.
        int obsFrom = spin + (o.LeadInDays * 24), obsTo = spin + targetHours;
        int[] weighingHours = [8, 14];
        int[] everyHour = [.. Enumerable.Range(0, 24)];
        var poolObs = new List<FuelObservation>();
        for (int i = 0; i < pool.Length; i++)
        {
            var truth = ObservationGenerator.TrueMoisture(pool[i], target, o.DryingCoefficient);
            var obs = ObservationGenerator.Weighings(i, pool[i], truth, obsFrom, obsTo, weighingHours, o.WeighingNoise, o.WeighingRelativeNoise, obsSeeds.Child("pool").Child(i).CreateRng());
            poolObs.AddRange(obs.Select(x => x with { Hour = x.Hour - spin }));
        }

        var testObs = new List<FuelObservation>();
        for (int i = 0; i < test.Length; i++)
        {
            var truth = ObservationGenerator.TrueMoisture(test[i], target, o.DryingCoefficient);
            var obs = ObservationGenerator.Weighings(i, test[i], truth, obsFrom, obsTo, everyHour, o.WeighingNoise, o.WeighingRelativeNoise, obsSeeds.Child("test").Child(i).CreateRng());
            testObs.AddRange(obs.Select(x => x with { Hour = x.Hour - spin }));
        }

        double[] TargetInputs(HourlyWeather w)
        {
            var x = Features.Build(w, o.DryingCoefficient, spin, targetHours);
            scaler.Transform(x);
            return x;
        }

        return new FuelMoistureScenario
        {
            Options = o,
            Scaler = scaler,
            SourceTrain = sourceTrain,
            SourceValidation = sourceVal,
            PoolInputs = [.. pool.Select(TargetInputs)],
            TestInputs = [.. test.Select(TargetInputs)],
            Pool = poolObs,
            Test = testObs,
            TestWeather = [.. test.Select(w => w.Slice(spin, targetHours))],
            TargetLength = targetHours,
            ObservationStart = o.LeadInDays * 24,
        };
    }

    /// <summary>
    /// Builds one repeat's scenario from a user's files: the source sequences are the source and validation
    /// stations' whole weather records with their 10-h observations; the target sequence is the data's
    /// target window (the common period of the target stations), with the target class's observations of the
    /// pool and the test set (those outside the window are left out). Station roles come from
    /// <see cref="FuelMoistureRealData.Roles"/>.
    /// </summary>
    internal static FuelMoistureScenario FromData(FuelMoistureOptions o, FuelMoistureRealData data, SeedTree seeds)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(seeds);
        var roles = data.Roles(seeds);
        if (data.Time is { } time)
        {
            return FromTimeSplit(o, data, roles, time);
        }

        int[] sourceIds = roles.Source, validationIds = roles.Validation, poolIds = roles.Pool, testIds = roles.Test;
        var stations = data.Data.Stations;
        var sourceObs = data.Data.Observations[10];

        double[] Inputs(int s) => Features.Build(stations[s], o.DryingCoefficient, 0, stations[s].Length);
        var trainX = sourceIds.Select(Inputs).ToArray();
        var valX = validationIds.Select(Inputs).ToArray();
        var scaler = FeatureScaler.Fit(trainX, Features.Count, sourceObs.Where(ob => sourceIds.Contains(ob.Station)).Select(ob => ob.Value));

        TrainingSequence Sequence(int s, double[] x)
        {
            scaler.Transform(x);
            int length = stations[s].Length;
            var y = new double[length];
            var wt = new double[length];
            foreach (var ob in sourceObs)
            {
                if (ob.Station == s)
                {
                    y[ob.Hour] = scaler.ScaleOutput(ob.Value);
                    wt[ob.Hour] = 1;
                }
            }

            return new TrainingSequence(x, y, wt);
        }

        int length = data.WindowHours;
        int Offset(int s) => data.Offset(s);
        var pool = data.InWindow(poolIds, roles.PoolRows);
        var test = data.InWindow(testIds, roles.TestRows);

        double[] TargetInputs(int s)
        {
            var x = Features.Build(stations[s], o.DryingCoefficient, Offset(s), length);
            scaler.Transform(x);
            return x;
        }

        return new FuelMoistureScenario
        {
            Options = o,
            Scaler = scaler,
            SourceTrain = [.. trainX.Select((x, i) => Sequence(sourceIds[i], x))],
            SourceValidation = [.. valX.Select((x, i) => Sequence(validationIds[i], x))],
            PoolInputs = [.. poolIds.Select(TargetInputs)],
            TestInputs = [.. testIds.Select(TargetInputs)],
            Pool = pool,
            Test = test,
            TestWeather = [.. testIds.Select(s => stations[s].Slice(Offset(s), length))],
            TargetLength = length,
            ObservationStart = test.Min(ob => ob.Hour),
        };
    }

    /// <summary>
    /// A time split: every station's weather is turned into inputs once, over its whole record, and the roles are
    /// masks on those sequences (no weather is run twice). Source training = the source stations' 10-h rows in the
    /// pool range; early stopping = their 10-h rows in the validation range (same input arrays; none without a
    /// validation range); the scaler is fitted on training-period inputs and 10-h rows only. The target sequence is
    /// the target window (a single station: its whole record, sharing the source arrays); pool and test are its rows
    /// in the pool and test ranges.
    /// </summary>
    private static FuelMoistureScenario FromTimeSplit(FuelMoistureOptions o, FuelMoistureRealData data, StationRoles roles, TimeSplit time)
    {
        var stations = data.Data.Stations;
        var sourceObs = data.Data.Observations[10];
        int[] used = [.. roles.Source.Concat(roles.Pool).Concat(roles.Test).Distinct().Order()];
        var inputs = used.ToDictionary(s => s, s => Features.Build(stations[s], o.DryingCoefficient, 0, stations[s].Length));

        // Hours [from, to) of station s inside a range (weather is continuous and time-ordered).
        (int From, int To) Hours(int s, TimeRange r)
        {
            var w = stations[s];
            int from = Math.Clamp((int)Math.Ceiling((r.From - w.StartUtc).TotalHours), 0, w.Length);
            int to = Math.Clamp((int)Math.Floor((r.To - w.StartUtc).TotalHours) + 1, from, w.Length);
            return (from, to);
        }

        var trainBlocks = roles.Source.Select(s =>
        {
            var (from, to) = Hours(s, time.Pool);
            return inputs[s].AsSpan(from * Features.Count, (to - from) * Features.Count).ToArray();
        });
        bool InRange(FuelObservation ob, TimeRange r) => r.Contains(stations[ob.Station].TimeOf(ob.Hour));
        var scaler = FeatureScaler.Fit(trainBlocks, Features.Count, sourceObs.Where(ob => roles.Source.Contains(ob.Station) && InRange(ob, time.Pool)).Select(ob => ob.Value));
        foreach (var x in inputs.Values)
        {
            scaler.Transform(x);
        }

        List<TrainingSequence> Masked(TimeRange? range)
        {
            var list = new List<TrainingSequence>();
            if (range is not { } r)
            {
                return list;
            }

            foreach (int s in roles.Source)
            {
                int length = stations[s].Length;
                var y = new double[length];
                var wt = new double[length];
                foreach (var ob in sourceObs)
                {
                    if (ob.Station == s && InRange(ob, r))
                    {
                        y[ob.Hour] = scaler.ScaleOutput(ob.Value);
                        wt[ob.Hour] = 1;
                    }
                }

                if (wt.Any(v => v > 0))
                {
                    list.Add(new TrainingSequence(inputs[s], y, wt));
                }
            }

            return list;
        }

        int window = data.WindowHours;
        double[] TargetInputs(int s)
        {
            int off = data.Offset(s);
            var x = inputs[s];
            return off == 0 && window == stations[s].Length ? x : x.AsSpan(off * Features.Count, window * Features.Count).ToArray();
        }

        var pool = data.InWindow(roles.Pool, roles.PoolRows);
        var test = data.InWindow(roles.Test, roles.TestRows);
        return new FuelMoistureScenario
        {
            Options = o,
            Scaler = scaler,
            SourceTrain = Masked(time.Pool),
            SourceValidation = Masked(time.Validation),
            PoolInputs = [.. roles.Pool.Select(TargetInputs)],
            TestInputs = [.. roles.Test.Select(TargetInputs)],
            Pool = pool,
            Test = test,
            TestWeather = [.. roles.Test.Select(s => stations[s].Slice(data.Offset(s), window))],
            TargetLength = window,
            ObservationStart = test.Min(ob => ob.Hour),
        };
    }
}
