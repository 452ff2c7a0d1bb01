using SciTransfer.Core.Random;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.Quantum.Strategies;

/// <summary>
/// What the strategies of this folder need from a repeat's instance: a model that is one flat parameter vector, a
/// seeded initialisation, one training routine on target samples (optionally with some parameters held fixed) and
/// the test metrics. The quantum problems implement it for both model kinds (QCNN and classical MLP); any problem
/// whose model is a flat vector can implement it and run these strategies unchanged.
/// </summary>
public interface IFlatParameterInstance
{
    /// <summary>The repeat's pre-trained source parameters, shared read-only by every cell (training clones its start).</summary>
    double[] Source { get; }

    /// <summary>Size of the target pool; <see cref="Train"/> takes indices in 0..TargetPoolSize-1.</summary>
    int TargetPoolSize { get; }

    /// <summary>
    /// One flag per parameter, true for the feature extractor (QCNN conv blocks, the MLP's hidden layer): what
    /// freeze-conv keeps fixed while it retrains the rest.
    /// </summary>
    bool[] FeatureParameters { get; }

    /// <summary>Random initial parameters drawn from <paramref name="rng"/>.</summary>
    double[] Initialize(Rng rng);

    /// <summary>
    /// Trains from <paramref name="start"/> (not modified) on the target pool rows <paramref name="targetIndices"/>,
    /// in that order, keeping the parameters flagged in <paramref name="frozen"/> fixed; returns new parameters.
    /// An empty subset returns a copy of <paramref name="start"/>.
    /// </summary>
    double[] Train(double[] start, ReadOnlySpan<int> targetIndices, bool[]? frozen, Rng rng, CancellationToken ct);

    /// <summary>
    /// As <see cref="Train"/> with every parameter trained and the L2-SP penalty alpha/2 ||theta - start||^2 added to
    /// the loss (<paramref name="anchorStrength"/> = alpha; 0 is <see cref="Train"/> exactly).
    /// </summary>
    double[] TrainAnchored(double[] start, ReadOnlySpan<int> targetIndices, double anchorStrength, Rng rng, CancellationToken ct);

    /// <summary>Mean binary cross-entropy of <paramref name="parameters"/> on the pool rows <paramref name="targetIndices"/> (for choosing strengths on the subset).</summary>
    double Loss(double[] parameters, ReadOnlySpan<int> targetIndices);

    /// <summary>One flag per parameter, true for a bias (what bitfit trains); null when the model has none (the QCNN).</summary>
    bool[]? BiasParameters { get; }

    /// <summary>The model's weight matrices in the flat vector (what lora adapts); null when it has none (the QCNN).</summary>
    IReadOnlyList<Models.FlatMatrixBlock>? WeightMatrices { get; }

    /// <summary>
    /// Trains only LoRA adapters on <paramref name="start"/>'s weight matrices (<see cref="Models.FlatLora"/>: W_s + s A B,
    /// biases fixed) with the target settings on the pool rows <paramref name="targetIndices"/>, A drawn from
    /// <paramref name="initRng"/>, mini-batches from <paramref name="rng"/>; returns the merged parameters (an empty
    /// subset returns <paramref name="start"/>'s values).
    /// </summary>
    double[] TrainLora(double[] start, ReadOnlySpan<int> targetIndices, Models.FlatLora lora, Rng initRng, Rng rng, CancellationToken ct);

    /// <summary>The problem's metrics of <paramref name="parameters"/> on the fixed target test set.</summary>
    CellResult Score(double[] parameters);
}
