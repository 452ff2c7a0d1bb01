using System.Diagnostics;
using System.Globalization;
using SciTransfer.Core.Diagnostics;
using SciTransfer.Quantum.Backends;
using SciTransfer.Quantum.Simulation;
using SciTransfer.Transfer.Errors;

namespace SciTransfer.Quantum.Bench;

/// <summary>
/// <c>bench statevector --qubits N --wires 0,6,13,20,24 [--gates ry,cz] [--rounds R]</c>: the same gate on
/// several wires of one N-qubit state, timed alternately within each round (the wire order rotates from round
/// to round) so that the load of a shared machine hits every wire alike. Per gate and wire it prints the
/// median time of one gate, the median over rounds of (time / fastest wire's time in that round), and the
/// bound: the bytes the gate must move (read + write of every 64-byte line holding an amplitude it changes)
/// over the host copy rate measured in the same rounds. With one thread the times are process CPU time
/// (<see cref="CpuClock"/>; wall time is printed too), so that waiting for a core on a loaded machine is not counted.
/// </summary>
public static class WireComparison
{
    /// <summary>Gate names <c>--gates</c> accepts.</summary>
    public static readonly string[] GateNames = ["ry", "cz", "h", "x", "rz"];

    /// <summary>Parses a comma-separated list of wires, each in [0, n).</summary>
    public static int[] ParseWires(string text, int n)
    {
        var wires = new List<int>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out int w) || w < 0 || w >= n)
            {
                throw new ConfigException("command line", "--wires", $"expected wires in [0, {n}) separated by commas, found '{part}'");
            }

            wires.Add(w);
        }

        return wires.Count == 0 ? throw new ConfigException("command line", "--wires", "no wire given") : [.. wires.Distinct()];
    }

    /// <summary>Parses a comma-separated list of gate names (<see cref="GateNames"/>).</summary>
    public static string[] ParseGates(string text)
    {
        var gates = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (string g in gates)
        {
            if (!GateNames.Contains(g, StringComparer.Ordinal))
            {
                throw new ConfigException("command line", "--gates", $"unknown gate '{g}'; known: {string.Join(", ", GateNames)}");
            }
        }

        return gates.Length == 0 ? throw new ConfigException("command line", "--gates", "no gate given") : gates;
    }

    /// <summary>Control wire of the two-wire gate timed on <paramref name="wire"/>: wire 1 as in the issue, wire 0 when the target is 1.</summary>
    public static int ControlFor(int wire) => wire == 1 ? 0 : 1;

    /// <summary>One gate of kind <paramref name="gate"/> on <paramref name="wire"/> of an n-qubit circuit.</summary>
    public static CompiledCircuit Circuit(string gate, int n, int wire) => gate switch
    {
        "ry" => new CircuitBuilder(n).RY(wire, ParamRef.Const(0.3)).Build(),
        "rz" => new CircuitBuilder(n).RZ(wire, ParamRef.Const(0.3)).Build(),
        "h" => new CircuitBuilder(n).H(wire).Build(),
        "x" => new CircuitBuilder(n).X(wire).Build(),
        "cz" => new CircuitBuilder(n).CZ(ControlFor(wire), wire).Build(),
        _ => throw new ArgumentException($"unknown gate '{gate}'"),
    };

    /// <summary>
    /// Bytes a gate must move on an n-qubit state: read and write every 64-byte line (4 amplitudes, wires 0 and 1)
    /// that holds an amplitude it changes. One-wire gates change all; CZ(c, t) changes the |11> quarter, whose lines
    /// are half of all lines per wire of {c, t} at or above 2.
    /// </summary>
    public static double TrafficBytes(string gate, int n, int wire)
    {
        double all = 32.0 * Math.Pow(2, n);
        if (gate != "cz")
        {
            return all;
        }

        int highBits = (wire >= 2 ? 1 : 0) + (ControlFor(wire) >= 2 ? 1 : 0);
        return all / (1 << highBits);
    }

    /// <summary>Runs the comparison and writes one line per gate and wire plus a spread line per gate.</summary>
    public static void Run(QuantumBackend backend, int n, int threads, int[] wires, string[] gates, int rounds, TextWriter output, CancellationToken ct)
    {
        var c = CultureInfo.InvariantCulture;
        using var state = CreateState(backend, n);
        var circuits = gates.Select(g => wires.Select(w => Circuit(g, n, w)).ToArray()).ToArray();
        var wall = new double[gates.Length, wires.Length, rounds];
        var cpu = new double[gates.Length, wires.Length, rounds];
        var copyWall = new double[rounds];
        var copyCpu = new double[rounds];
        var copy = new HostCopy(n, threads);

        // With one thread, CPU time is the figure to compare: wall time also counts the waits for a core on a loaded
        // machine. With several threads the process CPU time sums them, so wall time is used.
        bool useCpu = threads == 1 && CpuClock.IsAvailable;

        // Warm-up round (untimed): compiles every path and faults in every page of the state and the copy buffers.
        foreach (var row in circuits)
        {
            foreach (var circuit in row)
            {
                backend.Apply(state, circuit, [], default);
            }
        }

        copy.Run();
        for (int r = 0; r < rounds; r++)
        {
            for (int g = 0; g < gates.Length; g++)
            {
                for (int k = 0; k < wires.Length; k++)
                {
                    ct.ThrowIfCancellationRequested();
                    int i = (k + r) % wires.Length;
                    (wall[g, i, r], cpu[g, i, r]) = Time(() => backend.Apply(state, circuits[g][i], [], default));
                }
            }

            (copyWall[r], copyCpu[r]) = Time(copy.Run);
        }

        var ms = useCpu ? cpu : wall;
        string clock = useCpu ? "cpu" : "wall";
        double copyMs = Median(useCpu ? copyCpu : copyWall);
        double gbPerS = copy.Bytes / (copyMs * 1e-3) / 1e9;
        output.WriteLine(string.Create(c, $"host_copy n={n} threads={threads} rounds={rounds} clock={clock} gb_per_s={gbPerS:F2} wall_gb_per_s={copy.Bytes / (Median(copyWall) * 1e-3) / 1e9:F2}"));
        for (int g = 0; g < gates.Length; g++)
        {
            double worst = 0;
            for (int k = 0; k < wires.Length; k++)
            {
                var times = new double[rounds];
                var wallTimes = new double[rounds];
                var ratios = new double[rounds];
                for (int r = 0; r < rounds; r++)
                {
                    double fastest = double.MaxValue;
                    for (int j = 0; j < wires.Length; j++)
                    {
                        fastest = Math.Min(fastest, ms[g, j, r]);
                    }

                    times[r] = ms[g, k, r];
                    wallTimes[r] = wall[g, k, r];
                    ratios[r] = ms[g, k, r] / fastest;
                }

                double t = Median(times), ratio = Median(ratios);
                worst = Math.Max(worst, ratio);
                double boundMs = TrafficBytes(gates[g], n, wires[k]) / (gbPerS * 1e9) * 1e3;
                string label = gates[g] == "cz" ? $"cz({ControlFor(wires[k])},{wires[k]})" : $"{gates[g]}({wires[k]})";
                output.WriteLine(string.Create(
                    c,
                    $"wire_gate n={n} threads={threads} gate={gates[g]} wire={wires[k]} op={label} clock={clock} ms={t:F4} wall_ms={Median(wallTimes):F4} ratio_to_fastest={ratio:F2} bound_ms={boundMs:F4} over_bound={t / boundMs:F2} backend={backend.Name}"));
            }

            output.WriteLine(string.Create(c, $"wire_spread n={n} threads={threads} gate={gates[g]} clock={clock} max_ratio={worst:F2} target=1.30 {(worst <= 1.3 ? "met" : "not_met")}"));
        }
    }

    // Wall and process-CPU milliseconds of one call.
    private static (double Wall, double Cpu) Time(Action action)
    {
        double c0 = CpuClock.ProcessNowMs();
        long t0 = Stopwatch.GetTimestamp();
        action();
        double wallMs = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        return (wallMs, CpuClock.ProcessNowMs() - c0);
    }

    /// <summary>The bench's state; a size the backend refuses is a command-line error naming --qubits.</summary>
    public static QuantumState CreateState(QuantumBackend backend, int n)
    {
        try
        {
            return backend.CreateState(n);
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or ArgumentOutOfRangeException)
        {
            throw new ConfigException("command line", "--qubits", e.Message);
        }
    }

    private static double Median(double[] values)
    {
        var v = (double[])values.Clone();
        Array.Sort(v);
        return v.Length % 2 == 1 ? v[v.Length / 2] : 0.5 * (v[(v.Length / 2) - 1] + v[v.Length / 2]);
    }

    // A state-sized copy (read 16 * 2^n bytes, write as many) split over the threads as the gates are.
    private sealed class HostCopy(int n, int threads)
    {
        private readonly double[] _src = Filled(n, 0.5);
        private readonly double[] _dst = Filled(n, 0.0);

        public double Bytes => 2.0 * 8 * _src.Length;

        public void Run()
        {
            int len = _src.Length;
            int chunk = (len + threads - 1) / threads;
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                int start = t * chunk, count = Math.Min(chunk, len - start);
                if (count > 0)
                {
                    _src.AsSpan(start, count).CopyTo(_dst.AsSpan(start, count));
                }
            });
        }

        private static double[] Filled(int n, double value)
        {
            var a = GC.AllocateUninitializedArray<double>(checked((int)(2L << n)));
            a.AsSpan().Fill(value);
            return a;
        }
    }
}
