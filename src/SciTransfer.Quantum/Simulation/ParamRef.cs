using System.Runtime.CompilerServices;

namespace SciTransfer.Quantum.Simulation;

/// <summary>Where a gate angle comes from.</summary>
public enum ParamSource
{
    /// <summary>A fixed number (<see cref="ParamRef.Offset"/>).</summary>
    Constant,
    /// <summary>A trainable parameter shared by every sample of a batch.</summary>
    Trainable,
    /// <summary>A per-sample data slot (angle encoding).</summary>
    Data,
}

/// <summary>
/// One gate angle: <c>Scale * source[Index] + Offset</c> (radians), where source is the trainable
/// parameter vector or the sample's data row; constants use only <see cref="Offset"/>.
/// </summary>
public readonly record struct ParamRef(ParamSource Source, int Index, double Scale, double Offset)
{
    /// <summary>A fixed angle.</summary>
    public static ParamRef Const(double value) => new(ParamSource.Constant, -1, 0.0, value);

    /// <summary>Trainable parameter <paramref name="index"/>, times <paramref name="scale"/>.</summary>
    public static ParamRef Param(int index, double scale = 1.0) => new(ParamSource.Trainable, index, scale, 0.0);

    /// <summary>Data slot <paramref name="index"/> of each sample, as <paramref name="scale"/> * x + <paramref name="offset"/>.</summary>
    public static ParamRef Data(int index, double scale = 1.0, double offset = 0.0) => new(ParamSource.Data, index, scale, offset);

    /// <summary>Resolves the angle for one sample.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Resolve(ReadOnlySpan<double> parameters, ReadOnlySpan<double> dataRow) => Source switch
    {
        ParamSource.Trainable => (Scale * parameters[Index]) + Offset,
        ParamSource.Data => (Scale * dataRow[Index]) + Offset,
        _ => Offset,
    };
}
