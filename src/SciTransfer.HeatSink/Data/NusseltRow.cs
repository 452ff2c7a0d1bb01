namespace SciTransfer.HeatSink.Data;

/// <summary>One data row of a CFD table.</summary>
/// <param name="Row">Physical line in the file (header = 1).</param>
/// <param name="Sample">The design and its Nu (lengths in metres).</param>
/// <param name="Geometry">
/// The channel's group key: the table's <c>geometry</c> column when it has one, else <see cref="NusseltSample.GeometryKey"/>.
/// </param>
public readonly record struct NusseltRow(long Row, NusseltSample Sample, string Geometry);
