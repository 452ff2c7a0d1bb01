using System.Globalization;
using SciTransfer.Quantum.Backends.Managed;
using SciTransfer.Quantum.Bench;
using SciTransfer.Transfer.Bench;
using SciTransfer.Transfer.Errors;

namespace SciTransfer.Quantum.Tests;

/// <summary>
/// The managed backend's memory refusal and the per-wire comparison of <c>bench statevector --wires</c>
/// (its output format and the traffic bound it prints, computed here by hand).
/// </summary>
public sealed class ManagedLimitsTests
{
    [Fact]
    public void A_state_above_the_memory_limit_is_refused_up_front_with_the_bytes_it_needs()
    {
        // 2^16 amplitudes * 16 bytes = 1 MiB: exactly at the limit it is allocated, one qubit more is refused.
        using var managed = new ManagedBackend(1, memoryLimitBytes: 1L << 20);
        using (var ok = managed.CreateState(16))
        {
            Assert.Equal(16, ok.QubitCount);
        }

        var e = Assert.Throws<InvalidOperationException>(() => managed.CreateState(17));
        Assert.Contains("17-qubit", e.Message, StringComparison.Ordinal);
        Assert.Contains("2097152 bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_memory_limit_is_what_the_runtime_sees_and_a_bad_limit_is_rejected()
    {
        using var managed = new ManagedBackend(1);
        Assert.Equal(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, managed.MemoryLimitBytes);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ManagedBackend(1, memoryLimitBytes: 0));
    }

    [Fact]
    public void Bench_wire_comparison_prints_every_gate_and_wire_with_ratio_and_traffic_bound()
    {
        var text = RunBench(new() { ["qubits"] = "14", ["wires"] = "0,3,13", ["gates"] = "ry,cz", ["rounds"] = "3" });
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var rows = lines.Where(l => l.StartsWith("wire_gate ", StringComparison.Ordinal)).Select(Fields).ToList();
        Assert.Equal(6, rows.Count);
        Assert.Equal(2, lines.Count(l => l.StartsWith("wire_spread ", StringComparison.Ordinal)));
        double gbPerS = Fields(lines.Single(l => l.StartsWith("host_copy ", StringComparison.Ordinal)))["gb_per_s"];
        foreach (var r in rows)
        {
            Assert.True(r["ratio_to_fastest"] >= 1.0);
            Assert.True(r["ms"] > 0);
        }

        // bound = bytes / copy rate: RY moves 32 * 2^14 bytes on every wire; CZ(1, 0) touches every 64-byte line too
        // (bits 0 and 1 select an amplitude within a line), CZ(1, 3) and CZ(1, 13) only the half with the target bit set.
        double ryBound = 32.0 * 16384 / (gbPerS * 1e9) * 1e3;
        Assert.Equal(ryBound, rows[0]["bound_ms"], 0.0002 + (0.01 * ryBound));
        Assert.Equal(ryBound, rows[3]["bound_ms"], 0.0002 + (0.01 * ryBound));
        Assert.Equal(ryBound / 2, rows[4]["bound_ms"], 0.0002 + (0.01 * ryBound));
        Assert.Equal(ryBound / 2, rows[5]["bound_ms"], 0.0002 + (0.01 * ryBound));
    }

    [Fact]
    public void Traffic_bytes_halve_per_cz_wire_above_the_cache_line()
    {
        Assert.Equal(32.0 * 1024, WireComparison.TrafficBytes("ry", 10, 9));
        Assert.Equal(32.0 * 1024, WireComparison.TrafficBytes("cz", 10, 0));
        Assert.Equal(16.0 * 1024, WireComparison.TrafficBytes("cz", 10, 2));
        Assert.Equal(32.0 * 1024, WireComparison.TrafficBytes("cz", 10, 1));
    }

    [Fact]
    public void Bench_rejects_a_wire_outside_the_state_and_a_refused_size_naming_the_option()
    {
        var e = Assert.Throws<ConfigException>(() => RunBench(new() { ["qubits"] = "10", ["wires"] = "0,10" }));
        Assert.Contains("--wires", e.Message, StringComparison.Ordinal);
        var g = Assert.Throws<ConfigException>(() => RunBench(new() { ["qubits"] = "10", ["wires"] = "0", ["gates"] = "ry,cnot" }));
        Assert.Contains("--gates", g.Message, StringComparison.Ordinal);
        var q = Assert.Throws<ConfigException>(() => RunBench(new() { ["qubits"] = "30", ["wires"] = "0" }));
        Assert.Contains("--qubits", q.Message, StringComparison.Ordinal);
        Assert.Contains("16 GiB", q.Message, StringComparison.Ordinal);
    }

    private static string RunBench(Dictionary<string, string> options)
    {
        var output = new StringWriter();
        new StatevectorBench().Run(new BenchArguments(options), output, CancellationToken.None);
        return output.ToString();
    }

    // key=value fields of one output line, the numeric ones parsed.
    private static Dictionary<string, double> Fields(string line)
    {
        var d = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string token in line.Split(' '))
        {
            int eq = token.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && double.TryParse(token[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
            {
                d[token[..eq]] = v;
            }
        }

        return d;
    }
}
