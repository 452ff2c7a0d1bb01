using SciTransfer.Quantum.Models;

namespace SciTransfer.Quantum.Strategies;

/// <summary>
/// What a classical baseline on the problem's own encoded features needs: the target pool and the fixed target test
/// set as <see cref="LabelledSet"/>s (their <see cref="LabelledSet.Features"/> are what the QCNN angle-encodes, or the
/// classical view of an amplitude-encoded sample).
/// </summary>
public interface IEncodedFeaturesInstance
{
    /// <summary>The target pool; cells' indices point into it.</summary>
    LabelledSet Pool { get; }

    /// <summary>The fixed target test set.</summary>
    LabelledSet Test { get; }
}
