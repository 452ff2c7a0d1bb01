using SciTransfer.Quantum.Simulation;

namespace SciTransfer.Quantum.Qcnn;

/// <summary>Two-wire convolution blocks of the Hur-Kim-Park QCNN family (arXiv 2108.00661).</summary>
public enum ConvAnsatz
{
    /// <summary>U_TTN: RY, RY, CNOT (2 parameters).</summary>
    Ttn,
    /// <summary>U_SO4: (RY, RY, CNOT) x 2 then RY, RY (6 parameters).</summary>
    So4,
    /// <summary>U_SU4: U3, U3, CNOT, RY, RZ, CNOT, RY, CNOT, U3, U3 (15 parameters).</summary>
    Su4,
}

/// <summary>Parameter counts and gate sequences of <see cref="ConvAnsatz"/> blocks.</summary>
public static class ConvBlocks
{
    /// <summary>Parameters of one block.</summary>
    public static int ParameterCount(ConvAnsatz ansatz) => ansatz switch
    {
        ConvAnsatz.Ttn => 2,
        ConvAnsatz.So4 => 6,
        _ => 15,
    };

    /// <summary>Parses "ttn", "so4", "su4".</summary>
    public static ConvAnsatz Parse(string name) => name switch
    {
        "ttn" => ConvAnsatz.Ttn,
        "so4" => ConvAnsatz.So4,
        "su4" => ConvAnsatz.Su4,
        _ => throw new ArgumentException($"unknown conv block '{name}' (expected ttn, so4, su4)", nameof(name)),
    };

    /// <summary>Appends one block on wires (a, b) using parameters p[0..count).</summary>
    public static void Append(CircuitBuilder c, ConvAnsatz ansatz, ReadOnlySpan<ParamRef> p, int a, int b)
    {
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
            default:
                c.U3(a, p[0], p[1], p[2]).U3(b, p[3], p[4], p[5]);
                c.CNOT(a, b);
                c.RY(a, p[6]).RZ(b, p[7]);
                c.CNOT(b, a);
                c.RY(a, p[8]);
                c.CNOT(a, b);
                c.U3(a, p[9], p[10], p[11]).U3(b, p[12], p[13], p[14]);
                break;
        }
    }
}
