namespace SciTransfer.Core.Optim;

/// <summary>A first-order optimizer over a fixed list of parameters.</summary>
public interface IOptimizer
{
    /// <summary>The learning rate used by the next <see cref="Step"/> (set by a schedule if one is attached).</summary>
    double LearningRate { get; set; }

    /// <summary>Number of steps taken.</summary>
    int StepCount { get; }

    /// <summary>Updates every non-frozen parameter from its accumulated gradient.</summary>
    void Step();

    /// <summary>Zeroes the gradients of all its parameters.</summary>
    void ZeroGrad();
}
