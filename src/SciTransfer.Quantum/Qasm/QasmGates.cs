using SciTransfer.Quantum.Simulation;

namespace SciTransfer.Quantum.Qasm;

/// <summary>
/// A qelib1.inc gate as the simulator's gate: <paramref name="Kind"/> with <paramref name="Controls"/> leading
/// control wires (the first listed qubits), then 1 or 2 targets. U-family gates use the simulator's U3 matrix
/// [[c, -e^{i lambda} s], [e^{i phi} s, e^{i(phi+lambda)} c]] (Qiskit's u3), so cu3 is controlled U3 with that phase.
/// </summary>
/// <param name="Kind">Simulator gate, or null for the identity (id, u0).</param>
/// <param name="Parameters">Angles the QASM gate takes.</param>
/// <param name="Controls">Leading control qubits.</param>
/// <param name="Targets">Target qubits after the controls.</param>
internal sealed record QasmGate(GateKind? Kind, int Parameters, int Controls, int Targets)
{
    /// <summary>Qubits the gate takes.</summary>
    public int Qubits => Controls + Targets;

    /// <summary>The qelib1.inc gates the simulator runs natively (plus ryy and p as common aliases).</summary>
    public static IReadOnlyDictionary<string, QasmGate> Table { get; } = new Dictionary<string, QasmGate>(StringComparer.Ordinal)
    {
        ["id"] = new(null, 0, 0, 1),
        ["u0"] = new(null, 1, 0, 1),
        ["x"] = new(GateKind.X, 0, 0, 1),
        ["y"] = new(GateKind.Y, 0, 0, 1),
        ["z"] = new(GateKind.Z, 0, 0, 1),
        ["h"] = new(GateKind.H, 0, 0, 1),
        ["s"] = new(GateKind.S, 0, 0, 1),
        ["sdg"] = new(GateKind.Sdg, 0, 0, 1),
        ["t"] = new(GateKind.T, 0, 0, 1),
        ["tdg"] = new(GateKind.Tdg, 0, 0, 1),
        ["rx"] = new(GateKind.RX, 1, 0, 1),
        ["ry"] = new(GateKind.RY, 1, 0, 1),
        ["rz"] = new(GateKind.RZ, 1, 0, 1),
        ["u1"] = new(GateKind.Phase, 1, 0, 1),
        ["p"] = new(GateKind.Phase, 1, 0, 1),
        ["u2"] = new(GateKind.U3, 2, 0, 1),
        ["u3"] = new(GateKind.U3, 3, 0, 1),
        ["u"] = new(GateKind.U3, 3, 0, 1),
        ["U"] = new(GateKind.U3, 3, 0, 1),
        ["CX"] = new(GateKind.X, 0, 1, 1),
        ["cx"] = new(GateKind.X, 0, 1, 1),
        ["cy"] = new(GateKind.Y, 0, 1, 1),
        ["cz"] = new(GateKind.Z, 0, 1, 1),
        ["ch"] = new(GateKind.H, 0, 1, 1),
        ["crx"] = new(GateKind.RX, 1, 1, 1),
        ["cry"] = new(GateKind.RY, 1, 1, 1),
        ["crz"] = new(GateKind.RZ, 1, 1, 1),
        ["cu1"] = new(GateKind.Phase, 1, 1, 1),
        ["cp"] = new(GateKind.Phase, 1, 1, 1),
        ["cu3"] = new(GateKind.U3, 3, 1, 1),
        ["ccx"] = new(GateKind.X, 0, 2, 1),
        ["swap"] = new(GateKind.Swap, 0, 0, 2),
        ["cswap"] = new(GateKind.Swap, 0, 1, 2),
        ["rxx"] = new(GateKind.IsingXX, 1, 0, 2),
        ["ryy"] = new(GateKind.IsingYY, 1, 0, 2),
        ["rzz"] = new(GateKind.IsingZZ, 1, 0, 2),
    };
}
