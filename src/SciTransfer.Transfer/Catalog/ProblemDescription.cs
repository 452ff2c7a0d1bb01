using SciTransfer.Transfer.Options;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.Transfer.Catalog;

/// <summary>A registered problem as the catalogue shows it: the factory's declarations plus the problem built with default options.</summary>
/// <param name="Factory">The registration.</param>
/// <param name="Defaults">The problem with every option at its default (metrics, strategies, sizes); null when defaults alone cannot build it.</param>
/// <param name="Why">Why <paramref name="Defaults"/> is null.</param>
public sealed record ProblemDescription(IProblemFactory Factory, ITransferProblem? Defaults, string? Why)
{
    /// <summary>Describes every problem of <paramref name="catalog"/>, in registration order.</summary>
    public static IReadOnlyList<ProblemDescription> All(ProblemCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return [.. catalog.Modules.SelectMany(m => m.Problems).Select(Of)];
    }

    /// <summary>Describes one factory.</summary>
    public static ProblemDescription Of(IProblemFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        try
        {
            return new(factory, factory.Create(ProblemOptions.Defaults(factory.Options), new ProblemSettings()), null);
        }
        catch (Exception e) when (e is Errors.ConfigException or Errors.DataFormatException or IOException)
        {
            return new(factory, null, e.Message);
        }
    }
}
