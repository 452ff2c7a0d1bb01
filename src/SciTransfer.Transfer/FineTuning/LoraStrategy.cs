using SciTransfer.Core.Nn;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Transfer.FineTuning;

/// <summary>
/// lora (Hu et al. 2021, "LoRA: low-rank adaptation of large language models"): every weight matrix of <see cref="IEngineNetworkInstance.LowRankWeights"/> (by default the linear layers'; an LSTM's input and recurrent matrices where the problem lists them) becomes
/// W_s + (alpha/r) A B with W_s and the biases frozen, A [in, r] Gaussian and B [r, out] zero at start (so training
/// starts at the source network); only A and B train, r (in + out) scalars per layer (r capped at min(in, out)). The
/// update is merged into the weights before each step (<see cref="LoraLinear.MergeInto"/>) and the weight gradient is
/// mapped onto A and B after it (<see cref="LoraLinear.AccumulateAdapterGradients"/>), so it runs in any training loop.
/// </summary>
public sealed class LoraStrategy : Strategy<IEngineNetworkInstance>
{
    /// <summary>Rank r.</summary>
    public int Rank { get; init; } = 2;

    /// <summary>alpha; the update is scaled by alpha / r.</summary>
    public double Alpha { get; init; } = 4;

    /// <inheritdoc />
    public override string Name => FineTuningNames.Lora;

    /// <inheritdoc />
    public override StrategyNeeds Needs => StrategyNeeds.Source | StrategyNeeds.TargetLabels;

    /// <inheritdoc />
    public override string Description => $"low-rank adapters W + (alpha/r) A B on every linear layer (r = {Rank}, alpha = {Alpha}), source weights and biases frozen";

    /// <summary>Freezes <paramref name="model"/> (weights by an all-zero trainable mask, so their gradients still flow) and attaches an adapter to each of the instance's low-rank weights; returns the adapters and their hooks.</summary>
    public (IReadOnlyList<LoraLinear> Adapters, TrainingHooks Hooks) Attach(IEngineNetworkInstance instance, IModule model, SciTransfer.Core.Random.Rng rng)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(model);
        foreach (var p in model.Parameters)
        {
            p.Frozen = true;
        }

        var adapters = new List<LoraLinear>();
        foreach (var weight in instance.LowRankWeights(model))
        {
            // The merged weight's gradient is needed to train the adapter, so it is not Frozen (which would skip its
            // gradient); an all-zero trainable mask keeps the optimiser from moving it.
            var shape = weight.Value.Shape;
            weight.Frozen = false;
            weight.TrainableMask = new SciTransfer.Core.Tensors.Tensor(shape.ToArray());
            adapters.Add(new LoraLinear(weight, Math.Min(Rank, Math.Min(shape[0], shape[1])), Alpha, rng));
        }

        var hooks = new TrainingHooks
        {
            ExtraParameters = [.. adapters.SelectMany(a => a.Parameters)],
            BeforeStep = () => adapters.ForEach(a => a.MergeInto()),
            AfterGradients = () => adapters.ForEach(a => a.AccumulateAdapterGradients()),
        };
        return (adapters, hooks);
    }

    /// <inheritdoc />
    public override CellResult Run(IEngineNetworkInstance instance, StrategyCell cell)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(cell);
        var model = instance.CloneSource();
        var (adapters, hooks) = Attach(instance, model, cell.Seeds.Child("lora-init").CreateRng());
        instance.Train(model, cell.TargetIndices.Span, hooks, cell.Seeds.Child("train").CreateRng(), cell.CancellationToken);
        foreach (var a in adapters)
        {
            a.MergeInto();
        }

        return instance.Score(model);
    }
}
