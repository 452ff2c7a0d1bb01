using SciTransfer.Transfer.Bench.Engine;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Reference;

namespace SciTransfer.Cli;

/// <summary>The catalog of everything the command can run: the reference problems, every domain module, engine benchmarks.</summary>
public static class Catalog
{
    /// <summary>Builds the catalog.</summary>
    public static ProblemCatalog Create() =>
        new([new ReferenceModule(), .. DomainModules.All], EngineBenchmarks.All);
}
