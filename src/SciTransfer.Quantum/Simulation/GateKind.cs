using System.Runtime.CompilerServices;

namespace SciTransfer.Quantum.Simulation;

/// <summary>
/// Gate families. Controlled forms (CNOT = controlled X, CZ, CRX/CRY/CRZ, Toffoli...) are the same
/// kinds with a control mask on <see cref="GateOp"/>. Rotations follow R_P(theta) = exp(-i theta P / 2),
/// Ising gates exp(-i phi P(x)P / 2).
/// </summary>
public enum GateKind
{
    /// <summary>Pauli X (controlled: CNOT, Toffoli).</summary>
    X,
    /// <summary>Pauli Y.</summary>
    Y,
    /// <summary>Pauli Z (controlled: CZ).</summary>
    Z,
    /// <summary>Hadamard.</summary>
    H,
    /// <summary>Phase gate diag(1, i).</summary>
    S,
    /// <summary>S dagger.</summary>
    Sdg,
    /// <summary>T = diag(1, e^{i pi/4}).</summary>
    T,
    /// <summary>T dagger.</summary>
    Tdg,
    /// <summary>RX(theta) = exp(-i theta X/2); one angle.</summary>
    RX,
    /// <summary>RY(theta) = exp(-i theta Y/2); one angle.</summary>
    RY,
    /// <summary>RZ(theta) = exp(-i theta Z/2); one angle.</summary>
    RZ,
    /// <summary>Phase shift diag(1, e^{i phi}); one angle.</summary>
    Phase,
    /// <summary>U3(theta, phi, lambda) = [[cos, -e^{i lambda} sin], [e^{i phi} sin, e^{i(phi+lambda)} cos]] of theta/2; three angles.</summary>
    U3,
    /// <summary>Arbitrary 2x2 unitary given as a matrix.</summary>
    Unitary1,
    /// <summary>SWAP of two wires.</summary>
    Swap,
    /// <summary>IsingXX(phi) = exp(-i phi X(x)X / 2).</summary>
    IsingXX,
    /// <summary>IsingYY(phi) = exp(-i phi Y(x)Y / 2).</summary>
    IsingYY,
    /// <summary>IsingZZ(phi) = exp(-i phi Z(x)Z / 2).</summary>
    IsingZZ,
    /// <summary>Arbitrary 4x4 unitary given as a matrix.</summary>
    Unitary2,
}

/// <summary>Facts about gate kinds used by builders and kernels.</summary>
public static class GateKinds
{
    /// <summary>Number of wires the gate acts on (controls not counted).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Arity(GateKind kind) => kind is GateKind.Swap or GateKind.IsingXX or GateKind.IsingYY
        or GateKind.IsingZZ or GateKind.Unitary2 ? 2 : 1;

    /// <summary>Number of angles the gate takes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int AngleCount(GateKind kind) => kind switch
    {
        GateKind.RX or GateKind.RY or GateKind.RZ or GateKind.Phase => 1,
        GateKind.IsingXX or GateKind.IsingYY or GateKind.IsingZZ => 1,
        GateKind.U3 => 3,
        _ => 0,
    };
}
