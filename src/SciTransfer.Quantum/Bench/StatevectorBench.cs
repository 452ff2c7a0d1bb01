using System.Globalization;
using SciTransfer.Quantum.Backends;
using SciTransfer.Quantum.Backends.Ilgpu;
using SciTransfer.Quantum.Simulation;
using SciTransfer.Transfer.Bench;

namespace SciTransfer.Quantum.Bench;

/// <summary>
/// <c>bench statevector [--qubits N] [--threads T] [--backend B] [--sweep 1]</c>: one RY (on wire n/2) and one
/// CNOT (1 -> n-2) on a single n-qubit state, as shared/peers/torch_statevector.py, plus the copy bandwidth
/// of the same state measured in the same run (host memory for managed, device-to-device for GPU backends):
/// a gate moves 32 * 2^n bytes, so the bandwidth bound is 32 * 2^n / copy_bandwidth. Without --qubits it
/// runs n = 20 and 24 like the peer. <c>--sweep 1</c> also times RY and CZ(1, w) on every wire w.
/// <c>--wires 0,6,13,20,24 [--gates ry,cz] [--rounds R]</c> instead compares chosen wires alternately in R rounds
/// (<see cref="WireComparison"/>): time per gate, ratio to the fastest wire, and the copy-rate bound.
/// </summary>
public sealed class StatevectorBench : IBenchWorkload
{
    /// <inheritdoc/>
    public string Name => "statevector";

    /// <inheritdoc/>
    public string Description => "one RY and one CNOT on a single 20/24-qubit state, with copy bandwidth (peer: torch_statevector.py)";

    /// <inheritdoc/>
    public IReadOnlyList<string> OptionKeys { get; } = ["qubits", "threads", "backend", "sweep", "wires", "gates", "rounds"];

    /// <inheritdoc/>
    public void Run(BenchArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        int threads = arguments.Threads;
        int[] sizes = arguments.GetString("qubits", "") == "" ? [20, 24] : [arguments.GetInt("qubits", 20)];
        bool sweep = arguments.GetInt("sweep", 0) != 0;
        using var backend = BenchBackend.Create(arguments);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"device backend={backend.Name} {backend.Description}"));
        if (arguments.GetString("wires", "") != "")
        {
            int n = arguments.GetInt("qubits", 24);
            int[] wires = WireComparison.ParseWires(arguments.GetString("wires", ""), n);
            string[] gates = WireComparison.ParseGates(arguments.GetString("gates", "ry,cz"));
            WireComparison.Run(backend, n, threads, wires, gates, arguments.GetInt("rounds", 5), output, cancellationToken);
            return;
        }

        foreach (int n in sizes)
        {
            var ry = new CircuitBuilder(n).RY(n / 2, ParamRef.Const(0.3)).Build();
            var cnot = new CircuitBuilder(n).CNOT(1, n - 2).Build();
            using var state = WireComparison.CreateState(backend, n);
            double ryMs = BenchTiming.MedianMs(() => backend.Apply(state, ry, [], default), 5, cancellationToken);
            double cnotMs = BenchTiming.MedianMs(() => backend.Apply(state, cnot, [], default), 5, cancellationToken);
            (double gbPerS, string copyKind) = backend is IlgpuBackend gpu
                ? (gpu.MeasureCopyBandwidth(n), "device_copy")
                : (CopyBandwidth(n, threads, cancellationToken), "host_copy");
            double boundMs = 32.0 * Math.Pow(2, n) / (gbPerS * 1e9) * 1e3;
            output.WriteLine(string.Create(c, $"single_state_ry n={n} threads={threads} ms={ryMs:F2} backend={backend.Name}"));
            output.WriteLine(string.Create(c, $"single_state_cnot n={n} threads={threads} ms={cnotMs:F2} backend={backend.Name}"));
            output.WriteLine(string.Create(c, $"copy_bandwidth n={n} threads={threads} kind={copyKind} gb_per_s={gbPerS:F2} gate_bound_ms={boundMs:F2} ry_over_bound={ryMs / boundMs:F2} ry_fraction_of_bound={boundMs / ryMs:F2}"));
            if (sweep)
            {
                for (int w = 0; w < n; w++)
                {
                    var ryw = new CircuitBuilder(n).RY(w, ParamRef.Const(0.3)).Build();
                    double ms = BenchTiming.MedianMs(() => backend.Apply(state, ryw, [], default), 3, cancellationToken);
                    string cz = "";
                    if (w != 1)
                    {
                        var czw = new CircuitBuilder(n).CZ(1, w).Build();
                        cz = string.Create(c, $" cz_1_w_ms={BenchTiming.MedianMs(() => backend.Apply(state, czw, [], default), 3, cancellationToken):F2}");
                    }

                    output.WriteLine(string.Create(c, $"wire_sweep n={n} wire={w} ry_ms={ms:F2}{cz} backend={backend.Name}"));
                }
            }
        }
    }

    // Copies a state-sized buffer (read 16 * 2^n bytes, write as many) with the same thread split as the gates.
    private static double CopyBandwidth(int n, int threads, CancellationToken ct)
    {
        long len = 2L << n;
        if (len > Array.MaxLength)
        {
            return double.NaN;
        }

        var src = GC.AllocateUninitializedArray<double>((int)len);
        var dst = GC.AllocateUninitializedArray<double>((int)len);
        src.AsSpan().Fill(0.5);
        dst.AsSpan().Clear();
        int chunk = (int)((len + threads - 1) / threads);
        double ms = BenchTiming.MedianMs(
            () => Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                int start = t * chunk, count = (int)Math.Min(chunk, len - start);
                if (count > 0)
                {
                    src.AsSpan(start, count).CopyTo(dst.AsSpan(start, count));
                }
            }),
            5,
            ct);
        return 2.0 * 8 * len / (ms * 1e-3) / 1e9;
    }
}
