using SciTransfer.HeatSink.Nn;
using SciTransfer.HeatSink.Solver;

namespace SciTransfer.HeatSink.Models;

/// <summary>
/// The pre-trained water PINN of the water -> sodium problems and the case it was trained on: the source model
/// every transfer strategy starts from (shared read-only across cells: clone the network before training it).
/// </summary>
/// <param name="Network">Trained network (theta = case offset + u).</param>
/// <param name="Case">Water case it was trained on.</param>
/// <param name="SourceError">Relative L2 error on the water reference.</param>
internal sealed record WaterModel(FieldMlp Network, HeatSinkCase Case, double SourceError);
