using System.Globalization;
using SciTransfer.Core.Random;
using SciTransfer.Quantum.Backends;
using SciTransfer.Quantum.Simulation;
using SciTransfer.Transfer.Bench;

namespace SciTransfer.Quantum.Bench;

/// <summary>
/// <c>bench qcnn-batch --qubits 8 --batch 1000 --threads T [--backend B]</c>: the peer's batched circuit,
/// 100 layers of a per-sample RY angle on wire l mod n then CNOT(l mod n, l+1 mod n), on B states;
/// the final states are written out, as the peer returns them.
/// </summary>
public sealed class QcnnBatchBench : IBenchWorkload
{
    /// <inheritdoc/>
    public string Name => "qcnn-batch";

    /// <inheritdoc/>
    public string Description => "100-layer per-sample RY + CNOT-ladder circuit on 1000 8-qubit states (peer: torch_statevector.py)";

    /// <inheritdoc/>
    public IReadOnlyList<string> OptionKeys { get; } = ["qubits", "batch", "threads", "backend", "layers"];

    /// <summary>The peer's circuit: layer l = RY(data[l]) on l mod n, CNOT(l mod n -> (l+1) mod n).</summary>
    public static CompiledCircuit Circuit(int n, int layers)
    {
        var b = new CircuitBuilder(n);
        for (int l = 0; l < layers; l++)
        {
            b.RY(l % n, ParamRef.Data(l));
            b.CNOT(l % n, (l + 1) % n);
        }

        return b.Build();
    }

    /// <inheritdoc/>
    public void Run(BenchArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        int n = arguments.GetInt("qubits", 8);
        int batch = arguments.GetInt("batch", 1000);
        int layers = arguments.GetInt("layers", 100);
        int threads = arguments.Threads;
        using var backend = BackendSelector.Create(arguments.GetString("backend", "managed"), threads, allowFallback: false);
        var circuit = Circuit(n, layers);
        var data = new double[batch * layers];
        new Rng(20261121).FillUniform(data, 0, 1);
        var input = new BatchInput(batch, layers, data);
        var states = new double[(long)batch * 2 * circuit.Dimension];
        double ms = BenchTiming.MedianMs(() => backend.Run(circuit, [], input, states), 3, cancellationToken);
        double ns = ms * 1e6 / (2.0 * layers * batch);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"batched_circuit n={n} B={batch} gates={2 * layers} threads={threads} ms={ms:F1} ns_per_gate_sample={ns:F0} backend={backend.Name}"));
    }
}
