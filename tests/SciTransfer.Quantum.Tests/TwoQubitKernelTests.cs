using SciTransfer.Quantum.Backends;
using SciTransfer.Quantum.Simulation;
using SciTransfer.Quantum.Tests.Support;

namespace SciTransfer.Quantum.Tests;

/// <summary>
/// The two-wire kernel with gates that are NOT symmetric under exchanging their wires (every built-in two-wire
/// gate, SWAP and Ising XX/YY/ZZ, is, so a kernel that swaps its two wires passes every test that uses only
/// those). Expected outputs come from bit arithmetic on basis indices (qubit k = bit k), not from a simulator.
/// </summary>
public sealed class TwoQubitKernelTests
{
    // Row-major interleaved complex 4x4 in the basis |a b>, a = target0: CNOT with control target0, target target1.
    private static readonly double[] CnotFirstControls =
    [
        1, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 1, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 1, 0,
        0, 0, 0, 0, 1, 0, 0, 0,
    ];

    // diag(1, i, -1, -i) on |00>, |01>, |10>, |11>: |01> and |10> get different phases.
    private static readonly double[] PhaseLadder =
    [
        1, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 1, 0, 0, 0, 0,
        0, 0, 0, 0, -1, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, -1,
    ];

    private static double[] RunOnEveryBasisState(string backendName, CompiledCircuit circuit)
    {
        int dim = circuit.Dimension;
        var initial = new double[dim * 2 * dim];
        for (int k = 0; k < dim; k++)
        {
            initial[(k * 2 * dim) + (2 * k)] = 1;
        }

        using var backend = TestBackends.Create(backendName);
        var states = new double[initial.Length];
        backend.Run(circuit, [], new BatchInput(dim, 0, ReadOnlyMemory<double>.Empty, initial), states);
        return states;
    }

    [Theory]
    [ManagedBackend]
    [IlgpuCpuBackend]
    public void A_cnot_given_as_a_matrix_flips_the_second_wire_only_when_the_first_is_one(string backendName)
    {
        foreach (var (control, target) in new[] { (2, 0), (0, 2), (1, 3), (3, 1) })
        {
            var circuit = new CircuitBuilder(4).Unitary(control, target, CnotFirstControls).Build();
            var states = RunOnEveryBasisState(backendName, circuit);
            int dim = circuit.Dimension;
            for (int k = 0; k < dim; k++)
            {
                int expected = ((k >> control) & 1) == 1 ? k ^ (1 << target) : k;
                var s = states.AsSpan(k * 2 * dim, 2 * dim);
                Assert.True(s[2 * expected] == 1 && s[(2 * expected) + 1] == 0, $"CNOT({control} -> {target}) |{k}> should give |{expected}>");
                Assert.Equal(1.0, SumOfSquares(s), 14);
            }
        }
    }

    [Theory]
    [ManagedBackend]
    [IlgpuCpuBackend]
    public void A_diagonal_two_wire_gate_multiplies_each_basis_state_by_the_phase_of_its_wire_pair(string backendName)
    {
        double[] phaseRe = [1, 0, -1, 0], phaseIm = [0, 1, 0, -1];
        var circuit = new CircuitBuilder(3).Unitary(2, 0, PhaseLadder).Build();
        var states = RunOnEveryBasisState(backendName, circuit);
        int dim = circuit.Dimension;
        for (int k = 0; k < dim; k++)
        {
            int local = (((k >> 2) & 1) << 1) | (k & 1); // |a b> with a = wire 2, b = wire 0
            var s = states.AsSpan(k * 2 * dim, 2 * dim);
            Assert.Equal(phaseRe[local], s[2 * k], 14);
            Assert.Equal(phaseIm[local], s[(2 * k) + 1], 14);
        }
    }

    [Theory]
    [ManagedBackend]
    [IlgpuCpuBackend]
    public void A_controlled_matrix_cnot_acts_only_where_the_control_wire_is_one(string backendName)
    {
        // Toffoli written as a controlled two-wire matrix: control wire 1, then CNOT(3 -> 0).
        var circuit = new CircuitBuilder(4).Unitary(3, 0, CnotFirstControls, [1]).Build();
        var states = RunOnEveryBasisState(backendName, circuit);
        int dim = circuit.Dimension;
        for (int k = 0; k < dim; k++)
        {
            int expected = ((k >> 1) & 1) == 1 && ((k >> 3) & 1) == 1 ? k ^ 1 : k;
            Assert.Equal(1.0, states[(k * 2 * dim) + (2 * expected)], 14);
        }
    }

    private static double SumOfSquares(ReadOnlySpan<double> s)
    {
        double acc = 0;
        foreach (double v in s)
        {
            acc += v * v;
        }

        return acc;
    }
}
