using System.Globalization;
using SciTransfer.Core.Random;
using SciTransfer.Quantum.Backends;
using SciTransfer.Quantum.Simulation;
using SciTransfer.Transfer.Bench;

namespace SciTransfer.Quantum.Bench;

/// <summary>
/// <c>bench backend-check --backend B [--threads T]</c>: a correctness check for machines without the .NET SDK
/// (the GPU machine): circuits over every gate kind, with data, trainable and mixed angles and controls, run on
/// B and on the managed backend; prints the largest differences of states, expectation values, adjoint
/// gradients (n = 5, 8, 10, 12, 14) and of a gate-major single state (n = 20), and <c>check=ok</c> when all
/// are below 1e-12 (<c>check=MISMATCH</c> otherwise).
/// </summary>
public sealed class BackendCheckBench : IBenchWorkload
{
    /// <inheritdoc/>
    public string Name => "backend-check";

    /// <inheritdoc/>
    public string Description => "compares a backend with managed on states, values, gradients and a 20-qubit single state (1e-12)";

    /// <inheritdoc/>
    public IReadOnlyList<string> OptionKeys { get; } = ["backend", "threads"];

    /// <summary>A deterministic circuit over every gate kind: data angles, trainable angles, both (U3), controls.</summary>
    public static CompiledCircuit MixedCircuit(int n, int layers, Rng rng)
    {
        var b = new CircuitBuilder(n);
        var p = new ParamRef[6];
        for (int k = 0; k < p.Length; k++)
        {
            p[k] = b.NewParameter();
        }

        b.UseData(4);
        GateKind[] one = [GateKind.X, GateKind.Y, GateKind.Z, GateKind.H, GateKind.S, GateKind.Sdg, GateKind.T, GateKind.Tdg];
        for (int l = 0; l < layers; l++)
        {
            int q = rng.NextInt(n), r = (q + 1 + rng.NextInt(n - 1)) % n, c = (r + 1 + rng.NextInt(n - 1)) % n;
            ParamRef Angle() => rng.NextInt(3) switch
            {
                0 => ParamRef.Data(rng.NextInt(4), 1.0 + rng.NextDouble(), rng.NextDouble()),
                1 => p[rng.NextInt(p.Length)] with { Scale = 0.5 + rng.NextDouble() },
                _ => ParamRef.Const(6 * rng.NextDouble()),
            };
            int[] ctrl = c != q && c != r && rng.NextDouble() < 0.3 ? [c] : [];
            switch (l % 8)
            {
                case 0: b.Gate1(one[rng.NextInt(one.Length)], q, [], ctrl); break;
                case 1: b.Gate1(GateKind.RX, q, [Angle()], ctrl); break;
                case 2: b.Gate1(GateKind.RY, q, [Angle()], ctrl); break;
                case 3: b.Gate1(GateKind.RZ, q, [Angle()], ctrl); break;
                case 4: b.Gate1(GateKind.U3, q, [Angle(), p[rng.NextInt(p.Length)], Angle()], ctrl); break;
                case 5: b.Gate1(GateKind.Phase, q, [Angle()], ctrl); break;
                case 6: b.CNOT(q, r); break;
                default:
                    var kind = (GateKind)((int)GateKind.Swap + rng.NextInt(4));
                    b.Gate2(kind, q, r, kind == GateKind.Swap ? [] : [Angle()], ctrl);
                    break;
            }
        }

        return b.Build();
    }

    /// <inheritdoc/>
    public void Run(BenchArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var c = CultureInfo.InvariantCulture;
        using var backend = BenchBackend.Create(arguments, "gpu");
        using var managed = BackendSelector.Create("managed", arguments.Threads, allowFallback: false);
        output.WriteLine(string.Create(c, $"device backend={backend.Name} {backend.Description}"));
        double worst = 0;
        var rng = new Rng(20261204);
        foreach (int n in new[] { 5, 8, 10, 12, 14 })
        {
            cancellationToken.ThrowIfCancellationRequested();
            var circuit = MixedCircuit(n, 120, rng);
            int count = n <= 10 ? 64 : 4;
            var data = new double[count * 4];
            rng.FillUniform(data, -3, 3);
            var input = new BatchInput(count, 4, data);
            var p = new double[circuit.ParameterCount];
            rng.FillUniform(p, -3, 3);
            var w = new double[count];
            rng.FillUniform(w, -1, 1);
            var s1 = new double[(long)count * 2 * circuit.Dimension];
            var s2 = new double[s1.Length];
            backend.Run(circuit, p, input, s1);
            managed.Run(circuit, p, input, s2);
            var obs = PauliString.Parse(n > 6 ? "X1 Y3 Z6" : "Z0 X2");
            double[] v1 = new double[count], v2 = new double[count], g1 = new double[p.Length], g2 = new double[p.Length];
            backend.ExpectationsAndGradient(circuit, p, input, obs, w, v1, g1);
            managed.ExpectationsAndGradient(circuit, p, input, obs, w, v2, g2);
            double ds = MaxDiff(s1, s2), dv = MaxDiff(v1, v2), dg = MaxDiff(g1, g2);
            worst = Math.Max(worst, Math.Max(ds, Math.Max(dv, dg)));
            output.WriteLine(string.Create(c, $"check_batch n={n} B={count} gates={circuit.Ops.Count} states_diff={ds:E2} values_diff={dv:E2} gradient_diff={dg:E2}"));
        }

        {
            const int n = 20;
            var circuit = MixedCircuit(n, 60, rng);
            var row = new double[4];
            rng.FillUniform(row, -3, 3);
            var p = new double[circuit.ParameterCount];
            rng.FillUniform(p, -3, 3);
            using var state = backend.CreateState(n);
            backend.Apply(state, circuit, p, row);
            var big = new double[state.DoubleLength];
            state.Read(big);
            var expected = new double[big.Length];
            managed.Run(circuit, p, new BatchInput(1, 4, row), expected);
            double d = MaxDiff(big, expected);
            worst = Math.Max(worst, d);
            output.WriteLine(string.Create(c, $"check_single_state n={n} gates={circuit.Ops.Count} diff={d:E2}"));
        }

        output.WriteLine(string.Create(c, $"check={(worst < 1e-12 ? "ok" : "MISMATCH")} worst_diff={worst:E2} backend={backend.Name}"));
    }

    private static double MaxDiff(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double m = 0;
        for (int i = 0; i < a.Length; i++)
        {
            m = Math.Max(m, Math.Abs(a[i] - b[i]));
        }

        return m;
    }
}
