namespace SciTransfer.HeatSink.Models;

/// <summary>
/// The learnable blend of the Nusselt network's data and correlation-prior losses: uncertainty weighting (Kendall,
/// Gal and Cipolla 2018; L = sum_k exp(-s_k) L_k / 2 + s_k / 2, Adam on s_k, w_k = exp(-s_k) / 2) with each
/// log-variance s_k = log sigma_k^2 kept above a floor (projected after every step).
/// <para>
/// Why the floors: at the optimum sigma_k^2 = L_k, so w_data / w_prior = L_prior / L_data. A network with more
/// parameters than points can drive either loss towards zero, and the term that gets there first takes all the
/// weight (the bimodal outcome: per-repeat errors of about the data's 2 % or the prior's 150 %). The floor of the
/// prior is its own error where the truth is known, mean (log Nu_prior - log Nu)^2 over the labelled designs (the
/// prior cannot be trusted more than it fits the data), and the data's floor is a relative error of 1 % in Nu (no
/// CFD table is more accurate), so w_prior &lt;= 1 / (2 misfit) and w_data &lt;= 5000.
/// </para>
/// </summary>
internal sealed class PriorBlend
{
    /// <summary>Floor of the data term's variance (log Nu)^2: a 1 % relative error in Nu.</summary>
    public const double DataVarianceFloor = 1e-4;

    private readonly double[] _s = new double[2];
    private readonly double[] _m = new double[2];
    private readonly double[] _v = new double[2];
    private readonly double[] _w = new double[2];
    private readonly double _lr;
    private int _t;

    /// <summary>Starts at s = 0 (w = 1/2 each), Adam learning rate <paramref name="learningRate"/> on s (Kendall's default here: 1e-2).</summary>
    public PriorBlend(double learningRate = 1e-2)
    {
        _lr = learningRate;
        Recompute();
    }

    /// <summary>Weights (data, prior).</summary>
    public IReadOnlyList<double> Weights => _w;

    /// <summary>Log-variances (data, prior).</summary>
    public IReadOnlyList<double> LogVariances => _s;

    /// <summary>
    /// One Adam step on s from the term losses (data, prior), dL/ds_k = (1 - exp(-s_k) L_k) / 2, then
    /// s_k = max(s_k, log floor_k) with floors (<see cref="DataVarianceFloor"/>, <paramref name="priorVarianceFloor"/>).
    /// </summary>
    /// <param name="dataLoss">Mean squared log-Nu error at the labelled designs.</param>
    /// <param name="priorLoss">Mean squared log-Nu distance to the prior at the prior's designs.</param>
    /// <param name="priorVarianceFloor">The prior's misfit at the labelled designs, mean (log Nu_prior - log Nu)^2 (&gt;= 0).</param>
    public void Update(double dataLoss, double priorLoss, double priorVarianceFloor)
    {
        _t++;
        ReadOnlySpan<double> losses = [dataLoss, priorLoss];
        ReadOnlySpan<double> floors = [DataVarianceFloor, Math.Max(priorVarianceFloor, DataVarianceFloor)];
        for (int k = 0; k < 2; k++)
        {
            double g = 0.5 * (1 - (Math.Exp(-_s[k]) * losses[k]));
            _m[k] = (0.9 * _m[k]) + (0.1 * g);
            _v[k] = (0.999 * _v[k]) + (0.001 * g * g);
            double mh = _m[k] / (1 - Math.Pow(0.9, _t));
            double vh = _v[k] / (1 - Math.Pow(0.999, _t));
            _s[k] = Math.Max(_s[k] - (_lr * mh / (Math.Sqrt(vh) + 1e-8)), Math.Log(floors[k]));
        }

        Recompute();
    }

    private void Recompute()
    {
        for (int k = 0; k < 2; k++)
        {
            _w[k] = 0.5 * Math.Exp(-_s[k]);
        }
    }
}
