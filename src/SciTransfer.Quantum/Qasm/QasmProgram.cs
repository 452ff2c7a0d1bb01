using SciTransfer.Quantum.Simulation;

namespace SciTransfer.Quantum.Qasm;

/// <summary>
/// A parsed OpenQASM 2 circuit: the simulator's circuit, its trainable parameters (named identifiers in angle
/// expressions, or every literal angle when read with <c>angleParameters</c>) and their starting values.
/// Wires are the qregs concatenated in declaration order; q[0] of the first qreg is wire 0 (bit 0, little-endian,
/// as in Qiskit).
/// </summary>
/// <param name="Circuit">The circuit (no data slots).</param>
/// <param name="ParameterNames">Name of trainable parameter k.</param>
/// <param name="InitialParameters">Starting values: 0 for named parameters, the written value for literal angles.</param>
/// <param name="Registers">Quantum registers: name, first wire, size.</param>
public sealed record QasmProgram(
    CompiledCircuit Circuit,
    IReadOnlyList<string> ParameterNames,
    double[] InitialParameters,
    IReadOnlyList<(string Name, int Offset, int Size)> Registers);
