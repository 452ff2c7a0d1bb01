using SciTransfer.Transfer.Config;

namespace SciTransfer.Transfer.Problems;

/// <summary>Creates a problem by name from the "options" object of a study config entry.</summary>
public interface IProblemFactory
{
    /// <summary>Registered name, e.g. "heat-sink/water-to-sodium".</summary>
    string Name { get; }

    /// <summary>
    /// Builds the problem. Read every option through <paramref name="options"/> (which records the
    /// resolved values and rejects unknown keys after this returns); throw
    /// <see cref="Errors.ConfigException"/> via <see cref="OptionsReader.Error"/> for bad values.
    /// </summary>
    ITransferProblem Create(OptionsReader options, ProblemSettings settings);
}
