using SciTransfer.Transfer.Options;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.Transfer.Catalog;

/// <summary>A registered problem as the catalogue shows it: the factory's declarations plus the problem built with default options.</summary>
/// <param name="Factory">The registration.</param>
/// <param name="Defaults">The problem with every option at its default (metrics, strategies, sizes); null when defaults alone cannot build it.</param>
/// <param name="Why">Why <paramref name="Defaults"/> is null.</param>
public sealed record ProblemDescription(IProblemFactory Factory, ITransferProblem? Defaults, string? Why)
{
    /// <summary>
    /// Strategies the problem offers only at some option values: for each choice option and each of its non-default
    /// choices (the other options at their defaults), the strategies that problem offers and the defaults' does not
    /// (e.g. bitfit on a quantum problem with <c>model: classical</c>). Empty when every choice offers the defaults' set.
    /// </summary>
    public IReadOnlyList<OptionStrategies> OptionStrategies { get; init; } = [];

    /// <summary>Every strategy name a config may list for this problem: the defaults' and the option-dependent ones.</summary>
    public IEnumerable<string> AllStrategyNames =>
        (Defaults?.Strategies.Select(s => s.Name) ?? []).Concat(OptionStrategies.SelectMany(o => o.Strategies.Select(s => s.Name))).Distinct(StringComparer.Ordinal);

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
            var defaults = factory.Create(ProblemOptions.Defaults(factory.Options), new ProblemSettings());
            return new(factory, defaults, null) { OptionStrategies = ByOption(factory, defaults) };
        }
        catch (Exception e) when (e is Errors.ConfigException or Errors.DataFormatException or IOException)
        {
            return new(factory, null, e.Message);
        }
    }

    // The strategies each non-default choice adds (other options at their defaults); a choice that cannot be built from
    // defaults alone (it needs a data file, say) is skipped.
    private static List<OptionStrategies> ByOption(IProblemFactory factory, ITransferProblem defaults)
    {
        var offered = defaults.Strategies.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var found = new List<OptionStrategies>();
        foreach (var spec in factory.Options.Where(o => o.Choices is not null))
        {
            foreach (string choice in spec.Choices!.Where(c => !Equals(c, spec.Default)))
            {
                ITransferProblem problem;
                try
                {
                    problem = factory.Create(ProblemOptions.From(factory.Options, new Dictionary<string, object> { [spec.Name] = choice }), new ProblemSettings());
                }
                catch (Exception e) when (e is Errors.ConfigException or Errors.DataFormatException or IOException)
                {
                    continue;
                }

                var extra = problem.Strategies.Where(s => !offered.Contains(s.Name)).ToList();
                if (extra.Count > 0)
                {
                    found.Add(new OptionStrategies(spec.Name, choice, extra));
                }
            }
        }

        return found;
    }
}

/// <summary>Strategies a problem offers when option <paramref name="Option"/> is <paramref name="Value"/> and not at its default.</summary>
/// <param name="Option">The option's name.</param>
/// <param name="Value">The choice.</param>
/// <param name="Strategies">The strategies that choice adds to the defaults' set.</param>
public sealed record OptionStrategies(string Option, string Value, IReadOnlyList<Strategies.IStrategy> Strategies);
