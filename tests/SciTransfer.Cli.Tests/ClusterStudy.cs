namespace SciTransfer.Cli.Tests;

/// <summary>The small study the cluster tests submit: 20 cells, two cacheable source models, seconds to run.</summary>
internal static class ClusterStudy
{
    // nusselt: 3 strategies x 2 sizes x 2 repeats = 12 cells, declared Moderate (10) for source-only and fine-tune,
    // Cheap (1) for correlation: 2 x 2 x 21 = 84 units; its source model is cacheable (pre-trained in stage a).
    // linear-shift: 2 x 2 x 2 = 8 Cheap cells = 8 units; its source is not cacheable, so each repeat stays in one shard.
    public const string Json = """
        { "study": "cluster-tiny", "seed": 19, "repeats": 2,
          "problems": [
            { "problem": "heat-sink/nusselt-water-to-sodium", "strategies": ["source-only", "fine-tune", "correlation"], "sizes": [2, 8],
              "options": { "source_steps": 200, "steps": 100, "test_size": 50, "prior_points": 16 } },
            { "problem": "reference/linear-shift", "strategies": ["scratch", "fine-tune"], "sizes": [8, 16],
              "options": { "dimension": 10, "pool_size": 32, "test_size": 100, "source_samples": 100 } } ] }
        """;

    public const double DeclaredUnits = 92;
}
