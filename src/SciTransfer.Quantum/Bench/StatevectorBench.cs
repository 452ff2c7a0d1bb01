using System.Globalization;
using SciTransfer.Quantum.Backends;
using SciTransfer.Quantum.Simulation;
using SciTransfer.Transfer.Bench;

namespace SciTransfer.Quantum.Bench;

/// <summary>
/// <c>bench statevector [--qubits N] [--threads T] [--backend B]</c>: one RY (on wire n/2) and one CNOT
/// (1 -> n-2) on a single n-qubit state, as shared/peers/torch_statevector.py, plus the copy bandwidth
/// of the same state measured in the same run: a gate moves 32 * 2^n bytes, so the bandwidth bound is
/// 32 * 2^n / copy_bandwidth. Without --qubits it runs n = 20 and 24 like the peer.
/// </summary>
public sealed class StatevectorBench : IBenchWorkload
{
    /// <inheritdoc/>
    public string Name => "statevector";

    /// <inheritdoc/>
    public string Description => "one RY and one CNOT on a single 20/24-qubit state, with copy bandwidth (peer: torch_statevector.py)";

    /// <inheritdoc/>
    public IReadOnlyList<string> OptionKeys { get; } = ["qubits", "threads", "backend"];

    /// <inheritdoc/>
    public void Run(BenchArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        int threads = arguments.Threads;
        string backendName = arguments.GetString("backend", "managed");
        int[] sizes = arguments.GetString("qubits", "") == "" ? [20, 24] : [arguments.GetInt("qubits", 20)];
        using var backend = BackendSelector.Create(backendName, threads, allowFallback: false);
        foreach (int n in sizes)
        {
            var ry = new CircuitBuilder(n).RY(n / 2, ParamRef.Const(0.3)).Build();
            var cnot = new CircuitBuilder(n).CNOT(1, n - 2).Build();
            using var state = backend.CreateState(n);
            double ryMs = BenchTiming.MedianMs(() => backend.Apply(state, ry, [], default), 5, cancellationToken);
            double cnotMs = BenchTiming.MedianMs(() => backend.Apply(state, cnot, [], default), 5, cancellationToken);
            double gbPerS = CopyBandwidth(n, threads, cancellationToken);
            double boundMs = 32.0 * Math.Pow(2, n) / (gbPerS * 1e9) * 1e3;
            var c = CultureInfo.InvariantCulture;
            output.WriteLine(string.Create(c, $"single_state_ry n={n} threads={threads} ms={ryMs:F2} backend={backend.Name}"));
            output.WriteLine(string.Create(c, $"single_state_cnot n={n} threads={threads} ms={cnotMs:F2} backend={backend.Name}"));
            output.WriteLine(string.Create(c, $"copy_bandwidth n={n} threads={threads} gb_per_s={gbPerS:F2} gate_bound_ms={boundMs:F2} ry_over_bound={ryMs / boundMs:F2}"));
        }
    }

    // Copies a state-sized buffer (read 16 * 2^n bytes, write as many) with the same thread split as the gates.
    private static double CopyBandwidth(int n, int threads, CancellationToken ct)
    {
        int len = 2 << n;
        var src = GC.AllocateUninitializedArray<double>(len);
        var dst = GC.AllocateUninitializedArray<double>(len);
        src.AsSpan().Fill(0.5);
        dst.AsSpan().Clear();
        int chunk = (len + threads - 1) / threads;
        double ms = BenchTiming.MedianMs(
            () => Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                int start = t * chunk, count = Math.Min(chunk, len - start);
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
