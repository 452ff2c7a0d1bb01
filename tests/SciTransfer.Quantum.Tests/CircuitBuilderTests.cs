using SciTransfer.Quantum.Backends;
using SciTransfer.Quantum.Simulation;

namespace SciTransfer.Quantum.Tests;

public sealed class CircuitBuilderTests
{
    [Fact]
    public void Builder_rejects_non_unitary_matrices_repeated_wires_and_unallocated_parameters()
    {
        var b = new CircuitBuilder(3);
        Assert.Throws<ArgumentException>(() => b.Unitary(0, [1, 0, 0, 0, 0, 0, 2, 0]));
        Assert.Throws<ArgumentException>(() => b.Swap(1, 1));
        Assert.Throws<ArgumentException>(() => b.CNOT(2, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => b.H(3));
        Assert.Throws<ArgumentException>(() => b.RX(0, ParamRef.Param(0)));
        var p = b.NewParameter();
        b.RX(0, p).RY(1, p);
        Assert.Equal(1, b.Build().ParameterCount);
    }

    [Fact]
    public void Backend_entry_points_name_the_operation_and_the_bad_shape()
    {
        using var backend = BackendSelector.Create("managed", 1, allowFallback: false);
        var c = new CircuitBuilder(2).RY(0, ParamRef.Data(1)).Build();
        var e = Assert.Throws<ArgumentException>(() => backend.Run(c, [], new BatchInput(1, 1, new double[1]), new double[8]));
        Assert.Contains("data slots", e.Message);
        var e2 = Assert.Throws<ArgumentException>(() => backend.Run(c, [], new BatchInput(1, 2, new double[2]), new double[7]));
        Assert.Contains("managed.Run", e2.Message);
        Assert.Throws<ArgumentException>(() => BackendSelector.Create("cuda", 1, allowFallback: true));
    }

    [Fact]
    public void Amplitude_encoding_normalises_pads_and_rejects_the_zero_vector()
    {
        var state = new double[16];
        Encodings.Amplitude([3, 4, 0], 3, state);
        Assert.Equal(0.6, state[0], 15);
        Assert.Equal(0.8, state[2], 15);
        Assert.All(state.Skip(3), v => Assert.Equal(0.0, v));
        Assert.Throws<ArgumentException>(() => Encodings.Amplitude([0, 0], 3, state));
    }

    [Fact]
    public void Pauli_strings_parse_and_expectations_of_basis_states_are_signs()
    {
        var p = PauliString.Parse("Z0 Z2");
        var state = new double[16];
        state[2 * 0b101] = 1; // |101>: qubits 0 and 2 are 1
        Assert.Equal(1.0, p.Expectation(state), 15);
        Assert.Equal(-1.0, PauliString.Z(0).Expectation(state), 15);
        Assert.Equal(0.0, PauliString.Parse("X1").Expectation(state), 15);
        Assert.Throws<FormatException>(() => PauliString.Parse("Z0 X0"));
        Assert.Throws<FormatException>(() => PauliString.Parse("Q1"));
    }
}
