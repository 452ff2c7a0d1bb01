using SciTransfer.Core.Nn;
using SciTransfer.Core.Random;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.Transfer.FineTuning;

/// <summary>
/// What the regularised and parameter-efficient fine-tuning strategies (l2-sp, bitfit, head-only, lora) need from a
/// repeat whose model is a Core engine network: a trainable copy of the source network, its linear layers (weight
/// and bias parameters, input to output, the last one being the head), the problem's own fine-tune training routine
/// with hooks, a data loss on pool rows (to choose strengths on the subset) and the test metrics. A problem makes
/// these strategies available by implementing this on its instance and listing them.
/// </summary>
public interface IEngineNetworkInstance
{
    /// <summary>Size of the target pool; <see cref="Train"/> and <see cref="Loss"/> take indices in 0..TargetPoolSize-1.</summary>
    int TargetPoolSize { get; }

    /// <summary>A fresh, trainable deep copy of the repeat's source network (no parameter frozen).</summary>
    IModule CloneSource();

    /// <summary>The linear layers of <paramref name="model"/> (a module from <see cref="CloneSource"/>), input to output.</summary>
    IReadOnlyList<LinearLayerParameters> LinearLayers(IModule model);

    /// <summary>
    /// Every bias of <paramref name="model"/>, which bitfit trains. Default: the linear layers' biases; a model with
    /// other layers (an LSTM's gate biases) lists those too.
    /// </summary>
    IReadOnlyList<Parameter> Biases(IModule model) => [.. LinearLayers(model).Select(l => l.Bias).OfType<Parameter>()];

    /// <summary>
    /// The weight matrices [in, out] (row-vector layout, x W) of <paramref name="model"/> that lora adapts. Default: the
    /// linear layers' weights; a model with other layers lists their matrices too (an LSTM's input and recurrent
    /// matrices [in, 4H] and [H, 4H]).
    /// </summary>
    IReadOnlyList<Parameter> LowRankWeights(IModule model) => [.. LinearLayers(model).Select(l => l.Weight)];

    /// <summary>
    /// Trains <paramref name="model"/> in place with the problem's fine-tune loss and optimiser on the pool rows
    /// <paramref name="targetIndices"/>, leaving <see cref="Parameter.Frozen"/> parameters unchanged and honouring
    /// <paramref name="hooks"/>. An empty subset trains only on what the problem adds without labels (often nothing).
    /// </summary>
    void Train(IModule model, ReadOnlySpan<int> targetIndices, TrainingHooks hooks, Rng rng, CancellationToken ct);

    /// <summary>The problem's data loss of <paramref name="model"/> on the labelled pool rows <paramref name="targetIndices"/> (for choosing strengths).</summary>
    double Loss(IModule model, ReadOnlySpan<int> targetIndices);

    /// <summary>The problem's metrics of <paramref name="model"/> on the target test set.</summary>
    CellResult Score(IModule model);
}

/// <summary>One linear layer's parameters: weight [in, out] and optional bias [out].</summary>
/// <param name="Weight">The weight.</param>
/// <param name="Bias">The bias, or null.</param>
public sealed record LinearLayerParameters(Parameter Weight, Parameter? Bias);
