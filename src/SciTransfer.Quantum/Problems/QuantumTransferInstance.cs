using SciTransfer.Quantum.Models;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.Quantum.Problems;

/// <summary>One repeat of a <see cref="QuantumTransferProblem"/>: data, source pre-training and strategies.</summary>
internal sealed class QuantumTransferInstance : ProblemInstance
{
    private readonly QuantumTransferProblem _problem;
    private readonly BinaryModelKind _model;
    private readonly DomainSplit _data;

    public QuantumTransferInstance(QuantumTransferProblem problem, BinaryModelKind model, DomainSplit data)
    {
        _problem = problem;
        _model = model;
        _data = data;
    }

    public override int TargetPoolSize => _data.Pool.Count;

    public override object? PretrainSource(SourceRequest request)
    {
        var start = _model.Initialize(request.Seeds.Child("init").CreateRng());
        return BinaryTrainer.Train(_model, start, _data.Source, _problem.Options.Source, null, request.Seeds.Child("train").CreateRng(), request.CancellationToken);
    }

    public override CellResult Run(CellRequest request)
    {
        var source = request.Source as double[];
        double[] Source() => source ?? throw new InvalidOperationException($"{_problem.Name}: strategy {request.Strategy} needs the source model");
        var subset = _data.Pool.Subset(request.TargetIndices.Span);
        var opts = _problem.Options.Target;
        var rng = request.Seeds.Child("train").CreateRng();
        var ct = request.CancellationToken;
        double[] parameters = request.Strategy switch
        {
            "source-only" => Source(),
            "scratch" => BinaryTrainer.Train(_model, _model.Initialize(request.Seeds.Child("init").CreateRng()), subset, opts, null, rng, ct),
            "fine-tune" => BinaryTrainer.Train(_model, Source(), subset, opts, null, rng, ct),
            "freeze-conv" => BinaryTrainer.Train(_model, Source(), subset, opts, _model.FrozenByFreezeConv, rng, ct),
            "oracle" => BinaryTrainer.Train(_model, _model.Initialize(request.Seeds.Child("init").CreateRng()), _data.Pool, opts, null, rng, ct),
            _ => throw new ArgumentException($"{_problem.Name}: unknown strategy '{request.Strategy}'"),
        };
        return new CellResult(new Dictionary<string, double> { ["accuracy"] = _model.Accuracy(parameters, _data.Test) });
    }
}
