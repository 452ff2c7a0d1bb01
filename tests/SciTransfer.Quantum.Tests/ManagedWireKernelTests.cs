using System.Numerics;
using SciTransfer.Core.Random;
using SciTransfer.Quantum.Backends;
using SciTransfer.Quantum.Simulation;
using SciTransfer.Quantum.Tests.Support;

namespace SciTransfer.Quantum.Tests;

/// <summary>
/// The managed backend's per-wire kernel paths (streams, region-read middle wires, diagonal runs) against the naive
/// reference simulator (one output amplitude at a time, System.Numerics.Complex) on random states: every wire,
/// every one-wire gate kind, controlled gates with the control above and below the target, two controls, and a
/// thread split. The blocked paths run only on states of at least 18 qubits, so those cases use 18 qubits.
/// </summary>
public sealed class ManagedWireKernelTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Every_one_wire_gate_kind_on_every_wire_matches_the_reference()
    {
        const int n = 13;
        var rng = new Rng(1501);
        using var backend = BackendSelector.Create("managed", 1, allowFallback: false);
        foreach (var kind in RandomCircuits.OneWire)
        {
            for (int t = 0; t < n; t++)
            {
                var angles = kind switch
                {
                    GateKind.RX or GateKind.RY or GateKind.RZ or GateKind.Phase => new[] { ParamRef.Const(0.1 + (0.37 * t)) },
                    GateKind.U3 => [ParamRef.Const(0.4 + t), ParamRef.Const(-0.3), ParamRef.Const(1.1)],
                    _ => [],
                };
                Check(backend, new CircuitBuilder(n).Gate1(kind, t, angles).Build(), rng, $"{kind} on wire {t}");
            }
        }
    }

    [Fact]
    public void Controlled_gates_with_control_above_and_below_the_target_match_the_reference()
    {
        const int n = 13;
        var rng = new Rng(1502);
        using var backend = BackendSelector.Create("managed", 1, allowFallback: false);
        GateKind[] kinds = [GateKind.Z, GateKind.X, GateKind.RZ, GateKind.Phase, GateKind.RY, GateKind.RX, GateKind.S, GateKind.U3];
        foreach (var kind in kinds)
        {
            foreach ((int c, int t) in new[] { (1, 0), (0, 1), (1, 6), (6, 1), (1, 12), (12, 1), (5, 9), (9, 5), (11, 12), (12, 11) })
            {
                var angles = kind switch
                {
                    GateKind.RX or GateKind.RY or GateKind.RZ or GateKind.Phase => new[] { ParamRef.Const(0.7 + c - t) },
                    GateKind.U3 => [ParamRef.Const(0.4), ParamRef.Const(-0.3 * c), ParamRef.Const(1.1 * t)],
                    _ => [],
                };
                Check(backend, new CircuitBuilder(n).Gate1(kind, t, angles, [c]).Build(), rng, $"{kind} control {c} target {t}");
            }

            // Two controls, one on each side of the target.
            Check(backend, new CircuitBuilder(n).Gate1(kind, 7, kind is GateKind.X or GateKind.Z or GateKind.S ? [] :
                kind == GateKind.U3 ? [ParamRef.Const(0.2), ParamRef.Const(0.5), ParamRef.Const(-0.9)] : [ParamRef.Const(1.3)], [2, 10]).Build(), rng, $"{kind} controls 2, 10 target 7");
        }
    }

    [Fact]
    public void Real_complex_and_x_gates_on_region_path_middle_wires_of_an_18_qubit_state_match_the_reference()
    {
        // Wires 5..11 of a state of at least 18 qubits read each region (>= 32 KiB) in address order first; the real
        // (RY), complex (RX) and X kernels each take that path; split over 3 threads (chunks are whole regions).
        var rng = new Rng(1506);
        using var backend = BackendSelector.Create("managed", 3, allowFallback: false);
        Check(backend, new CircuitBuilder(18).RY(6, ParamRef.Const(0.9)).Build(), rng, "RY on wire 6");
        Check(backend, new CircuitBuilder(18).Gate1(GateKind.RX, 11, [ParamRef.Const(-2.1)]).Build(), rng, "RX on wire 11");
        Check(backend, new CircuitBuilder(18).Gate1(GateKind.X, 5, []).Build(), rng, "X on wire 5");
    }

    [Theory]
    [Trait("Category", "Slow")]
    [InlineData(1)]
    [InlineData(3)]
    public void Real_gates_on_an_18_qubit_state_take_the_blocked_paths_and_match_the_reference(int threads)
    {
        // 18 qubits: the smallest state on the blocked paths (wires 5..11), and 2^17 pairs, so 3 threads split the gate
        // into chunks; H and RY are real matrices; CZ and RZ take the diagonal runs.
        const int n = 18;
        var rng = new Rng((ulong)(1503 + threads));
        using var backend = BackendSelector.Create("managed", threads, allowFallback: false);
        foreach (int t in new[] { 0, 2, 4, 5, 6, 8, 9, 11, 12, 17 })
        {
            Check(backend, new CircuitBuilder(n).RY(t, ParamRef.Const(0.3 + t)).Build(), rng, $"RY on wire {t}");
            Check(backend, new CircuitBuilder(n).H(t).Build(), rng, $"H on wire {t}");
            Check(backend, new CircuitBuilder(n).CZ(t == 1 ? 0 : 1, t).Build(), rng, $"CZ on wire {t}");
            Check(backend, new CircuitBuilder(n).RZ(t, ParamRef.Const(-0.8)).Build(), rng, $"RZ on wire {t}");
        }
    }

    [Fact]
    public void Results_do_not_depend_on_the_thread_count_bit_for_bit()
    {
        const int n = 18;
        var rng = new Rng(1505);
        var b = new CircuitBuilder(n);
        for (int t = 0; t < n; t++)
        {
            b.RY(t, ParamRef.Const(0.1 * (t + 1))).CZ((t + 3) % n, t).RZ(t, ParamRef.Const(-0.2 * t));
        }

        var circuit = b.Build();
        var psi = RandomCircuits.RandomVector(rng, 2 << n, -1, 1);
        var results = new List<double[]>();
        foreach (int threads in new[] { 1, 2, 5 })
        {
            using var backend = BackendSelector.Create("managed", threads, allowFallback: false);
            using var state = backend.CreateState(n);
            state.Write(psi);
            backend.Apply(state, circuit, [], default);
            var output = new double[2 << n];
            state.Read(output);
            results.Add(output);
        }

        Assert.Equal(results[0], results[1]);
        Assert.Equal(results[0], results[2]);
    }

    // Applies the one-gate circuit to a random (unnormalised) state on the backend and on the reference.
    private static void Check(QuantumBackend backend, CompiledCircuit circuit, Rng rng, string what)
    {
        int n = circuit.QubitCount;
        var psi = RandomCircuits.RandomVector(rng, 2 << n, -1, 1);
        using var state = backend.CreateState(n);
        state.Write(psi);
        backend.Apply(state, circuit, [], default);
        var got = new double[psi.Length];
        state.Read(got);

        var initial = new Complex[1 << n];
        for (int i = 0; i < initial.Length; i++)
        {
            initial[i] = new Complex(psi[2 * i], psi[(2 * i) + 1]);
        }

        var expected = Approx.Interleave(ReferenceSimulator.Run(circuit, [], [], initial));
        double diff = Approx.MaxAbsDiff(got, expected);
        Assert.True(diff <= Tolerance, $"{what}: max |managed - reference| = {diff:E2}");
    }
}
