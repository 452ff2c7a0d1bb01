using SciTransfer.Transfer.Data;
using SciTransfer.Transfer.Options;

namespace SciTransfer.Transfer.Problems;

/// <summary>
/// A registered problem: its declared options (and data files, for problems that read them) and how to build it.
/// Validation, defaults, quick-mode values, <c>list --options</c>, the JSON Schema, <c>init</c> and <c>--set</c> all
/// come from the declarations.
/// </summary>
public interface IProblemFactory
{
    /// <summary>Registered name, e.g. "heat-sink/water-to-sodium".</summary>
    string Name { get; }

    /// <summary>One line: source, target and what is measured.</summary>
    string Summary { get; }

    /// <summary>The options of the entry's <c>"options"</c> object.</summary>
    OptionSet Options { get; }

    /// <summary>The files of the entry's <c>"data"</c> block, or null when the problem reads no files.</summary>
    DataSpec? Data => null;

    /// <summary>
    /// Builds the problem from validated values. Cross-option checks throw through
    /// <see cref="ProblemOptions.Error"/> so the message names the file and JSON path.
    /// </summary>
    ITransferProblem Create(ProblemOptions options, ProblemSettings settings);
}
