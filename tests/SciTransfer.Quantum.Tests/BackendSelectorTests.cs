using SciTransfer.Quantum.Backends;
using SciTransfer.Quantum.Backends.Ilgpu;
using SciTransfer.Quantum.Simulation;

namespace SciTransfer.Quantum.Tests;

/// <summary>Backend choice at run time, what the run record learns about the device, and size limits.</summary>
public sealed class BackendSelectorTests
{
    [Fact]
    public void Auto_picks_a_gpu_when_one_exists_and_otherwise_the_managed_backend()
    {
        bool gpu = BackendSelector.IsAvailable("gpu", out _);
        using var backend = BackendSelector.Create("auto", 1, allowFallback: false);
        Assert.Equal(gpu ? "gpu" : "managed", backend.Name);
        Assert.False(string.IsNullOrWhiteSpace(backend.Device));
    }

    [Fact]
    public void A_missing_gpu_falls_back_to_managed_only_when_fallback_is_allowed()
    {
        if (BackendSelector.IsAvailable("gpu", out _))
        {
            using var real = BackendSelector.Create("gpu", 1, allowFallback: false);
            Assert.IsType<IlgpuBackend>(real);
            return;
        }

        using var fallback = BackendSelector.Create("gpu", 1, allowFallback: true);
        Assert.Equal("managed", fallback.Name);
        var e = Assert.Throws<InvalidOperationException>(() => BackendSelector.Create("gpu", 1, allowFallback: false));
        Assert.Contains("not available", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_ilgpu_cpu_accelerator_names_itself_and_its_device()
    {
        using var backend = BackendSelector.Create("ilgpu-cpu", 1, allowFallback: false);
        var ilgpu = Assert.IsType<IlgpuBackend>(backend);
        Assert.Equal("ilgpu-cpu", backend.Name);
        Assert.StartsWith("CPU", backend.Device, StringComparison.Ordinal);
        Assert.Contains("ILGPU", backend.Description, StringComparison.Ordinal);
        Assert.InRange(ilgpu.MaxSharedQubits, 2, IlgpuBackend.SharedQubitLimit);
        Assert.True(ilgpu.MeasureCopyBandwidth(12, reps: 3) > 0);
    }

    [Fact]
    public void Managed_backend_refuses_a_30_qubit_state_up_front_and_names_the_memory_it_needs()
    {
        using var managed = BackendSelector.Create("managed", 1, allowFallback: false);
        var e = Assert.Throws<NotSupportedException>(() => managed.CreateState(30));
        Assert.Contains("16 GiB", e.Message, StringComparison.Ordinal);
        Assert.Contains("--backend gpu", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Managed_backend_refuses_30_qubit_batches_before_any_size_arithmetic_overflows()
    {
        using var managed = BackendSelector.Create("managed", 1, allowFallback: false);
        var circuit = new CircuitBuilder(30).H(29).Build();
        var values = new double[1];
        var e = Assert.Throws<NotSupportedException>(() => managed.Expectations(circuit, [], BatchInput.Empty(1), PauliString.Z(0), values));
        Assert.Contains("16 GiB", e.Message, StringComparison.Ordinal);
        Assert.Throws<NotSupportedException>(() => managed.ExpectationsAndGradient(circuit, [], BatchInput.Empty(1), PauliString.Z(0), [1.0], values, []));
    }

    [Fact]
    public void A_state_of_another_backend_is_rejected_by_apply()
    {
        using var managed = BackendSelector.Create("managed", 1, allowFallback: false);
        using var ilgpu = BackendSelector.Create("ilgpu-cpu", 1, allowFallback: false);
        using var state = managed.CreateState(3);
        var circuit = new CircuitBuilder(3).H(0).Build();
        Assert.Throws<ArgumentException>(() => ilgpu.Apply(state, circuit, [], default));
    }

    [Fact]
    public void Ilgpu_states_read_write_and_reset_round_trip()
    {
        using var backend = BackendSelector.Create("ilgpu-cpu", 1, allowFallback: false);
        using var state = backend.CreateState(4);
        var buf = new double[32];
        state.Read(buf);
        Assert.Equal(1.0, buf[0]);
        Assert.Equal(0.0, buf.Skip(1).Sum(Math.Abs));
        var src = Enumerable.Range(0, 32).Select(i => i * 0.25).ToArray();
        state.Write(src);
        state.Read(buf);
        Assert.Equal(src, buf);
        state.Reset();
        state.Read(buf);
        Assert.Equal(1.0, buf[0]);
        Assert.Equal(0.0, buf.Skip(1).Sum(Math.Abs));
    }
}
