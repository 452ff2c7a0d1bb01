using SciTransfer.Transfer.Problems;

namespace SciTransfer.HeatSink.Problems;

/// <summary>Metric names of the Nusselt problem: the two test errors and the blend's learnt weights per cell.</summary>
internal static class NusseltMetrics
{
    /// <summary>Mean absolute percentage error of Nu on the sodium test designs (%).</summary>
    public const string Mape = "mape";

    /// <summary>Root mean squared error of Nu on the sodium test designs.</summary>
    public const string Rmse = "rmse";

    /// <summary>Final weight of the data term (diagnostic).</summary>
    public const string WeightData = "weight_data";

    /// <summary>Final weight of the correlation-prior term (diagnostic).</summary>
    public const string WeightPrior = "weight_prior";

    /// <summary>Label-free estimate of <see cref="Rmse"/>: importance-weighted RMSE on held-out water designs.</summary>
    public const string IwSourceRmse = "iw_source_rmse";

    /// <summary>The declared metrics, errors first.</summary>
    public static IReadOnlyList<MetricInfo> All { get; } =
    [
        new(Mape, "%", true, "mean absolute percentage error of Nu on sodium test designs"),
        new(Rmse, "", true, "root mean squared error of Nu on sodium test designs"),
        new(WeightData, "", false, "final weight of the data term of the blend that trained the model (uncertainty: exp(-s)/2; fixed: 1); NaN without one", IsDiagnostic: true),
        new(WeightPrior, "", false, "final weight of the correlation-prior term of the blend; NaN where no prior was imposed", IsDiagnostic: true),
        new(IwSourceRmse, "", true, "label-free estimate of rmse: importance-weighted RMSE of Nu on held-out water designs, weights p_sodium(x)/p_water(x) from the design features of the sodium pool (no sodium labels); NaN with a user water table", EstimateOf: Rmse),
    ];
}
