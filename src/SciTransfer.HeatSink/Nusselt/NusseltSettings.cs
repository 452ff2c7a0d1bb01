namespace SciTransfer.HeatSink.Nusselt;

/// <summary>Resolved options of the Nusselt problem.</summary>
public sealed record NusseltSettings
{
    /// <summary>User CFD table (null: generated data).</summary>
    public string? DataCsv { get; init; }

    /// <summary>Generated water designs (source).</summary>
    public int WaterPoints { get; init; }

    /// <summary>Sodium designs in the target pool.</summary>
    public int PoolSize { get; init; }

    /// <summary>Sodium test designs.</summary>
    public int TestSize { get; init; }

    /// <summary>Designs where the correlation prior is imposed.</summary>
    public int PriorPoints { get; init; }

    /// <summary>Also impose the prior at unlabelled designs (prior_points of them), not only at the labelled ones.</summary>
    public bool PriorAtPool { get; init; }

    /// <summary>Relative noise of generated Nu.</summary>
    public double Noise { get; init; }

    /// <summary>Hidden widths.</summary>
    public int[] Hidden { get; init; } = [];

    /// <summary>Balancer of data vs prior.</summary>
    public string Balancing { get; init; } = "uncertainty";

    /// <summary>Learn the sodium prior's coefficients (a + b Pe^c starting at Lyon).</summary>
    public bool LearnPrior { get; init; } = true;

    /// <summary>Source training steps.</summary>
    public int SourceSteps { get; init; }

    /// <summary>Target training steps.</summary>
    public int Steps { get; init; }

    /// <summary>Learning rate (source, scratch, data-only, oracle).</summary>
    public double LearningRate { get; init; }

    /// <summary>Learning rate of fine-tuning.</summary>
    public double FineTuneLearningRate { get; init; }
}
