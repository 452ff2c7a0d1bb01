namespace SciTransfer.Transfer.Strategies;

/// <summary>What a strategy consumes besides the target test set (which every strategy is scored on).</summary>
[Flags]
public enum StrategyNeeds
{
    /// <summary>Nothing: a fixed model or a physics baseline.</summary>
    None = 0,

    /// <summary>The repeat's pre-trained source model (the runner pre-trains it only when a strategy needs it).</summary>
    Source = 1,

    /// <summary>The labelled target subset of size n.</summary>
    TargetLabels = 2,

    /// <summary>Unlabelled target inputs (the pool's inputs without their labels), e.g. for domain adaptation.</summary>
    UnlabelledTarget = 4,

    /// <summary>The whole labelled target pool regardless of n (oracle upper bounds).</summary>
    WholePool = 8,
}
