using SciTransfer.Core.Random;
using SciTransfer.HeatSink.Nn;
using SciTransfer.HeatSink.Physics;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.HeatSink.Nusselt;

/// <summary>
/// One repeat of the Nusselt problem: water designs (source), a sodium pool and a sodium test set, generated
/// or split from a user table (water rows = source; sodium rows shuffled, first min(pool_size, half) = pool,
/// the rest = test). Read-only after construction.
/// </summary>
public sealed class NusseltInstance : ProblemInstance
{
    private readonly NusseltSettings _s;
    private readonly List<NusseltSample> _water;
    private readonly List<NusseltSample> _pool;
    private readonly List<NusseltSample> _test;
    private readonly List<NusseltSample> _priorPoints;

    /// <summary>Generates or loads the repeat's data.</summary>
    public NusseltInstance(NusseltSettings settings, ProblemContext context)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(context);
        _s = settings;
        if (settings.DataCsv is { } path)
        {
            var rows = NusseltCsv.Read(path);
            _water = [.. rows.Where(r => r.Fluid == "water")];
            var sodium = rows.Where(r => r.Fluid == "sodium").ToArray();
            if (_water.Count < 2 || sodium.Length < 2)
            {
                throw new Transfer.Errors.DataFormatException(path, 0, "fluid", $"needs at least 2 water and 2 sodium rows, found {_water.Count} and {sodium.Length}");
            }

            context.Seeds.Child("split").CreateRng().Shuffle(sodium.AsSpan());
            int poolCount = Math.Min(settings.PoolSize, sodium.Length / 2);
            _pool = [.. sodium.Take(poolCount)];
            _test = [.. sodium.Skip(poolCount)];
            _priorPoints = _pool;
        }
        else
        {
            _water = NusseltGenerator.Generate("water", settings.WaterPoints, context.Seeds.Child("water").CreateRng(), settings.Noise);
            _pool = NusseltGenerator.Generate("sodium", settings.PoolSize, context.Seeds.Child("sodium-pool").CreateRng(), settings.Noise);
            _test = NusseltGenerator.Generate("sodium", settings.TestSize, context.Seeds.Child("sodium-test").CreateRng(), settings.Noise);
            _priorPoints = NusseltGenerator.Generate("sodium", settings.PriorPoints, context.Seeds.Child("sodium-prior").CreateRng(), 0);
        }
    }

    /// <inheritdoc/>
    public override int TargetPoolSize => _pool.Count;

    /// <summary>Water prior: Shah-London laminar duct (fixed).</summary>
    public static CorrelationPrior WaterPrior() => CorrelationPrior.Fixed(s => NusseltCorrelations.ShahLondon(s.AspectRatio));

    /// <summary>Sodium prior: Lyon, 7 + 0.025 Pe^0.8, with learnable coefficients unless the options fix it.</summary>
    public CorrelationPrior SodiumPrior() => _s.LearnPrior
        ? CorrelationPrior.Learnable(7, 0.025, 0.8)
        : CorrelationPrior.Fixed(s => NusseltCorrelations.Lyon(s.Peclet));

    /// <inheritdoc/>
    public override object? PretrainSource(SourceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var net = NusseltTrainer.NewNetwork(_water, _s.Hidden, request.Seeds.Child("init").CreateRng());
        NusseltTrainer.Train(net, _water, _water, WaterPrior(), _s.Balancing, _s.SourceSteps, _s.LearningRate, request.Seeds.Child("train").CreateRng());
        return net;
    }

    /// <summary>Writes the water network with <see cref="Pinn.PinnModelStore"/>.</summary>
    public override bool SaveSource(object source, Stream destination)
    {
        if (source is not FieldMlp net)
        {
            return false;
        }

        Pinn.PinnModelStore.Save(net, destination);
        return true;
    }

    /// <summary>Restores the water network.</summary>
    public override object? LoadSource(Stream source) => Pinn.PinnModelStore.Load(source, "cached Nusselt water model");

    /// <inheritdoc/>
    public override CellResult Run(CellRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var subset = new List<NusseltSample>();
        foreach (int i in request.TargetIndices.Span)
        {
            subset.Add(_pool[i]);
        }

        var source = request.Source as FieldMlp;
        var rng = request.Seeds.Child("train").CreateRng();
        double[] predicted;
        switch (request.Strategy)
        {
            case "correlation":
                predicted = [.. _test.Select(s => NusseltCorrelations.Lyon(s.Peclet))];
                break;
            case "source-only":
                predicted = NusseltTrainer.Predict(Require(source), _test);
                break;
            case "fine-tune":
            case "fine-tune-fixed":
            case "fine-tune-no-prior":
                {
                    var net = Require(source).Clone();
                    string balancing = request.Strategy == "fine-tune" ? _s.Balancing : "fixed";
                    var priorPoints = request.Strategy == "fine-tune-no-prior" ? [] : PriorPoints(subset);
                    NusseltTrainer.Train(net, subset, priorPoints, SodiumPrior(), balancing, _s.Steps, _s.FineTuneLearningRate, rng);
                    predicted = NusseltTrainer.Predict(net, _test);
                    break;
                }

            default:
                {
                    // scratch, data-only, oracle: a fresh network (same input standardisation as the source).
                    var net = NusseltTrainer.NewNetwork(_water, _s.Hidden, request.Seeds.Child("init").CreateRng());
                    var data = request.Strategy == "oracle" ? _pool : subset;
                    var prior = request.Strategy == "data-only" ? [] : PriorPoints(data);
                    NusseltTrainer.Train(net, data, prior, SodiumPrior(), _s.Balancing, _s.Steps, _s.LearningRate, rng);
                    predicted = NusseltTrainer.Predict(net, _test);
                    break;
                }
        }

        double ape = 0;
        double se = 0;
        for (int i = 0; i < _test.Count; i++)
        {
            double e = predicted[i] - _test[i].Nu;
            ape += Math.Abs(e) / _test[i].Nu;
            se += e * e;
        }

        return new CellResult(new Dictionary<string, double>
        {
            ["mape"] = 100 * ape / _test.Count,
            ["rmse"] = Math.Sqrt(se / _test.Count),
        });
    }

    // The prior is imposed at the labelled designs (as in the seed paper, where both losses see the same CFD
    // points) or, with prior_at = "pool", also at unlabelled designs.
    private IReadOnlyList<NusseltSample> PriorPoints(IReadOnlyList<NusseltSample> labelled) =>
        _s.PriorAtPool ? [.. labelled, .. _priorPoints] : labelled;

    private static FieldMlp Require(FieldMlp? source) =>
        source ?? throw new InvalidOperationException("heat-sink/nusselt-water-to-sodium: this strategy needs the pre-trained water network, but none was given");
}
