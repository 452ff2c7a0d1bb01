using SciTransfer.Quantum.Bench;
using SciTransfer.Quantum.Problems;
using SciTransfer.Transfer.Bench;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.Quantum;

/// <summary>The quantum domain: QCNN-vs-classical low-data transfer problems and simulator benchmarks.</summary>
public sealed class QuantumModule : IDomainModule
{
    /// <inheritdoc/>
    public string Name => "quantum";

    /// <inheritdoc/>
    public IReadOnlyList<IProblemFactory> Problems { get; } = [new FashionToDigitsFactory(), new IsingToXxzFactory(), new ImageFilesFactory(), new ClassicalToQuantumFactory()];

    /// <inheritdoc/>
    public IReadOnlyList<IBenchWorkload> Benchmarks { get; } = [new StatevectorBench(), new QcnnBatchBench(), new BackendCheckBench()];
}
