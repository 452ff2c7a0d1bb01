using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using SciTransfer.Core.Random;
using SciTransfer.Quantum.Simulation;
using SciTransfer.Quantum.Tests.Support;

namespace SciTransfer.Quantum.Tests;

/// <summary>Cross-check against the Microsoft QDK simulator (npm qsharp-lang) through tools/qdk-oracle.</summary>
public sealed class QdkCrossCheckTests
{
    [Trait("Category", "Slow")]
    [QdkFact]
    public void Random_circuits_up_to_12_qubits_match_the_QDK_simulator_up_to_global_phase()
    {
        var rng = new Rng(2026);
        var circuits = new List<(CompiledCircuit Circuit, double[] P, double[] X)>();
        foreach (int n in new[] { 1, 2, 3, 5, 7, 8, 10, 12 })
        {
            var c = RandomCircuits.Create(rng, n, 10 * n + 20, 4, 2, unitaries: false);
            circuits.Add((c, RandomCircuits.RandomVector(rng, 4, -3, 3), RandomCircuits.RandomVector(rng, 2, -2, 2)));
        }

        var oracle = RunOracle(circuits);
        using var backend = TestBackends.Create("managed");
        for (int i = 0; i < circuits.Count; i++)
        {
            var (c, p, x) = circuits[i];
            var ours = new double[2 * c.Dimension];
            backend.Run(c, p, new BatchInput(1, 2, x), ours);
            var theirs = oracle[i];
            Assert.Equal(c.Dimension, theirs.Length);

            // Global phase from the largest amplitude, then every amplitude must agree.
            int k = 0;
            for (int j = 1; j < theirs.Length; j++)
            {
                if (theirs[j].Magnitude > theirs[k].Magnitude)
                {
                    k = j;
                }
            }

            var phase = new Complex(ours[2 * k], ours[2 * k + 1]) / theirs[k];
            Assert.True(Math.Abs(phase.Magnitude - 1) < 1e-10, $"n={c.QubitCount}: |phase| = {phase.Magnitude}");
            double max = 0;
            for (int j = 0; j < theirs.Length; j++)
            {
                max = Math.Max(max, (new Complex(ours[2 * j], ours[2 * j + 1]) - (phase * theirs[j])).Magnitude);
            }

            Assert.True(max < 1e-10, $"n={c.QubitCount}: largest amplitude difference {max}");
        }
    }

    internal static List<Complex[]> RunOracle(List<(CompiledCircuit Circuit, double[] P, double[] X)> circuits)
    {
        var json = new StringBuilder("[");
        var angles = new double[3];
        for (int i = 0; i < circuits.Count; i++)
        {
            var (c, p, x) = circuits[i];
            json.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"{{\"qubits\":{c.QubitCount},\"gates\":[");
            for (int g = 0; g < c.Ops.Count; g++)
            {
                var op = c.Ops[g];
                op.ResolveAngles(p, x, angles);
                var controls = Enumerable.Range(0, c.QubitCount).Where(q => (op.ControlMask & (1L << q)) != 0);
                int[] targets = op.Arity == 1 ? [op.Target0] : [op.Target0, op.Target1];
                json.Append(g == 0 ? "" : ",")
                    .Append(CultureInfo.InvariantCulture, $"{{\"name\":\"{op.Kind}\",\"targets\":[{string.Join(",", targets)}],\"controls\":[{string.Join(",", controls)}],")
                    .Append("\"angles\":[")
                    .Append(string.Join(",", angles.Take(op.Angles.Length).Select(a => a.ToString("R", CultureInfo.InvariantCulture))))
                    .Append("]}");
            }

            json.Append("]}");
        }

        json.Append(']');
        var psi = new ProcessStartInfo(RepoPaths.FindOnPath("node")!, RepoPaths.Find("tools/qdk-oracle/oracle.mjs")!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var proc = Process.Start(psi)!;
        proc.StandardInput.Write(json.ToString());
        proc.StandardInput.Close();
        var stderrTask = proc.StandardError.ReadToEndAsync();
        string stdout = proc.StandardOutput.ReadToEnd();
        proc.WaitForExit();
        Assert.True(proc.ExitCode == 0, "qdk oracle failed: " + stderrTask.Result);
        using var doc = JsonDocument.Parse(stdout);
        var result = new List<Complex[]>();
        foreach (var circuit in doc.RootElement.EnumerateArray())
        {
            result.Add([.. circuit.EnumerateArray().Select(a => new Complex(a[0].GetDouble(), a[1].GetDouble()))]);
        }

        return result;
    }
}
