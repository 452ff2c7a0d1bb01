using SciTransfer.Quantum.Simulation;

namespace SciTransfer.Quantum.Qcnn;

/// <summary>
/// Pooling blocks of Hur-Kim-Park's code (unitary.py: Pooling_ansatz1..3), each on (source s -> sink k); s is never
/// used again (deferred measurement: the block stays unitary and differentiable, and tracing s out is the measurement).
/// </summary>
public enum PoolingAnsatz
{
    /// <summary>Pooling_ansatz1: CRZ(p0; s->k), X(s), CRX(p1; s->k) (2 parameters; the default).</summary>
    Zx,
    /// <summary>
    /// Pooling_ansatz2, parameter-free: their code calls CRZ without an angle (which does not run); we use CZ(s, k).
    /// CRZ(pi) = CZ times a phase on s alone, which does not change the kept wires once s is traced out.
    /// </summary>
    Cz,
    /// <summary>Pooling_ansatz3: controlled Rot(phi, theta, omega) = RZ(omega) RY(theta) RZ(phi) on k, control s (3 parameters).</summary>
    CRot,
}

/// <summary>Parameter counts, names and gate sequences of <see cref="PoolingAnsatz"/> blocks.</summary>
public static class PoolingBlocks
{
    /// <summary>Option names.</summary>
    public static readonly IReadOnlyList<string> Names = ["zx", "cz", "crot"];

    /// <summary>Parameters of one block.</summary>
    public static int ParameterCount(PoolingAnsatz ansatz) => ansatz switch
    {
        PoolingAnsatz.Zx => 2,
        PoolingAnsatz.Cz => 0,
        PoolingAnsatz.CRot => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(ansatz), ansatz, "unknown pooling block"),
    };

    /// <summary>Parses "zx", "cz", "crot".</summary>
    public static PoolingAnsatz Parse(string name) => name switch
    {
        "zx" => PoolingAnsatz.Zx,
        "cz" => PoolingAnsatz.Cz,
        "crot" => PoolingAnsatz.CRot,
        _ => throw new ArgumentException($"unknown pooling block '{name}' (expected {string.Join(", ", Names)})", nameof(name)),
    };

    /// <summary>Appends one block on (source -> sink) using parameters p[0..count).</summary>
    public static void Append(CircuitBuilder b, PoolingAnsatz ansatz, ReadOnlySpan<ParamRef> p, int source, int sink)
    {
        ArgumentNullException.ThrowIfNull(b);
        switch (ansatz)
        {
            case PoolingAnsatz.Zx:
                b.CRZ(source, sink, p[0]);
                b.X(source);
                b.CRX(source, sink, p[1]);
                break;
            case PoolingAnsatz.Cz:
                b.CZ(source, sink);
                break;
            case PoolingAnsatz.CRot:
                // Controlled (A B C) = controlled A . controlled B . controlled C, so three controlled rotations are exact.
                b.CRZ(source, sink, p[0]).CRY(source, sink, p[1]).CRZ(source, sink, p[2]);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(ansatz), ansatz, "unknown pooling block");
        }
    }
}
