using MathNet.Numerics.LinearAlgebra;
using SciTransfer.Core.Random;
using SciTransfer.Quantum.Models;
using SciTransfer.Quantum.Strategies;
using SciTransfer.Transfer.Adaptation;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Quantum.Problems;

/// <summary>
/// One repeat of a <see cref="QuantumTransferProblem"/>: the data, the model kind and its training routine. The
/// source model is the trained parameter vector; the strategies (<see cref="IFlatParameterInstance"/>) do the rest.
/// Input-level domain adaptation (<see cref="IInputAdaptationInstance"/>) works on the encoded features; the problem
/// offers it only where the model reads them (the classical MLP, or a QCNN with angle encoding).
/// </summary>
internal sealed class QuantumTransferInstance : ProblemInstance<double[]>, IFlatParameterInstance, IEncodedFeaturesInstance, IInputAdaptationInstance
{
    private readonly BinaryModelKind _model;
    private readonly DomainSplit _data;
    private readonly TransferOptions _options;

    private readonly Lazy<double[]>? _validationWeights;

    public QuantumTransferInstance(BinaryModelKind model, DomainSplit data, TransferOptions options)
    {
        _model = model;
        _data = data;
        _options = options;
        if (data.SourceValidation is { Count: > 0 } v)
        {
            _validationWeights = new Lazy<double[]>(() => new ImportanceWeights().Estimate(Rows(v), Rows(data.Pool)).ToArray(), LazyThreadSafetyMode.ExecutionAndPublication);
        }
    }

    /// <summary>Name of the label-free metric (importance-weighted validation on held-out source samples).</summary>
    public const string IwSourceAccuracyMetric = "iw_source_accuracy";

    public override int TargetPoolSize => _data.Pool.Count;

    public bool[] FeatureParameters => _model.FrozenByFreezeConv;

    public LabelledSet Pool => _data.Pool;

    public LabelledSet Test => _data.Test;

    public override double[] PretrainSource(SourceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var start = _model.Initialize(request.Seeds.Child("init").CreateRng());
        return BinaryTrainer.Train(_model, start, _data.Source, _options.Source, null, request.Seeds.Child("train").CreateRng(), request.CancellationToken);
    }

    public double[] Initialize(Rng rng) => _model.Initialize(rng);

    public double[] Train(double[] start, ReadOnlySpan<int> targetIndices, bool[]? frozen, Rng rng, CancellationToken ct) =>
        BinaryTrainer.Train(_model, start, _data.Pool.Subset(targetIndices), _options.Target, frozen, rng, ct);

    public double[] TrainAnchored(double[] start, ReadOnlySpan<int> targetIndices, double anchorStrength, Rng rng, CancellationToken ct) =>
        BinaryTrainer.Train(_model, start, _data.Pool.Subset(targetIndices), _options.Target, null, rng, ct, anchorStrength);

    public double Loss(double[] parameters, ReadOnlySpan<int> targetIndices) =>
        _model.LossAndGradient(parameters, _data.Pool.Subset(targetIndices), new double[parameters.Length]);

    public bool[]? BiasParameters => _model.BiasParameters;

    public IReadOnlyList<FlatMatrixBlock>? WeightMatrices => _model.WeightMatrices;

    public double[] TrainLora(double[] start, ReadOnlySpan<int> targetIndices, FlatLora lora, Rng initRng, Rng rng, CancellationToken ct)
    {
        var model = new LoraModel(_model, start, lora);
        return model.Merge(BinaryTrainer.Train(model, model.Initialize(initRng), _data.Pool.Subset(targetIndices), _options.Target, null, rng, ct));
    }

    public CellResult Score(double[] parameters)
    {
        var metrics = new Dictionary<string, double> { ["accuracy"] = _model.Accuracy(parameters, _data.Test) };
        foreach (var (name, value) in LabelFreeMetrics(set => _model.Classify(parameters, set))) // the decision of Accuracy
        {
            metrics[name] = value;
        }

        return new(metrics);
    }

    public IReadOnlyDictionary<string, double> LabelFreeMetrics(Func<LabelledSet, int[]> classify)
    {
        ArgumentNullException.ThrowIfNull(classify);
        return _data.SourceValidation is not { } v ? new Dictionary<string, double>()
            : _validationWeights is null ? new Dictionary<string, double> { [IwSourceAccuracyMetric] = double.NaN } // no held-out source sample left
            : new Dictionary<string, double> { [IwSourceAccuracyMetric] = ImportanceWeightedValidation.Accuracy(classify(v), v.Labels, _validationWeights.Value) };
    }

    /// <summary>Source encoded features, n_s x F.</summary>
    public Matrix<double> SourceInputs => Rows(_data.Source);

    /// <summary>Target pool encoded features (labels unused), n_pool x F.</summary>
    public Matrix<double> TargetInputs => Rows(_data.Pool);

    /// <summary>
    /// A fresh model (seed child "init") trained with the source settings on the source labels at
    /// <paramref name="sourceInputs"/>; with <paramref name="sourceWeights"/> the source rows are first resampled
    /// n_s times with probability w_i / sum w (<see cref="ImportanceResampling"/>, seed child "resample": mini-batch Adam
    /// takes no sample weights); then, when n &gt; 0, fine-tuned on the cell's subset with the target settings.
    /// </summary>
    public CellResult TrainOnSource(Matrix<double> sourceInputs, Vector<double>? sourceWeights, StrategyCell cell)
    {
        ArgumentNullException.ThrowIfNull(sourceInputs);
        ArgumentNullException.ThrowIfNull(cell);
        var src = _data.Source;
        if (sourceInputs.RowCount != src.Count || sourceInputs.ColumnCount != src.FeatureCount)
        {
            throw new ArgumentException($"QuantumTransferInstance.TrainOnSource: inputs are {sourceInputs.RowCount} x {sourceInputs.ColumnCount}, the source is {src.Count} x {src.FeatureCount}");
        }

        var features = new double[src.Count * src.FeatureCount];
        for (int i = 0; i < src.Count; i++)
        {
            for (int j = 0; j < src.FeatureCount; j++)
            {
                features[(i * src.FeatureCount) + j] = sourceInputs[i, j];
            }
        }

        var adapted = new LabelledSet(src.FeatureCount, features, src.Labels, src.States, src.StateDoubles, src.Classes);
        if (sourceWeights is not null)
        {
            adapted = adapted.Subset(ImportanceResampling.Draw(sourceWeights, src.Count, cell.Seeds.Child("resample").CreateRng()));
        }

        var start = _model.Initialize(cell.Seeds.Child("init").CreateRng());
        var theta = BinaryTrainer.Train(_model, start, adapted, _options.Source, null, cell.Seeds.Child("source-train").CreateRng(), cell.CancellationToken);
        return Score(Train(theta, cell.TargetIndices.Span, null, cell.Seeds.Child("train").CreateRng(), cell.CancellationToken));
    }

    private static Matrix<double> Rows(LabelledSet set) =>
        Matrix<double>.Build.Dense(set.Count, set.FeatureCount, (i, j) => set.Features[(i * set.FeatureCount) + j]);
}
