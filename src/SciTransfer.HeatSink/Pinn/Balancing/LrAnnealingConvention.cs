namespace SciTransfer.HeatSink.Pinn.Balancing;

/// <summary>
/// Which estimator of Wang, Teng and Perdikaris's learning-rate annealing to use. The paper's text and the authors'
/// code (GradientPathologiesPINNs, Helmholtz2D_model_tf.py) differ, and the difference matters: the fixed point of
/// <see cref="Authors"/> is the square root of the fixed point of <see cref="Ratio"/>.
/// </summary>
public enum LrAnnealingConvention
{
    /// <summary>
    /// The authors' code (default): lambda_hat = max|grad_theta L_ref| / mean|grad_theta (lambda L_k)|, the max over
    /// the entries of every weight matrix and the mean being the mean over weight matrices of each matrix's mean |.|;
    /// biases are left out. The current lambda sits inside the gradient, so the fixed point is
    /// lambda = sqrt(max / mean). Config value "authors".
    /// </summary>
    Authors,

    /// <summary>
    /// The formula as the paper's text writes it: lambda_hat = max|grad_theta L_ref| / mean|grad_theta L_k| over every
    /// parameter (biases included), without lambda; fixed point lambda = max / mean. The only rule before issue 16
    /// item 3. Config value "ratio".
    /// </summary>
    Ratio,
}

/// <summary>Config names of <see cref="LrAnnealingConvention"/>.</summary>
public static class LrAnnealingConventions
{
    /// <summary>Config values, default first.</summary>
    public static IReadOnlyList<string> Names { get; } = ["authors", "ratio"];

    /// <summary>Parses a config value (one of <see cref="Names"/>).</summary>
    public static LrAnnealingConvention Parse(string name) => name switch
    {
        "authors" => LrAnnealingConvention.Authors,
        "ratio" => LrAnnealingConvention.Ratio,
        _ => throw new ArgumentException($"lr_annealing: unknown convention '{name}' (known: {string.Join(", ", Names)})"),
    };
}
