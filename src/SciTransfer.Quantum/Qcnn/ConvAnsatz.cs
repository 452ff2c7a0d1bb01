using SciTransfer.Quantum.Simulation;

namespace SciTransfer.Quantum.Qcnn;

/// <summary>
/// Two-wire convolution blocks of the Hur-Kim-Park QCNN family (arXiv 2108.00661; their code's unitary.py). The numbered
/// blocks are circuits of Sim et al. (arXiv 1905.10876) restricted to two wires. Each block acts on wires (a, b).
/// </summary>
public enum ConvAnsatz
{
    /// <summary>U_TTN: RY(a), RY(b), CNOT(a->b) (2 parameters).</summary>
    Ttn,
    /// <summary>U_SO4: (RY(a), RY(b), CNOT(a->b)) x 2 then RY(a), RY(b) (6 parameters).</summary>
    So4,
    /// <summary>U_SU4: U3, U3, CNOT(a->b), RY(a), RZ(b), CNOT(b->a), RY(a), CNOT(a->b), U3, U3 (15 parameters).</summary>
    Su4,
    /// <summary>U_5: RX, RX, RZ, RZ, CRZ(b->a), CRZ(a->b), RX, RX, RZ, RZ (10 parameters).</summary>
    U5,
    /// <summary>U_6: as U_5 with CRX instead of CRZ (10 parameters).</summary>
    U6,
    /// <summary>U_9: H(a), H(b), CZ(a,b), RX(a), RX(b) (2 parameters).</summary>
    U9,
    /// <summary>U_13: RY, RY, CRZ(b->a), RY, RY, CRZ(a->b) (6 parameters).</summary>
    U13,
    /// <summary>U_14: as U_13 with CRX instead of CRZ (6 parameters).</summary>
    U14,
    /// <summary>U_15: RY, RY, CNOT(b->a), RY, RY, CNOT(a->b) (4 parameters).</summary>
    U15,
}

/// <summary>Parameter counts, names and gate sequences of <see cref="ConvAnsatz"/> blocks.</summary>
public static class ConvBlocks
{
    /// <summary>Option names, in the order of Hur-Kim-Park's code (their circuits 1..9).</summary>
    public static readonly IReadOnlyList<string> Names = ["ttn", "u5", "u6", "u9", "u13", "u14", "u15", "so4", "su4"];

    /// <summary>Parameters of one block.</summary>
    public static int ParameterCount(ConvAnsatz ansatz) => ansatz switch
    {
        ConvAnsatz.Ttn or ConvAnsatz.U9 => 2,
        ConvAnsatz.U15 => 4,
        ConvAnsatz.So4 or ConvAnsatz.U13 or ConvAnsatz.U14 => 6,
        ConvAnsatz.U5 or ConvAnsatz.U6 => 10,
        ConvAnsatz.Su4 => 15,
        _ => throw new ArgumentOutOfRangeException(nameof(ansatz), ansatz, "unknown conv block"),
    };

    /// <summary>Parses an option name of <see cref="Names"/>.</summary>
    public static ConvAnsatz Parse(string name) => name switch
    {
        "ttn" => ConvAnsatz.Ttn,
        "so4" => ConvAnsatz.So4,
        "su4" => ConvAnsatz.Su4,
        "u5" => ConvAnsatz.U5,
        "u6" => ConvAnsatz.U6,
        "u9" => ConvAnsatz.U9,
        "u13" => ConvAnsatz.U13,
        "u14" => ConvAnsatz.U14,
        "u15" => ConvAnsatz.U15,
        _ => throw new ArgumentException($"unknown conv block '{name}' (expected {string.Join(", ", Names)})", nameof(name)),
    };

    /// <summary>The paper's name: U_TTN, U_SO4, U_SU4, U_5, ..., U_15.</summary>
    public static string DisplayName(ConvAnsatz ansatz) => ansatz switch
    {
        ConvAnsatz.Ttn => "U_TTN",
        ConvAnsatz.So4 => "U_SO4",
        ConvAnsatz.Su4 => "U_SU4",
        _ => "U_" + ansatz.ToString()[1..],
    };

    /// <summary>Appends one block on wires (a, b) using parameters p[0..count).</summary>
    public static void Append(CircuitBuilder c, ConvAnsatz ansatz, ReadOnlySpan<ParamRef> p, int a, int b)
    {
        ArgumentNullException.ThrowIfNull(c);
        switch (ansatz)
        {
            case ConvAnsatz.Ttn:
                c.RY(a, p[0]).RY(b, p[1]).CNOT(a, b);
                break;
            case ConvAnsatz.So4:
                c.RY(a, p[0]).RY(b, p[1]).CNOT(a, b);
                c.RY(a, p[2]).RY(b, p[3]).CNOT(a, b);
                c.RY(a, p[4]).RY(b, p[5]);
                break;
            case ConvAnsatz.Su4:
                c.U3(a, p[0], p[1], p[2]).U3(b, p[3], p[4], p[5]);
                c.CNOT(a, b);
                c.RY(a, p[6]).RZ(b, p[7]);
                c.CNOT(b, a);
                c.RY(a, p[8]);
                c.CNOT(a, b);
                c.U3(a, p[9], p[10], p[11]).U3(b, p[12], p[13], p[14]);
                break;
            case ConvAnsatz.U5:
            case ConvAnsatz.U6:
                c.RX(a, p[0]).RX(b, p[1]).RZ(a, p[2]).RZ(b, p[3]);
                if (ansatz == ConvAnsatz.U5)
                {
                    c.CRZ(b, a, p[4]).CRZ(a, b, p[5]);
                }
                else
                {
                    c.CRX(b, a, p[4]).CRX(a, b, p[5]);
                }

                c.RX(a, p[6]).RX(b, p[7]).RZ(a, p[8]).RZ(b, p[9]);
                break;
            case ConvAnsatz.U9:
                c.H(a).H(b).CZ(a, b).RX(a, p[0]).RX(b, p[1]);
                break;
            case ConvAnsatz.U13:
                c.RY(a, p[0]).RY(b, p[1]).CRZ(b, a, p[2]).RY(a, p[3]).RY(b, p[4]).CRZ(a, b, p[5]);
                break;
            case ConvAnsatz.U14:
                c.RY(a, p[0]).RY(b, p[1]).CRX(b, a, p[2]).RY(a, p[3]).RY(b, p[4]).CRX(a, b, p[5]);
                break;
            case ConvAnsatz.U15:
                c.RY(a, p[0]).RY(b, p[1]).CNOT(b, a).RY(a, p[2]).RY(b, p[3]).CNOT(a, b);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(ansatz), ansatz, "unknown conv block");
        }
    }
}
