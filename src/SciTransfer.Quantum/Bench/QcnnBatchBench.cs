using System.Globalization;
using SciTransfer.Core.Random;
using SciTransfer.Quantum.Backends;
using SciTransfer.Quantum.Backends.Ilgpu;
using SciTransfer.Quantum.Qcnn;
using SciTransfer.Quantum.Simulation;
using SciTransfer.Transfer.Bench;

namespace SciTransfer.Quantum.Bench;

/// <summary>
/// <c>bench qcnn-batch --qubits 8 --batch 1000 --threads T [--backend B] [--circuit ladder|qcnn]</c>.
/// <c>ladder</c> (default): the peer's batched circuit, 100 layers of a per-sample RY angle on wire l mod n
/// then CNOT(l mod n, l+1 mod n), on B states; the final states are written out, as the peer returns them
/// (line <c>batched_circuit</c>), and the same circuit's &lt;Z_0&gt; per sample is timed too (line
/// <c>batched_expectation</c>: only B values leave the device). <c>qcnn</c>: the 8-qubit U_SU4 QCNN with
/// angle encoding, forward (&lt;Z_4&gt;) and adjoint gradient over the batch, and their ratio.
/// </summary>
public sealed class QcnnBatchBench : IBenchWorkload
{
    /// <inheritdoc/>
    public string Name => "qcnn-batch";

    /// <inheritdoc/>
    public string Description => "100-layer per-sample RY + CNOT-ladder circuit on 1000 8-qubit states (peer: torch_statevector.py); --circuit qcnn: QCNN forward and adjoint gradient";

    /// <inheritdoc/>
    public IReadOnlyList<string> OptionKeys { get; } = ["qubits", "batch", "threads", "backend", "layers", "circuit"];

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
        int batch = arguments.GetInt("batch", 1000);
        int threads = arguments.Threads;
        string kind = arguments.GetString("circuit", "ladder");
        using var backend = BenchBackend.Create(arguments);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"device backend={backend.Name} {backend.Description}"));
        if (kind == "qcnn")
        {
            RunQcnn(backend, batch, threads, output, cancellationToken);
            return;
        }

        if (kind != "ladder")
        {
            throw new ArgumentException($"bench qcnn-batch: --circuit must be ladder or qcnn, found '{kind}'");
        }

        int n = arguments.GetInt("qubits", 8);
        int layers = arguments.GetInt("layers", 100);
        var circuit = Circuit(n, layers);
        var data = new double[(long)batch * layers];
        new Rng(20261121).FillUniform(data, 0, 1);
        var input = new BatchInput(batch, layers, data);
        var states = new double[(long)batch * 2 * circuit.Dimension];
        double ms = BenchTiming.MedianMs(() => backend.Run(circuit, [], input, states), 3, cancellationToken);
        double ns = ms * 1e6 / (2.0 * layers * batch);
        output.WriteLine(string.Create(c,
            $"batched_circuit n={n} B={batch} gates={2 * layers} threads={threads} ms={ms:F1} ns_per_gate_sample={ns:F2} backend={backend.Name}"));
        var values = new double[batch];
        double ems = BenchTiming.MedianMs(() => backend.Expectations(circuit, [], input, PauliString.Z(0), values), 3, cancellationToken);
        output.WriteLine(string.Create(c,
            $"batched_expectation n={n} B={batch} gates={2 * layers} threads={threads} ms={ems:F1} ns_per_gate_sample={ems * 1e6 / (2.0 * layers * batch):F2} backend={backend.Name}"));
        if (backend is IlgpuBackend gpu)
        {
            // Bound for Run: the final states cross device memory at least once (written once, read once to copy out).
            double gbPerS = gpu.MeasureCopyBandwidth(Math.Min(28, n + (int)Math.Ceiling(Math.Log2(Math.Max(1, batch)))));
            double boundMs = 32.0 * batch * circuit.Dimension / (gbPerS * 1e9) * 1e3;
            output.WriteLine(string.Create(c,
                $"device_copy_bandwidth gb_per_s={gbPerS:F1} states_pass_bound_ms={boundMs:F3} note=batched kernels keep states in shared memory; this bounds one pass over the B states in device memory"));
        }
    }

    private static void RunQcnn(QuantumBackend backend, int batch, int threads, TextWriter output, CancellationToken ct)
    {
        var qcnn = new QcnnCircuit(ConvAnsatz.Su4, QcnnEncoding.Angle);
        var circuit = qcnn.Circuit;
        var rng = new Rng(20261204);
        var data = new double[(long)batch * circuit.DataWidth];
        rng.FillUniform(data, 0, Math.PI);
        var p = new double[circuit.ParameterCount];
        rng.FillUniform(p, -Math.PI, Math.PI);
        var input = new BatchInput(batch, circuit.DataWidth, data);
        var values = new double[batch];
        var weights = new double[batch];
        Array.Fill(weights, 1.0 / batch);
        var grad = new double[circuit.ParameterCount];
        double fwd = BenchTiming.MedianMs(() => backend.Expectations(circuit, p, input, QcnnCircuit.Readout, values), 3, ct);
        double adj = BenchTiming.MedianMs(() => backend.ExpectationsAndGradient(circuit, p, input, QcnnCircuit.Readout, weights, values, grad), 3, ct);
        int gates = circuit.Ops.Count;
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c,
            $"qcnn_forward n=8 B={batch} gates={gates} params={circuit.ParameterCount} threads={threads} ms={fwd:F2} ns_per_gate_sample={fwd * 1e6 / ((double)gates * batch):F2} backend={backend.Name}"));
        output.WriteLine(string.Create(c,
            $"qcnn_gradient n=8 B={batch} gates={gates} params={circuit.ParameterCount} threads={threads} ms={adj:F2} gradient_over_forward={adj / fwd:F2} backend={backend.Name}"));
    }
}
