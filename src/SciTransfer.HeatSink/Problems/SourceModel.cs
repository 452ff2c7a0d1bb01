using SciTransfer.HeatSink.Nn;
using SciTransfer.HeatSink.Solver;

namespace SciTransfer.HeatSink.Problems;

/// <summary>The pre-trained water network and its case (shared read-only: clone before training).</summary>
/// <param name="Network">Trained network (theta = case offset + u).</param>
/// <param name="Case">Water case it was trained on.</param>
/// <param name="SourceError">Relative L2 error on the water reference.</param>
public sealed record SourceModel(FieldMlp Network, HeatSinkCase Case, double SourceError);
