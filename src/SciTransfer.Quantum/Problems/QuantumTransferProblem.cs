using SciTransfer.Quantum.Backends;
using SciTransfer.Quantum.Models;
using SciTransfer.Quantum.Qcnn;
using SciTransfer.Quantum.Strategies;
using SciTransfer.Transfer.Adaptation;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Quantum.Problems;

/// <summary>
/// A quantum-vs-classical low-data transfer problem: a binary classifier (the 8-qubit QCNN or its
/// parameter-matched classical MLP) is trained on the source, then adapted to scarce target data.
/// Strategies: scratch, source-only, fine-tune, freeze-conv (conv blocks / hidden layer fixed, pooling /
/// output layer retrained), oracle (scratch on the whole pool) and the classical baseline logistic-regression on the
/// same encoded features. Metric: test accuracy; the report
/// derives retention (RPR) and degradation from the summary. Both model kinds share a comparison group.
/// </summary>
internal sealed class QuantumTransferProblem : ITransferProblem
{
    private readonly Func<ProblemContext, DomainSplit> _data;
    private readonly Lazy<QuantumBackend> _backend;
    private readonly Lazy<int> _maxTargetSize;

    /// <summary>Creates the problem.</summary>
    public QuantumTransferProblem(
        string name,
        string description,
        TransferOptions options,
        QcnnEncoding encoding,
        int classicalFeatures,
        ProblemSettings settings,
        Func<ProblemContext, DomainSplit> data,
        Func<int> maxTargetSize,
        bool sourceValidation = false)
    {
        Name = name;
        Options = options;
        Encoding = encoding;
        Metrics = sourceValidation ? [Accuracy, IwSourceAccuracy] : [Accuracy];
        Strategies =
        [
            .. BaseStrategies,
            .. ReadsFeatures ? [new CoralStrategy(), new ImportanceWeightingStrategy()] : Array.Empty<IStrategy>(),
            new FlatL2SpStrategy(),
            .. options.Model == TransferOptions.Qcnn ? Array.Empty<IStrategy>() : [new FlatBitFitStrategy(), new FlatHeadOnlyStrategy(), new FlatLoraStrategy()],
        ];
        ClassicalFeatures = classicalFeatures;
        _data = data;
        _maxTargetSize = new Lazy<int>(maxTargetSize);
        // One backend per problem; cells share it (backends are thread-safe). A missing GPU
        // falls back to managed code, and the description (kept in run.json) says which one ran.
        _backend = new Lazy<QuantumBackend>(() => BackendSelector.Create(settings.Backend, 1, allowFallback: true));
        var (qcnnCount, mlpCount) = options.ParameterCounts(classicalFeatures);
        string conv = ConvBlocks.DisplayName(options.Conv) + (options.Pooling == PoolingAnsatz.Zx ? "" : $" with {options.Pooling.ToString().ToLowerInvariant()} pooling");
        Description = $"{description}; model {options.Model}" + (options.Model == TransferOptions.Qcnn
            ? $" ({conv}{WidthText(options)}, {qcnnCount} parameters, simulator backend {_backend.Value.Name} on {_backend.Value.Device}{NisqText(options)}; the matched classical MLP has {mlpCount})"
            : $" (MLP, {mlpCount} parameters = {options.Capacity}x budget of the {conv} QCNN's {qcnnCount})");
    }

    /// <inheritdoc/>
    public string Name { get; }

    // Said only when not the default 8-qubit binary circuit, so existing descriptions stay as they were.
    private static string WidthText(TransferOptions o) =>
        (o.Qubits == QcnnCircuit.QubitCount ? "" : $", {o.Qubits} qubits")
        + (o.Classes == 2 ? "" : $", {o.Classes} classes read from {QcnnMulticlassModel.ReadoutWiresFor(o.Classes)} wires");

    private static string NisqText(TransferOptions o) => o.Shots == 0 && o.Noise.IsNoiseless
        ? ""
        : $"; {(o.Shots == 0 ? "exact expectations" : $"{o.Shots} shots")}, {o.Noise}, parameter-shift gradients";

    /// <inheritdoc/>
    public string Description { get; }

    /// <summary>Resolved options.</summary>
    public TransferOptions Options { get; }

    /// <summary>QCNN input encoding.</summary>
    public QcnnEncoding Encoding { get; }

    /// <summary>Features the classical baseline sees.</summary>
    public int ClassicalFeatures { get; }

    /// <inheritdoc/>
    public string ScarcityAxis => "target samples";

    /// <inheritdoc/>
    public IReadOnlyList<MetricInfo> Metrics { get; }

    private static readonly MetricInfo Accuracy = new("accuracy", "", false, "fraction of target test samples classified correctly (binary)");

    private static readonly MetricInfo IwSourceAccuracy = new(
        QuantumTransferInstance.IwSourceAccuracyMetric, "", false,
        "label-free estimate of accuracy: importance-weighted accuracy on held-out labelled source samples, weights p_t(x)/p_s(x) from the encoded features of the target pool (no target labels)",
        EstimateOf: "accuracy");

    /// <inheritdoc />
    public CostClass CellCost(string strategy) => CostClass.Heavy; // QCNN and MLP trained for many epochs

    /// <inheritdoc/>
    /// <remarks>coral and importance-weighting act on the encoded features, so they are offered where the model reads
    /// those (the classical MLP, or a QCNN with angle encoding), not to an amplitude-encoded QCNN. l2-sp is offered
    /// for both models; bitfit, head-only and lora for the classical MLP only (the QCNN has no biases, and freeze-conv is its
    /// head-only analogue).</remarks>
    public IReadOnlyList<IStrategy> Strategies { get; }

    private static IStrategy[] BaseStrategies =>
        [new ScratchStrategy(), new SourceOnlyStrategy(), new FineTuneStrategy(), new FreezeConvStrategy(), new OracleStrategy(), new LogisticRegressionStrategy()];

    /// <summary>True when the model's input is the encoded feature vector (what input-level adaptation changes).</summary>
    public bool ReadsFeatures => Options.Model != TransferOptions.Qcnn || Encoding == QcnnEncoding.Angle;

    /// <inheritdoc/>
    public IReadOnlyList<int> DefaultSizes { get; } = [2, 5, 10, 20, 40, 80];

    /// <inheritdoc/>
    public int? MaxTargetSize => _maxTargetSize.Value;

    /// <inheritdoc/>
    public string? ComparisonGroup => "quantum-vs-classical/" + Name.Split('/')[^1];

    /// <inheritdoc/>
    /// <remarks>With option <c>paired</c>: the comparison group, so its QCNN and classical entries draw identical repeats.</remarks>
    public string? SeedKey => Options.Paired ? "paired/" + ComparisonGroup : null;

    /// <inheritdoc/>
    public int? ParameterCount => Options.Model == TransferOptions.Qcnn ? Options.ParameterCounts(ClassicalFeatures).Qcnn : Options.ParameterCounts(ClassicalFeatures).Classical;

    /// <summary>The model of this problem (QCNN on the configured backend, or the classical MLP).</summary>
    public BinaryModelKind CreateModel() => Options.Model != TransferOptions.Qcnn
        ? new ClassicalModel(ClassicalFeatures, Options.Capacity * Options.ParameterCounts(ClassicalFeatures).Qcnn, Options.Classes)
        : Options.Classes > 2
            ? new QcnnMulticlassModel(new QcnnCircuit(Options.Conv, Encoding, Options.Qubits, Options.Pooling, QcnnMulticlassModel.ReadoutWiresFor(Options.Classes)), _backend.Value, Options.Classes)
            : new QcnnModel(new QcnnCircuit(Options.Conv, Encoding, Options.Qubits, Options.Pooling), _backend.Value, new Noise.NisqEstimator(_backend.Value, Options.Noise, Options.Shots, Options.ShotSeed));

    /// <inheritdoc/>
    public ProblemInstance Create(ProblemContext context) => new QuantumTransferInstance(CreateModel(), _data(context), Options);
}
