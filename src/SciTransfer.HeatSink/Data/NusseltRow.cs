namespace SciTransfer.HeatSink.Data;

/// <summary>One data row of a CFD table.</summary>
/// <param name="Row">Row number in the file (header = 1).</param>
/// <param name="Sample">The design and its Nu.</param>
public readonly record struct NusseltRow(long Row, NusseltSample Sample);
