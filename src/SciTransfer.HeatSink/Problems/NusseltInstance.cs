using SciTransfer.HeatSink.Data;
using SciTransfer.HeatSink.Models;
using SciTransfer.HeatSink.Nn;
using SciTransfer.HeatSink.Physics;
using SciTransfer.HeatSink.Pinn;
using SciTransfer.Core.Nn;
using SciTransfer.Core.Random;
using SciTransfer.Core.Autodiff;
using SciTransfer.Transfer.Adaptation;
using SciTransfer.Transfer.FineTuning;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.HeatSink.Problems;

/// <summary>
/// One repeat of the Nusselt problem: water designs (source), a sodium pool and a sodium test set, generated
/// or taken from the user's table (water rows = source; the data block's split divides the sodium rows into
/// pool and test). The source model is the water network. Read-only after construction.
/// </summary>
internal sealed partial class NusseltInstance : ProblemInstance<FieldMlp>, IEngineNetworkInstance, IFeatureAdaptationInstance
{
    private readonly NusseltSettings _s;
    private readonly List<NusseltSample> _water;
    private readonly List<NusseltSample> _pool;
    private readonly List<NusseltSample> _test;
    private readonly List<NusseltSample> _priorPoints;
    private readonly List<NusseltSample> _collocation;

    // Held-out water designs for the label-free estimate (generated water only; empty with a user water table) and
    // their importance weights against the sodium pool's designs, computed on first use.
    private readonly List<NusseltSample> _sourceValidation;
    private readonly Lazy<double[]> _validationWeights;

    /// <summary>Generates the repeat's data, or splits the table's sodium rows with the repeat's seeds.</summary>
    public NusseltInstance(NusseltSettings settings, ProblemContext context)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(context);
        _s = settings;
        if (settings.Table is { } table)
        {
            // A sodium-only table without a water file: the source is generated (the description says so).
            _water = table.GeneratesWater
                ? NusseltGenerator.Generate("water", settings.WaterPoints, context.Seeds.Child("water").CreateRng(), settings.Noise)
                : [.. table.Water];
            (_pool, _test) = table.Split(context.Seeds);
            _priorPoints = _pool;
        }
        else
        {
            _water = NusseltGenerator.Generate("water", settings.WaterPoints, context.Seeds.Child("water").CreateRng(), settings.Noise);
            _pool = NusseltGenerator.Generate("sodium", settings.PoolSize, context.Seeds.Child("sodium-pool").CreateRng(), settings.Noise);
            _test = NusseltGenerator.Generate("sodium", settings.TestSize, context.Seeds.Child("sodium-test").CreateRng(), settings.Noise);
            _priorPoints = NusseltGenerator.Generate("sodium", settings.PriorPoints, context.Seeds.Child("sodium-prior").CreateRng(), 0);
        }

        // Its own seed child, so no other draw changes.
        _sourceValidation = settings.Table is { GeneratesWater: false }
            ? []
            : NusseltGenerator.Generate("water", settings.TestSize, context.Seeds.Child("source-validation").CreateRng(), settings.Noise);
        _validationWeights = new Lazy<double[]>(() => [.. new ImportanceWeights().Estimate(DesignRows(_sourceValidation), DesignRows(_pool))], LazyThreadSafetyMode.ExecutionAndPublication);
        PriorStart = CorrelationCoefficients.Published(settings.Prior) ?? FitWater(_water);
        CollocationRange = DesignRange.Of(_pool);
        _collocation = settings.PriorAt == "collocation"
            ? CollocationDesigns.SamplePairs(CollocationRange, settings.PriorPoints / 2, context.Seeds.Child("collocation").CreateRng())
            : [];
    }

    /// <summary>The box of the sodium pool's designs (inputs only), where the collocation designs are drawn.</summary>
    public DesignRange CollocationRange { get; }

    /// <summary>The repeat's collocation designs (prior_at = collocation; empty otherwise).</summary>
    public IReadOnlyList<NusseltSample> Collocation => _collocation;

    /// <summary>
    /// The configured sodium prior's coefficients (a published correlation, or a + b Pe^c fitted to this repeat's
    /// water designs): the correlation baseline, the start of the learnable prior and of fitted-correlation.
    /// </summary>
    public CorrelationCoefficients PriorStart { get; }

    /// <inheritdoc/>
    public override int TargetPoolSize => _pool.Count;

    /// <summary>The repeat's sodium test designs.</summary>
    public IReadOnlyList<NusseltSample> Test => _test;

    /// <summary>Balancer of the data and prior losses (the balancing option).</summary>
    public string Balancing => _s.Balancing;

    /// <summary>The repeat's sodium pool.</summary>
    public IReadOnlyList<NusseltSample> Pool => _pool;

    /// <summary>Water prior: Shah-London laminar duct (fixed).</summary>
    public static CorrelationPrior WaterPrior() => CorrelationPrior.Fixed(s => NusseltCorrelations.ShahLondon(s.AspectRatio));

    /// <summary>
    /// Sodium prior: the configured correlation (default Lyon, 7 + 0.025 Pe^0.8), with learnable coefficients unless
    /// the options fix it. The learnable form keeps a and b positive (it learns their logarithms), so a fitted-water
    /// start with a non-positive a or b starts the learning at a tiny positive value instead.
    /// </summary>
    public CorrelationPrior SodiumPrior()
    {
        var p = PriorStart;
        return _s.LearnPrior
            ? CorrelationPrior.Learnable(Math.Max(p.A, 1e-6), Math.Max(p.B, 1e-9), p.C)
            : CorrelationPrior.Fixed(s => p.Nu(s.Peclet));
    }

    /// <summary>Least-squares a + b Pe^c on water designs (the fitted-water prior), started at Lyon.</summary>
    public static CorrelationCoefficients FitWater(IReadOnlyList<NusseltSample> water)
    {
        ArgumentNullException.ThrowIfNull(water);
        double[] pe = [.. water.Select(s => s.Peclet)];
        double[] nu = [.. water.Select(s => s.Nu)];
        return CorrelationFit.Fit(pe, nu, CorrelationCoefficients.Lyon) with { Method = "fitted-water" };
    }

    /// <inheritdoc/>
    public override FieldMlp PretrainSource(SourceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var net = NusseltTrainer.NewNetwork(_water, _s.Hidden, request.Seeds.Child("init").CreateRng());
        NusseltTrainer.Train(net, _water, _water, WaterPrior(), _s.Balancing, _s.SourceSteps, _s.LearningRate, request.Seeds.Child("train").CreateRng());
        return net;
    }

    /// <summary>Writes the water network with <see cref="PinnModelStore"/>.</summary>
    public override bool SaveSource(FieldMlp source, Stream destination)
    {
        PinnModelStore.Save(source, destination);
        return true;
    }

    /// <summary>Restores the water network.</summary>
    public override FieldMlp LoadSource(Stream source) => PinnModelStore.Load(source, "cached Nusselt water model");

    /// <summary>The water network as "nusselt-mlp", for <c>scitransfer export</c>.</summary>
    public override ExchangeModel ExportSource(FieldMlp source) => new(HeatSinkExchange.NusseltArchitecture, source, HeatSinkExchange.NusseltFeatures);

    /// <summary>A "nusselt-mlp" trained elsewhere (its own input standardisation) as the water network.</summary>
    public override FieldMlp ImportSource(ExchangeModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var net = model.As<FieldMlp>(HeatSinkExchange.NusseltArchitecture, HeatSinkExchange.NusseltFeatures);
        model.ExpectSizes(net.Sizes, [NusseltSample.FeatureCount, .. _s.Hidden, 1], "hidden_layers");
        return net;
    }

    /// <summary>The cell's labelled sodium designs (prefix of the repeat's permutation of the pool).</summary>
    public List<NusseltSample> Subset(StrategyCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var subset = new List<NusseltSample>(cell.TargetIndices.Length);
        foreach (int i in cell.TargetIndices.Span)
        {
            subset.Add(_pool[i]);
        }

        return subset;
    }

    /// <summary>
    /// Fine-tunes a clone of the water network on the cell's designs (with the sodium prior at them unless
    /// <paramref name="usePrior"/> is false) and scores it.
    /// </summary>
    public CellResult FineTune(StrategyCell cell, string balancing, bool usePrior)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var subset = Subset(cell);
        var rng = cell.Seeds.Child("train").CreateRng();
        var net = Source.Clone();
        var priorPoints = usePrior ? PriorPoints(subset) : [];
        var weights = NusseltTrainer.Train(net, subset, priorPoints, SodiumPrior(), balancing, _s.Steps, _s.FineTuneLearningRate, rng, boundPriorWeight: _s.BoundPriorWeight, pairedPrior: _s.PriorAt == "collocation");
        return Score(rows => NusseltTrainer.Predict(net, rows), BlendWeights(weights, subset.Count > 0, priorPoints.Count > 0));
    }

    /// <summary>
    /// Trains a fresh network (input standardisation from the water data, as the source's) on
    /// <paramref name="data"/>, with the sodium prior unless <paramref name="usePrior"/> is false, and scores it.
    /// </summary>
    public CellResult TrainFresh(StrategyCell cell, IReadOnlyList<NusseltSample> data, bool usePrior)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(data);
        var rng = cell.Seeds.Child("train").CreateRng();
        var net = NusseltTrainer.NewNetwork(_water, _s.Hidden, cell.Seeds.Child("init").CreateRng());
        var prior = usePrior ? PriorPoints(data) : [];
        var weights = NusseltTrainer.Train(net, data, prior, SodiumPrior(), _s.Balancing, _s.Steps, _s.LearningRate, rng, boundPriorWeight: _s.BoundPriorWeight, pairedPrior: _s.PriorAt == "collocation");
        return Score(rows => NusseltTrainer.Predict(net, rows), BlendWeights(weights, data.Count > 0, prior.Count > 0));
    }

    /// <summary>A trainable copy of the water network.</summary>
    public IModule CloneSource() => Source.Clone();

    /// <inheritdoc/>
    public IReadOnlyList<LinearLayerParameters> LinearLayers(IModule model)
    {
        var net = AsNetwork(model);
        return [.. Enumerable.Range(0, net.LayerCount).Select(l => new LinearLayerParameters(net.Layer(l).Weight, net.Layer(l).Bias))];
    }

    /// <summary>
    /// The fine-tune strategy's training (data + sodium prior at the designs, the configured balancer, fine-tune
    /// learning rate, steps) on the pool rows, with the generic strategies' hooks.
    /// </summary>
    public void Train(IModule model, ReadOnlySpan<int> targetIndices, TrainingHooks hooks, Rng rng, CancellationToken ct)
    {
        var subset = new List<NusseltSample>(targetIndices.Length);
        foreach (int i in targetIndices)
        {
            subset.Add(_pool[i]);
        }

        NusseltTrainer.Train(AsNetwork(model), subset, PriorPoints(subset), SodiumPrior(), _s.Balancing, _s.Steps, _s.FineTuneLearningRate, rng, hooks, _s.BoundPriorWeight, _s.PriorAt == "collocation");
    }

    /// <summary>Mean squared error of log Nu on the pool rows (the data loss of training).</summary>
    public double Loss(IModule model, ReadOnlySpan<int> targetIndices)
    {
        var rows = new List<NusseltSample>(targetIndices.Length);
        foreach (int i in targetIndices)
        {
            rows.Add(_pool[i]);
        }

        var nu = NusseltTrainer.Predict(AsNetwork(model), rows);
        return rows.Select((s, i) => Math.Pow(Math.Log(nu[i]) - Math.Log(s.Nu), 2)).Average();
    }

    /// <summary>The fine-tune steps.</summary>
    public int AdaptationSteps => _s.Steps;

    /// <summary>The fine-tune learning rate.</summary>
    public double AdaptationLearningRate => _s.FineTuneLearningRate;

    /// <summary>
    /// Supervised loss: mean squared error of log Nu on the water designs plus, when n &gt; 0, on the labelled sodium
    /// designs (no correlation prior); features: the last hidden layer on the water designs and on the sodium pool's
    /// designs (their Nu unused).
    /// </summary>
    public FeatureForward Forward(IModule model, Tape tape, ReadOnlySpan<int> targetIndices)
    {
        ArgumentNullException.ThrowIfNull(tape);
        var net = AsNetwork(model);
        var subset = new List<NusseltSample>(targetIndices.Length);
        foreach (int i in targetIndices)
        {
            subset.Add(_pool[i]);
        }

        var water = Standardised(net, _water, tape);
        var loss = Ops.MseLoss(net.Network.Forward(tape, water), LogNu(_water, tape));
        if (subset.Count > 0)
        {
            loss = Ops.Add(loss, Ops.MseLoss(net.Network.Forward(tape, Standardised(net, subset, tape)), LogNu(subset, tape)));
        }

        return new FeatureForward(loss, Hidden(net, water), Hidden(net, Standardised(net, _pool, tape)));
    }

    /// <summary>Test metrics of a network from <see cref="CloneSource"/>.</summary>
    public CellResult Score(IModule model) => Score(rows => NusseltTrainer.Predict(AsNetwork(model), rows));

    /// <summary>
    /// Test MAPE (%) and RMSE of Nu as predicted by <paramref name="predict"/> (one value per design it is given), the
    /// label-free estimate <see cref="NusseltMetrics.IwSourceRmse"/> (the same predictor on the held-out water designs,
    /// importance-weighted towards the sodium pool's designs; Sugiyama, Krauledat &amp; Müller 2007), and the final
    /// data and prior weights of the blend that trained the model (<see cref="NusseltMetrics.WeightData"/>,
    /// <see cref="NusseltMetrics.WeightPrior"/>; NaN where the strategy has no such term or reports none).
    /// </summary>
    public CellResult Score(Func<IReadOnlyList<NusseltSample>, double[]> predict, (double Data, double Prior)? weights = null)
    {
        ArgumentNullException.ThrowIfNull(predict);
        double[] predicted = predict(_test);
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
            [NusseltMetrics.Mape] = 100 * ape / _test.Count,
            [NusseltMetrics.Rmse] = Math.Sqrt(se / _test.Count),
            [NusseltMetrics.WeightData] = weights?.Data ?? double.NaN,
            [NusseltMetrics.WeightPrior] = weights?.Prior ?? double.NaN,
            [NusseltMetrics.IwSourceRmse] = _sourceValidation.Count == 0
                ? double.NaN
                : ImportanceWeightedValidation.Rmse(predict(_sourceValidation), [.. _sourceValidation.Select(v => v.Nu)], _validationWeights.Value),
        });
    }

    // The network's input features (log10 Pe, D_h, aspect ratio, L, W, log10 L/D) as rows: what the density ratio compares.
    private static MathNet.Numerics.LinearAlgebra.Matrix<double> DesignRows(IReadOnlyList<NusseltSample> rows)
    {
        int d = NusseltSample.FeatureCount;
        var x = NusseltTrainer.FeatureMatrix(rows);
        return MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(rows.Count, d, (i, j) => x[(i * d) + j]);
    }

    private static Var Standardised(FieldMlp net, IReadOnlyList<NusseltSample> rows, Tape tape)
    {
        if (net.MirrorPeriod > 0)
        {
            throw new InvalidOperationException("Nusselt: the feature-level strategies expect a network without the mirror feature");
        }

        int d = NusseltSample.FeatureCount;
        var x = NusseltTrainer.FeatureMatrix(rows);
        var t = new SciTransfer.Core.Tensors.Tensor(rows.Count, d);
        for (int i = 0; i < x.Length; i++)
        {
            t[i] = (x[i] - net.InputCentre[i % d]) / net.InputScale[i % d];
        }

        return tape.Constant(t);
    }

    private static Var LogNu(IReadOnlyList<NusseltSample> rows, Tape tape)
    {
        var t = new SciTransfer.Core.Tensors.Tensor(rows.Count, 1);
        for (int i = 0; i < rows.Count; i++)
        {
            t[i] = Math.Log(rows[i].Nu);
        }

        return tape.Constant(t);
    }

    private static Var Hidden(FieldMlp net, Var x)
    {
        var h = x;
        for (int l = 0; l < net.LayerCount - 1; l++)
        {
            h = Ops.Tanh(net.Network.Layers[l].Forward(x.Tape, h));
        }

        return h;
    }

    private static FieldMlp AsNetwork(IModule model) =>
        model as FieldMlp ?? throw new ArgumentException($"Nusselt: expected the FieldMlp from CloneSource, got {model?.GetType().Name ?? "null"}");

    // The weights NusseltTrainer.Train returned (data first when present, then prior) as (data, prior).
    private static (double Data, double Prior) BlendWeights(double[] weights, bool hasData, bool hasPrior)
    {
        int k = 0;
        double data = hasData && weights.Length > k ? weights[k++] : double.NaN;
        double prior = hasPrior && weights.Length > k ? weights[k] : double.NaN;
        return (data, prior);
    }

    // Where the prior is imposed: at collocation designs spread over the pool's range (default; none at n = 0, where
    // there is no data to blend with and fine-tune stays the source model), at the labelled designs (as in the seed
    // paper, where both losses see the same CFD points) or also at unlabelled designs (prior_at = pool).
    private IReadOnlyList<NusseltSample> PriorPoints(IReadOnlyList<NusseltSample> labelled) => _s.PriorAt switch
    {
        "collocation" => labelled.Count == 0 ? [] : _collocation,
        "pool" => [.. labelled, .. _priorPoints],
        _ => labelled,
    };
}
