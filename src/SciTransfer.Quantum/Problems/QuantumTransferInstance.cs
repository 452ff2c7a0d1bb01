using SciTransfer.Core.Random;
using SciTransfer.Quantum.Models;
using SciTransfer.Quantum.Strategies;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.Quantum.Problems;

/// <summary>
/// One repeat of a <see cref="QuantumTransferProblem"/>: the data, the model kind and its training routine. The
/// source model is the trained parameter vector; the strategies (<see cref="IFlatParameterInstance"/>) do the rest.
/// </summary>
internal sealed class QuantumTransferInstance : ProblemInstance<double[]>, IFlatParameterInstance, IEncodedFeaturesInstance
{
    private readonly BinaryModelKind _model;
    private readonly DomainSplit _data;
    private readonly TransferOptions _options;

    public QuantumTransferInstance(BinaryModelKind model, DomainSplit data, TransferOptions options)
    {
        _model = model;
        _data = data;
        _options = options;
    }

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

    public CellResult Score(double[] parameters) =>
        new(new Dictionary<string, double> { ["accuracy"] = _model.Accuracy(parameters, _data.Test) });
}
