using SciTransfer.Core.Random;
using SciTransfer.Quantum.Backends;
using SciTransfer.Quantum.Gradients;
using SciTransfer.Quantum.Simulation;
using SciTransfer.Quantum.Tests.Support;

namespace SciTransfer.Quantum.Tests;

/// <summary>The one suite every backend runs (theory rows per backend; OpenCL rows skip when no device exists).</summary>
public sealed class BackendSuiteTests
{
    private static BatchInput RandomBatch(Rng rng, int count, int width) =>
        new(count, width, RandomCircuits.RandomVector(rng, count * width, -2, 2));

    [Theory]
    [ManagedBackend]
    [IlgpuCpuBackend]
    [GpuBackend]
    public void Random_circuits_over_every_gate_kind_match_the_naive_reference_simulator(string backendName)
    {
        using var backend = TestBackends.Create(backendName);
        var rng = new Rng(11);
        for (int trial = 0; trial < 24; trial++)
        {
            int n = 1 + (trial % 7);
            var circuit = RandomCircuits.Create(rng, n, 40, 4, 3, allowControlledU3: true, mixDataAndTrainable: true);
            var p = RandomCircuits.RandomVector(rng, 4, -3, 3);
            var input = RandomBatch(rng, 3, 3);
            var states = new double[3 * 2 * circuit.Dimension];
            backend.Run(circuit, p, input, states);
            for (int b = 0; b < 3; b++)
            {
                var expected = Approx.Interleave(ReferenceSimulator.Run(circuit, p, input.DataRow(b).ToArray()));
                double diff = Approx.MaxAbsDiff(states.AsSpan(b * 2 * circuit.Dimension, 2 * circuit.Dimension), expected);
                Assert.True(diff < 1e-12, $"trial {trial} n={n} sample {b}: max difference {diff}");
            }
        }
    }

    [Theory]
    [ManagedBackend]
    [IlgpuCpuBackend]
    [GpuBackend]
    public void A_circuit_followed_by_its_inverse_returns_to_the_all_zero_state(string backendName)
    {
        using var backend = TestBackends.Create(backendName);
        var rng = new Rng(12);
        foreach (int n in new[] { 3, 6, 9, 10 })
        {
            var circuit = RandomCircuits.Create(rng, n, 80, 5, 0);
            var p = RandomCircuits.RandomVector(rng, 5, -3, 3);
            var states = new double[2 * circuit.Dimension];
            backend.Run(circuit, p, BatchInput.Empty(1), states);
            var inverse = circuit.InverseFor(p, default);
            var back = new double[states.Length];
            backend.Run(inverse, [], new BatchInput(1, 0, ReadOnlyMemory<double>.Empty, states), back);
            var zero = new double[states.Length];
            zero[0] = 1;
            Assert.True(Approx.MaxAbsDiff(back, zero) < 1e-12, $"n={n}: U^dagger U |0> differs from |0> by {Approx.MaxAbsDiff(back, zero)}");
        }
    }

    [Theory]
    [ManagedBackend]
    [IlgpuCpuBackend]
    [GpuBackend]
    public void Norms_stay_one_through_long_random_circuits(string backendName)
    {
        using var backend = TestBackends.Create(backendName);
        var rng = new Rng(13);
        var circuit = RandomCircuits.Create(rng, 8, 300, 6, 4, mixDataAndTrainable: true);
        var input = RandomBatch(rng, 16, 4);
        var states = new double[16 * 2 * circuit.Dimension];
        backend.Run(circuit, RandomCircuits.RandomVector(rng, 6, -3, 3), input, states);
        for (int b = 0; b < 16; b++)
        {
            double norm = 0;
            foreach (double v in states.AsSpan(b * 2 * circuit.Dimension, 2 * circuit.Dimension))
            {
                norm += v * v;
            }

            Assert.True(Math.Abs(norm - 1) < 1e-12, $"sample {b}: norm^2 = {norm}");
        }
    }

    [Theory]
    [ManagedBackend]
    [IlgpuCpuBackend]
    [GpuBackend]
    public void Batched_expectations_equal_per_sample_runs_and_the_reference(string backendName)
    {
        using var backend = TestBackends.Create(backendName, threads: 2);
        var rng = new Rng(14);
        var circuit = RandomCircuits.Create(rng, 6, 60, 5, 6, mixDataAndTrainable: true);
        var p = RandomCircuits.RandomVector(rng, 5, -3, 3);
        var input = RandomBatch(rng, 20, 6);
        var obs = PauliString.Parse("X0 Y2 Z5");
        var batched = new double[20];
        backend.Expectations(circuit, p, input, obs, batched);
        for (int b = 0; b < 20; b++)
        {
            var one = new double[1];
            backend.Expectations(circuit, p, new BatchInput(1, 6, input.DataRow(b).ToArray()), obs, one);
            Assert.Equal(one[0], batched[b], 14);
            double reference = ReferenceSimulator.Expectation(ReferenceSimulator.Run(circuit, p, input.DataRow(b).ToArray()), obs);
            Assert.True(Math.Abs(reference - batched[b]) < 1e-12, $"sample {b}: {batched[b]} vs reference {reference}");
        }
    }

    [Theory]
    [ManagedBackend]
    [IlgpuCpuBackend]
    [GpuBackend]
    public void Adjoint_gradient_equals_parameter_shift_and_finite_differences(string backendName)
    {
        using var backend = TestBackends.Create(backendName);
        var rng = new Rng(15);
        for (int trial = 0; trial < 4; trial++)
        {
            var circuit = RandomCircuits.Create(rng, 5, 50, 6, 2, allowControlledU3: false, mixDataAndTrainable: false);
            var p = RandomCircuits.RandomVector(rng, 6, -3, 3);
            var input = RandomBatch(rng, 5, 2);
            var w = RandomCircuits.RandomVector(rng, 5, -1, 1);
            var obs = trial % 2 == 0 ? PauliString.Z(2) : PauliString.Parse("Y0 X3");
            var values = new double[5];
            var adjoint = new double[6];
            backend.ExpectationsAndGradient(circuit, p, input, obs, w, values, adjoint);
            var shift = ParameterShift.Gradient(backend, circuit, p, input, obs, w);
            for (int k = 0; k < 6; k++)
            {
                double fd = FiniteDifference(backend, circuit, p, input, obs, w, k);
                Assert.True(Math.Abs(adjoint[k] - shift[k]) < 1e-10, $"trial {trial} param {k}: adjoint {adjoint[k]} vs shift {shift[k]}");
                Assert.True(Math.Abs(adjoint[k] - fd) < 1e-7, $"trial {trial} param {k}: adjoint {adjoint[k]} vs finite difference {fd}");
            }
        }
    }

    // Slow tier: the ilgpu-cpu row takes 5-9 s (ILGPU's CPU accelerator), which kept the fast tier at 60 s on 2 cores.
    [Trait("Category", "Slow")]
    [Theory]
    [ManagedBackend]
    [IlgpuCpuBackend]
    [GpuBackend]
    public void Backend_agrees_with_managed_to_1e12_on_states_values_and_gradients(string backendName)
    {
        using var backend = TestBackends.Create(backendName);
        using var managed = TestBackends.Create("managed");
        var rng = new Rng(16);
        var circuit = RandomCircuits.Create(rng, 8, 120, 10, 8, mixDataAndTrainable: false);
        var p = RandomCircuits.RandomVector(rng, 10, -3, 3);
        var input = RandomBatch(rng, 12, 8);
        var w = RandomCircuits.RandomVector(rng, 12, -1, 1);
        var s1 = new double[12 * 512];
        var s2 = new double[12 * 512];
        backend.Run(circuit, p, input, s1);
        managed.Run(circuit, p, input, s2);
        Assert.True(Approx.MaxAbsDiff(s1, s2) < 1e-12);
        var v1 = new double[12];
        var v2 = new double[12];
        var g1 = new double[10];
        var g2 = new double[10];
        backend.ExpectationsAndGradient(circuit, p, input, PauliString.Z(4), w, v1, g1);
        managed.ExpectationsAndGradient(circuit, p, input, PauliString.Z(4), w, v2, g2);
        Assert.True(Approx.MaxAbsDiff(v1, v2) < 1e-12);
        Assert.True(Approx.MaxAbsDiff(g1, g2) < 1e-12);
    }

    [Theory]
    [ManagedBackend]
    [IlgpuCpuBackend]
    [GpuBackend]
    public void Gate_major_single_state_runs_match_batched_runs_on_large_states(string backendName)
    {
        using var backend = TestBackends.Create(backendName, threads: 2);
        var rng = new Rng(17);
        // ILGPU's CPU accelerator runs GPU kernels slowly: 13 qubits still cross its tile size (10).
        int n = backendName == "ilgpu-cpu" ? 13 : 17;
        var circuit = RandomCircuits.Create(rng, n, 40, 3, 0);
        var p = RandomCircuits.RandomVector(rng, 3, -3, 3);
        using var state = backend.CreateState(n);
        backend.Apply(state, circuit, p, default);
        var big = new double[state.DoubleLength];
        state.Read(big);
        using var managed = TestBackends.Create("managed", threads: 1);
        var expected = new double[big.Length];
        managed.Run(circuit, p, BatchInput.Empty(1), expected);
        Assert.True(Approx.MaxAbsDiff(big, expected) < 1e-12);
    }

    [Theory]
    [ManagedBackend]
    [IlgpuCpuBackend]
    [GpuBackend]
    public void Amplitude_encoded_initial_states_are_used_per_sample(string backendName)
    {
        using var backend = TestBackends.Create(backendName);
        var rng = new Rng(18);
        var circuit = RandomCircuits.Create(rng, 4, 30, 2, 0);
        var p = RandomCircuits.RandomVector(rng, 2, -3, 3);
        var init = new double[3 * 32];
        for (int b = 0; b < 3; b++)
        {
            Encodings.Amplitude(RandomCircuits.RandomVector(rng, 16, 0, 1), 4, init.AsSpan(b * 32, 32));
        }

        var values = new double[3];
        backend.Expectations(circuit, p, new BatchInput(3, 0, ReadOnlyMemory<double>.Empty, init), PauliString.Parse("Z0 Z3"), values);
        for (int b = 0; b < 3; b++)
        {
            var initial = ReferenceSimulator.FromInterleaved(init.AsSpan(b * 32, 32));
            double expected = ReferenceSimulator.Expectation(ReferenceSimulator.Run(circuit, p, [], initial), PauliString.Parse("Z0 Z3"));
            Assert.True(Math.Abs(values[b] - expected) < 1e-12);
        }
    }

    // Slow tier: the ilgpu-cpu row takes 5-9 s (ILGPU's CPU accelerator), which kept the fast tier at 60 s on 2 cores.
    [Trait("Category", "Slow")]
    [Theory]
    [ManagedBackend]
    [IlgpuCpuBackend]
    [GpuBackend]
    public void States_above_the_shared_memory_limit_match_managed_on_states_values_and_gradients(string backendName)
    {
        // 12 qubits: past the ILGPU batch kernel's shared-memory limit, so the tiled global-memory path and
        // the per-gate adjoint sweep run; gates on wires 10 and 11 split the fused tile runs.
        using var backend = TestBackends.Create(backendName);
        using var managed = TestBackends.Create("managed");
        var rng = new Rng(19);
        var circuit = RandomCircuits.Create(rng, 12, 40, 5, 4, allowControlledU3: true, mixDataAndTrainable: true);
        var p = RandomCircuits.RandomVector(rng, 5, -3, 3);
        var input = RandomBatch(rng, 3, 4);
        var w = RandomCircuits.RandomVector(rng, 3, -1, 1);
        var s1 = new double[3 * 2 * circuit.Dimension];
        var s2 = new double[s1.Length];
        backend.Run(circuit, p, input, s1);
        managed.Run(circuit, p, input, s2);
        Assert.True(Approx.MaxAbsDiff(s1, s2) < 1e-12, $"states differ by {Approx.MaxAbsDiff(s1, s2)}");
        var obs = PauliString.Parse("X1 Z11");
        var v1 = new double[3];
        var v2 = new double[3];
        var g1 = new double[5];
        var g2 = new double[5];
        backend.ExpectationsAndGradient(circuit, p, input, obs, w, v1, g1);
        managed.ExpectationsAndGradient(circuit, p, input, obs, w, v2, g2);
        Assert.True(Approx.MaxAbsDiff(v1, v2) < 1e-12, $"values differ by {Approx.MaxAbsDiff(v1, v2)}");
        Assert.True(Approx.MaxAbsDiff(g1, g2) < 1e-12, $"gradients differ by {Approx.MaxAbsDiff(g1, g2)}");
        var plain = RandomCircuits.Create(rng, 12, 30, 5, 4, allowControlledU3: false, mixDataAndTrainable: false);
        var g3 = new double[5];
        backend.ExpectationsAndGradient(plain, p, input, obs, w, v1, g3);
        var shift = ParameterShift.Gradient(managed, plain, p, input, obs, w);
        Assert.True(Approx.MaxAbsDiff(g3, shift) < 1e-10, $"adjoint vs parameter shift: {Approx.MaxAbsDiff(g3, shift)}");
    }

    [Theory]
    [ManagedBackend]
    [IlgpuCpuBackend]
    [GpuBackend]
    public void Data_angles_many_periods_from_zero_give_the_same_states_as_managed(string backendName)
    {
        // Device kernels reduce angles by pi/2 themselves (ILGPU has no GPU sine); check far from zero too.
        using var backend = TestBackends.Create(backendName);
        using var managed = TestBackends.Create("managed");
        var b = new CircuitBuilder(3);
        b.UseData(5);
        b.H(0).H(1).H(2);
        b.RX(0, ParamRef.Data(0)).RY(1, ParamRef.Data(1)).RZ(2, ParamRef.Data(2)).Gate1(GateKind.Phase, 0, [ParamRef.Data(3)]);
        b.U3(1, ParamRef.Data(4), ParamRef.Data(0, 0.5), ParamRef.Data(1, -2.0, 0.25));
        b.CNOT(0, 2).RY(2, ParamRef.Data(4, 3.0));
        var circuit = b.Build();
        var rng = new Rng(20);
        var data = RandomCircuits.RandomVector(rng, 40 * 5, -2000, 2000);
        var input = new BatchInput(40, 5, data);
        var s1 = new double[40 * 16];
        var s2 = new double[40 * 16];
        backend.Run(circuit, [], input, s1);
        managed.Run(circuit, [], input, s2);
        Assert.True(Approx.MaxAbsDiff(s1, s2) < 1e-12, $"states differ by {Approx.MaxAbsDiff(s1, s2)}");
    }

    private static double FiniteDifference(QuantumBackend backend, CompiledCircuit c, double[] p, BatchInput input, PauliString obs, double[] w, int k)
    {
        const double h = 1e-5;
        double F(double delta)
        {
            var q = (double[])p.Clone();
            q[k] += delta;
            var v = new double[input.Count];
            backend.Expectations(c, q, input, obs, v);
            double acc = 0;
            for (int b = 0; b < v.Length; b++)
            {
                acc += w[b] * v[b];
            }

            return acc;
        }

        return (F(h) - F(-h)) / (2 * h);
    }
}
