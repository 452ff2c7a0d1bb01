using BenchmarkDotNet.Attributes;
using SciTransfer.Core.Random;
using SciTransfer.Quantum.Backends;
using SciTransfer.Quantum.Bench;
using SciTransfer.Quantum.Simulation;

namespace SciTransfer.Benchmarks;

/// <summary>
/// The batched 8-qubit circuit of <c>scitransfer bench qcnn-batch</c> and shared/peers/torch_statevector.py
/// (same <see cref="QcnnBatchBench.Circuit"/>): 100 layers of a per-sample RY angle on wire l mod 8 then
/// CNOT(l mod 8 -> l+1 mod 8), run from |0...0> on a batch of states; final states written out.
/// </summary>
[MemoryDiagnoser]
public class QcnnBatchBenchmarks
{
    private const int Qubits = 8;
    private const int Layers = 100;

    private QuantumBackend _backend = null!;
    private CompiledCircuit _circuit = null!;
    private BatchInput _input = null!;
    private double[] _states = [];

    /// <summary>States in the batch (the peer uses 1,000).</summary>
    [Params(1000)]
    public int Batch { get; set; } = 1000;

    /// <summary>Backend threads.</summary>
    [Params(1)]
    public int Threads { get; set; } = 1;

    /// <summary>Builds the circuit, uniform [0, 1) angles (seed 20261121) and the output buffer.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _backend = BackendSelector.Create("managed", Threads, allowFallback: false);
        _circuit = QcnnBatchBench.Circuit(Qubits, Layers);
        var data = new double[Batch * Layers];
        new Rng(20261121).FillUniform(data, 0, 1);
        _input = new BatchInput(Batch, Layers, data);
        _states = new double[(long)Batch * 2 * _circuit.Dimension];
    }

    /// <summary>Releases the backend.</summary>
    [GlobalCleanup]
    public void Cleanup() => _backend.Dispose();

    /// <summary>Runs the 200-gate circuit on every state of the batch.</summary>
    [Benchmark]
    public void Run() => _backend.Run(_circuit, [], _input, _states);
}
