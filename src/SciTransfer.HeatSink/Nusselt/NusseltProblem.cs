using SciTransfer.HeatSink.Pinn.Balancing;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.HeatSink.Nusselt;

/// <summary>
/// "heat-sink/nusselt-water-to-sodium": the seed paper's model problem. A small network predicts the average Nu
/// from (Pe, D_h, aspect ratio, L, W, L/D); trained on water designs (data + Shah-London prior), adapted to n
/// sodium designs (data + Lyon prior, blended by learnable uncertainty weights).
/// </summary>
public sealed class NusseltProblem : ITransferProblem, IProblemFactory
{
    private readonly NusseltSettings? _settings;

    /// <summary>The factory (no settings yet).</summary>
    public NusseltProblem()
    {
    }

    private NusseltProblem(NusseltSettings settings)
    {
        _settings = settings;
    }

    /// <summary>Resolved settings (null on the factory).</summary>
    public NusseltSettings Settings => _settings ?? throw new InvalidOperationException("NusseltProblem: use Create to configure the problem");

    /// <inheritdoc/>
    public string Name => "heat-sink/nusselt-water-to-sodium";

    /// <inheritdoc/>
    public string Description => "Average-Nu network: water CFD designs -> few sodium designs, data + correlation prior with learnable blending";

    /// <inheritdoc/>
    public string ScarcityAxis => "sodium CFD designs";

    /// <inheritdoc/>
    public IReadOnlyList<MetricInfo> Metrics { get; } =
    [
        new("mape", "%", true, "mean absolute percentage error of Nu on sodium test designs"),
        new("rmse", "", true, "root mean squared error of Nu on sodium test designs"),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<string> Strategies { get; } = ["source-only", "scratch", "fine-tune", "fine-tune-fixed", "fine-tune-no-prior", "data-only", "correlation", "oracle"];

    /// <inheritdoc/>
    public IReadOnlyList<int> DefaultSizes { get; } = [0, 2, 4, 8, 16, 32];

    /// <inheritdoc/>
    public ITransferProblem Create(OptionsReader options, ProblemSettings settings)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        bool quick = settings.Quick;
        string csv = options.GetString("data_csv", "");
        int[] hidden = options.GetIntArray("hidden_layers", [16, 16]);
        if (hidden.Length == 0 || hidden.Any(h => h < 1 || h > 1024))
        {
            throw options.Error("hidden_layers", "needs one or more widths between 1 and 1024");
        }

        string balancing = options.GetChoice("balancing", "uncertainty", LossBalancers.Names);
        var s = new NusseltSettings
        {
            DataCsv = csv.Length == 0 ? null : csv,
            WaterPoints = options.GetInt("water_points", 87, 2, 1000000),
            PoolSize = options.GetInt("pool_size", 48, 1, 1000000),
            TestSize = options.GetInt("test_size", quick ? 100 : 300, 1, 1000000),
            PriorPoints = options.GetInt("prior_points", 64, 0, 1000000),
            Noise = options.GetDouble("noise", 0.03, 0, 1),
            Hidden = hidden,
            Balancing = balancing,
            LearnPrior = options.GetBool("learn_prior", true),
            PriorAtPool = options.GetChoice("prior_at", "data", ["data", "pool"]) == "pool",
            SourceSteps = options.GetInt("source_steps", quick ? 500 : 3000, 0, 10000000),
            Steps = options.GetInt("steps", quick ? 250 : 1500, 0, 10000000),
            LearningRate = options.GetDouble("learning_rate", 3e-3, 1e-7, 1),
            FineTuneLearningRate = options.GetDouble("fine_tune_learning_rate", 1e-3, 1e-7, 1),
        };
        return new NusseltProblem(s);
    }

    /// <inheritdoc/>
    public ProblemInstance Create(ProblemContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new NusseltInstance(Settings, context);
    }
}
