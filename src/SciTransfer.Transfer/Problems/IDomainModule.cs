using SciTransfer.Transfer.Bench;

namespace SciTransfer.Transfer.Problems;

/// <summary>A domain's registrations: its problems and its benchmark workloads.</summary>
public interface IDomainModule
{
    /// <summary>Domain name, e.g. "heat-sink".</summary>
    string Name { get; }

    /// <summary>Problem factories, registered by name.</summary>
    IReadOnlyList<IProblemFactory> Problems { get; }

    /// <summary>Benchmark workloads for <c>scitransfer bench</c>.</summary>
    IReadOnlyList<IBenchWorkload> Benchmarks { get; }
}
