using BenchmarkDotNet.Attributes;
using SciTransfer.Quantum.Backends;
using SciTransfer.Quantum.Simulation;

namespace SciTransfer.Benchmarks;

/// <summary>
/// One gate on a single n-qubit state with the managed backend, as <c>scitransfer bench statevector</c>
/// and shared/peers/torch_statevector.py: RY(0.3) on wire n/2 and CNOT(1 -> n-2), applied in place.
/// A gate streams the whole state (32 x 2^n bytes read and written), so it is memory-bandwidth bound.
/// </summary>
[MemoryDiagnoser]
public class StatevectorBenchmarks
{
    private QuantumBackend _backend = null!;
    private QuantumState _state = null!;
    private CompiledCircuit _ry = null!;
    private CompiledCircuit _cnot = null!;

    /// <summary>Qubits n (2^n complex amplitudes; 24 qubits = 256 MiB).</summary>
    [Params(20, 24)]
    public int Qubits { get; set; } = 20;

    /// <summary>Backend threads.</summary>
    [Params(1)]
    public int Threads { get; set; } = 1;

    /// <summary>Creates the backend, the |0...0> state and the two one-gate circuits.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _backend = BackendSelector.Create("managed", Threads, allowFallback: false);
        _state = _backend.CreateState(Qubits);
        _ry = new CircuitBuilder(Qubits).RY(Qubits / 2, ParamRef.Const(0.3)).Build();
        _cnot = new CircuitBuilder(Qubits).CNOT(1, Qubits - 2).Build();
    }

    /// <summary>Releases the state and the backend.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _state.Dispose();
        _backend.Dispose();
    }

    /// <summary>RY(0.3) on wire n/2.</summary>
    [Benchmark]
    public void SingleQubitRy() => _backend.Apply(_state, _ry, [], default);

    /// <summary>CNOT with control 1 and target n-2.</summary>
    [Benchmark]
    public void Cnot() => _backend.Apply(_state, _cnot, [], default);
}
