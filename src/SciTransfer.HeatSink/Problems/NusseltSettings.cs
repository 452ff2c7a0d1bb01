using SciTransfer.HeatSink.Data;
using SciTransfer.HeatSink.Models;
using SciTransfer.HeatSink.Pinn.Balancing;
using SciTransfer.Transfer.Options;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.HeatSink.Problems;

/// <summary>Resolved options of the Nusselt problem.</summary>
internal sealed record NusseltSettings
{
    /// <summary>The declared options (docs/heat-sink.md lists them with their meaning).</summary>
    public static OptionSet Declared { get; } = new(
    [
        OptionSpec.Integer("water_points", 87, 2, 1_000_000, "generated water designs (the source; a data table's water rows or water file replace them)"),
        OptionSpec.Integer("pool_size", 48, 1, 1_000_000, "generated sodium designs in the target pool (a data table's split decides the pool instead)"),
        OptionSpec.Integer("test_size", 300, 1, 1_000_000, "generated sodium test designs (a data table's split decides the test set instead)", quick: 100),
        OptionSpec.Integer("prior_points", 64, 0, 1_000_000, "unlabelled sodium designs where the prior is imposed: collocation designs across the pool's range (prior_at = collocation) or generated ones (prior_at = pool, generated data)"),
        OptionSpec.Number("noise", 0.03, 0, 1, "relative (multiplicative) noise of generated Nu"),
        OptionSpec.IntegerList("hidden_layers", [16, 16], 1, 1024, "hidden layer widths of the Nu network") with { NonEmpty = true },
        OptionSpec.Choice("balancing", "uncertainty", LossBalancers.Names, "balancer of the data and prior losses (uncertainty: the seed paper's learnable blend)"),
        OptionSpec.Boolean("learn_prior", true, "learn the sodium prior's coefficients (a + b Pe^c, starting at Lyon 7 + 0.025 Pe^0.8)"),
        OptionSpec.Choice("prior_weight", "bounded", ["bounded", "free"], "uncertainty blend of the sodium fits: learnt variances kept above their floors, the prior's at its misfit on the labelled designs (bounded), or Kendall's unbounded weights (free, the seed paper's blend; can collapse onto one term)"),
        OptionSpec.Choice("prior_at", "collocation", ["collocation", "data", "pool"], "where the prior is imposed: prior_points Latin-hypercube designs across the range of the sodium pool's designs (collocation), the labelled designs only (data, the seed paper's setting) or the labelled plus unlabelled pool designs (pool)"),
        OptionSpec.Integer("source_steps", 3000, 0, 10_000_000, "Adam steps of the water pre-training", quick: 500),
        OptionSpec.Integer("steps", 1500, 0, 10_000_000, "Adam steps on the sodium designs", quick: 250),
        OptionSpec.Number("learning_rate", 3e-3, 1e-7, 1, "Adam learning rate of pre-training, scratch, data-only and oracle"),
        OptionSpec.Number("fine_tune_learning_rate", 1e-3, 1e-7, 1, "Adam learning rate of the fine-tune strategies"),
        OptionSpec.Choice("prior", "lyon", CorrelationCoefficients.PriorNames, "sodium physics prior a + b Pe^c: lyon (7, 0.025, 0.8), seban-shimazaki (5, 0.025, 0.8), skupinski (4.82, 0.0185, 0.827) or fitted-water (least squares on the repeat's water designs); also the correlation baseline and the fitted-correlation start"),
        OptionSpec.Choice("length_unit", "m", NusseltCsv.LengthUnits, "unit of the data table's length columns (dh_U, length_U, width_U with U = m or mm)"),
        SourceModelOption.Spec,
    ]);

    /// <summary>User CFD table with its split (null: generated data).</summary>
    public NusseltTable? Table { get; init; }

    /// <summary>Generated water designs (source).</summary>
    public int WaterPoints { get; init; }

    /// <summary>Sodium designs in the target pool.</summary>
    public int PoolSize { get; init; }

    /// <summary>Sodium test designs.</summary>
    public int TestSize { get; init; }

    /// <summary>Designs where the correlation prior is imposed.</summary>
    public int PriorPoints { get; init; }

    /// <summary>Bound the learnt prior weight by the prior's misfit on the labelled designs (prior_weight = bounded).</summary>
    public bool BoundPriorWeight { get; init; } = true;

    /// <summary>Where the prior is imposed: "collocation", "data" or "pool" (the prior_at option).</summary>
    public string PriorAt { get; init; } = "collocation";

    /// <summary>Relative noise of generated Nu.</summary>
    public double Noise { get; init; }

    /// <summary>Hidden widths.</summary>
    public int[] Hidden { get; init; } = [];

    /// <summary>Balancer of data vs prior.</summary>
    public string Balancing { get; init; } = "uncertainty";

    /// <summary>Learn the sodium prior's coefficients (a + b Pe^c starting at Lyon).</summary>
    public bool LearnPrior { get; init; } = true;

    /// <summary>Name of the sodium prior (lyon, seban-shimazaki, skupinski, fitted-water).</summary>
    public string Prior { get; init; } = "lyon";

    /// <summary>Source training steps.</summary>
    public int SourceSteps { get; init; }

    /// <summary>Target training steps.</summary>
    public int Steps { get; init; }

    /// <summary>Learning rate (source, scratch, data-only, oracle).</summary>
    public double LearningRate { get; init; }

    /// <summary>Learning rate of fine-tuning.</summary>
    public double FineTuneLearningRate { get; init; }

    /// <summary>Reads validated values; loads the data table when the entry has a data block.</summary>
    public static NusseltSettings From(ProblemOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new NusseltSettings
        {
            Table = o.Data is { } block ? NusseltTable.Load(block, o.Text("length_unit"), o.Int("water_points")) : null,
            Prior = o.Text("prior"),
            WaterPoints = o.Int("water_points"),
            PoolSize = o.Int("pool_size"),
            TestSize = o.Int("test_size"),
            PriorPoints = o.Int("prior_points"),
            Noise = o.Number("noise"),
            Hidden = o.IntList("hidden_layers"),
            Balancing = o.Text("balancing"),
            LearnPrior = o.Bool("learn_prior"),
            PriorAt = o.Text("prior_at"),
            BoundPriorWeight = o.Text("prior_weight") == "bounded",
            SourceSteps = o.Int("source_steps"),
            Steps = o.Int("steps"),
            LearningRate = o.Number("learning_rate"),
            FineTuneLearningRate = o.Number("fine_tune_learning_rate"),
        };
    }
}
