using SciTransfer.Transfer.Problems;

namespace SciTransfer.Transfer.Strategies;

/// <summary>
/// One way to obtain a target model: a class per strategy. The runner only sees this non-generic face; strategies
/// derive from <see cref="Strategy{TInstance}"/>, which checks and casts the instance type once.
/// </summary>
public interface IStrategy
{
    /// <summary>Name in configs and results.csv, e.g. "fine-tune" (see <see cref="StrategyNames"/> for the shared ones).</summary>
    string Name { get; }

    /// <summary>What the strategy consumes; the runner pre-trains a source model only if some strategy needs one.</summary>
    StrategyNeeds Needs { get; }

    /// <summary>One line for <c>scitransfer list</c> and the report.</summary>
    string Description { get; }

    /// <summary>
    /// True for simple baselines (training mean, physics model, fitted correlation, fixed-window regression):
    /// the report compares the best transfer strategy with the best of these.
    /// </summary>
    bool IsBaseline => false;

    /// <summary>The instance type (class or capability interface) this strategy runs on.</summary>
    Type InstanceType { get; }

    /// <summary>Runs one cell on <paramref name="instance"/>, which must be an <see cref="InstanceType"/>.</summary>
    CellResult Run(ProblemInstance instance, StrategyCell cell);
}
