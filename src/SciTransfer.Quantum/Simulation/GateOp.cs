using System.Runtime.CompilerServices;

namespace SciTransfer.Quantum.Simulation;

/// <summary>
/// One gate of a compiled circuit. Qubit k is bit k of the basis index (little-endian).
/// For two-wire gates the 4x4 matrix acts on the local basis |a b> with a the bit of
/// <see cref="Target0"/> (most significant) and b the bit of <see cref="Target1"/>, as in textbooks.
/// The gate acts only on basis states whose <see cref="ControlMask"/> bits are all 1.
/// </summary>
public sealed class GateOp
{
    /// <summary>Creates a gate; use <see cref="CircuitBuilder"/> rather than this directly.</summary>
    public GateOp(GateKind kind, int target0, int target1, long controlMask, ParamRef[] angles, double[]? matrix)
    {
        Kind = kind;
        Target0 = target0;
        Target1 = target1;
        ControlMask = controlMask;
        Angles = angles;
        Matrix = matrix;
    }

    /// <summary>Gate family.</summary>
    public GateKind Kind { get; }

    /// <summary>First (or only) target wire.</summary>
    public int Target0 { get; }

    /// <summary>Second target wire of two-wire gates; -1 otherwise.</summary>
    public int Target1 { get; }

    /// <summary>Bit mask of control wires (0: uncontrolled).</summary>
    public long ControlMask { get; }

    /// <summary>Angle sources, <see cref="GateKinds.AngleCount"/> of them.</summary>
    public ParamRef[] Angles { get; }

    /// <summary>Row-major interleaved complex matrix (8 or 32 doubles) for Unitary1/Unitary2; null otherwise.</summary>
    public double[]? Matrix { get; }

    /// <summary>Number of target wires.</summary>
    public int Arity => Target1 >= 0 ? 2 : 1;

    /// <summary>True when some angle depends on the sample's data.</summary>
    public bool IsDataDependent => Angles.Any(a => a.Source == ParamSource.Data);

    /// <summary>True when some angle is trainable.</summary>
    public bool IsTrainable => Angles.Any(a => a.Source == ParamSource.Trainable);

    /// <summary>Resolves the gate's angles for one sample into <paramref name="destination"/> (length >= 3).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ResolveAngles(ReadOnlySpan<double> parameters, ReadOnlySpan<double> dataRow, Span<double> destination)
    {
        for (int a = 0; a < Angles.Length; a++)
        {
            destination[a] = Angles[a].Resolve(parameters, dataRow);
        }
    }

    /// <summary>Fills the gate's base matrix (without controls) for the resolved angles: 8 or 32 doubles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void FillMatrix(ReadOnlySpan<double> angles, Span<double> destination)
    {
        if (Matrix is not null)
        {
            Matrix.CopyTo(destination);
        }
        else
        {
            GateMatrices.Fill(Kind, angles, destination);
        }
    }
}
