using System.Text.Json;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Transfer.Tests.Cluster;

/// <summary>
/// <see cref="SpyProblem"/> with a declared cost per strategy and a chosen <see cref="ITransferProblem.CachesSource"/>,
/// for shard planning and cluster pipeline tests.
/// </summary>
internal sealed class ClusterSpy(string name, bool cachesSource, Func<string, CostClass> cost) : ITransferProblem
{
    public SpyProblem Inner { get; } = new(name);

    public string Name => name;

    public string Description => Inner.Description;

    public string ScarcityAxis => Inner.ScarcityAxis;

    public IReadOnlyList<MetricInfo> Metrics => Inner.Metrics;

    public IReadOnlyList<IStrategy> Strategies => Inner.Strategies;

    public IReadOnlyList<int> DefaultSizes => Inner.DefaultSizes;

    public int? MaxTargetSize => Inner.MaxTargetSize;

    public bool CachesSource => cachesSource;

    public CostClass CellCost(string strategy) => cost(strategy);

    public ProblemInstance Create(ProblemContext context) => Inner.Create(context);

    /// <summary>A study of the given problems (config JSON with "problem" names matching theirs).</summary>
    public static StudyConfig Study(string json, string file, params ITransferProblem[] problems)
    {
        var catalog = new ProblemCatalog([new TestModule([.. problems.Select(p => (IProblemFactory)new FixedFactory(p))])]);
        using var doc = JsonDocument.Parse(json);
        return StudyConfigLoader.Parse(file, doc.RootElement, catalog, new ProblemSettings());
    }
}
