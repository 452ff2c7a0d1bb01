using SciTransfer.Quantum.Models;

namespace SciTransfer.Quantum.Problems;

/// <summary>One repeat's data: source training set, target pool and fixed target test set.</summary>
/// <param name="Source">Source training set.</param>
/// <param name="Pool">Target pool (subsets are prefixes of the runner's permutation).</param>
/// <param name="Test">Target test set.</param>
/// <param name="SourceValidation">Held-out labelled source samples for the label-free metric iw_source_accuracy (null: the problem has none).</param>
internal sealed record DomainSplit(LabelledSet Source, LabelledSet Pool, LabelledSet Test, LabelledSet? SourceValidation = null);
