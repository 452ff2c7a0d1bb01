using SciTransfer.Transfer.Bench;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.Transfer.Reference;

/// <summary>The harness's own reference problems (they prove the harness, not a domain).</summary>
public sealed class ReferenceModule : IDomainModule
{
    /// <inheritdoc />
    public string Name => "reference";

    /// <inheritdoc />
    public IReadOnlyList<IProblemFactory> Problems { get; } = [new LinearShiftFactory(), new CovariateShiftFactory()];

    /// <inheritdoc />
    public IReadOnlyList<IBenchWorkload> Benchmarks { get; } = [];
}
