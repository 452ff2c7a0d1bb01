using SciTransfer.Core.Nn;

namespace SciTransfer.Transfer.FineTuning;

/// <summary>
/// Extension points of a problem's training loop (<see cref="IEngineNetworkInstance.Train"/>). Each optimiser step:
/// <see cref="BeforeStep"/>, forward and backward (the model's gradients land in <see cref="Parameter.Grad"/>), the
/// trainer zeroes the gradients of <see cref="ExtraParameters"/>, <see cref="AfterGradients"/> (add a penalty's
/// gradient, map gradients onto adapters), then the optimiser updates the model's unfrozen parameters and the extra ones.
/// </summary>
public sealed class TrainingHooks
{
    /// <summary>No hooks: the problem's plain fine-tune.</summary>
    public static TrainingHooks None { get; } = new();

    /// <summary>Parameters outside the model the optimiser also trains (LoRA adapters).</summary>
    public IReadOnlyList<Parameter> ExtraParameters { get; init; } = [];

    /// <summary>Called before each step's forward pass.</summary>
    public Action? BeforeStep { get; init; }

    /// <summary>Called after the step's gradients are in place, before the optimiser step.</summary>
    public Action? AfterGradients { get; init; }
}
