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

    /// <summary>
    /// The label-free metrics of a classifier (e.g. iw_source_accuracy: importance-weighted accuracy on held-out source
    /// samples), given its predicted labels of any set; empty where the problem has no held-out source samples.
    /// </summary>
    IReadOnlyDictionary<string, double> LabelFreeMetrics(Func<LabelledSet, int[]> classify);
}
