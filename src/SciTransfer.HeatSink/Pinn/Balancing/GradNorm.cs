namespace SciTransfer.HeatSink.Pinn.Balancing;

/// <summary>
/// GradNorm (Chen, Badrinarayanan, Lee and Rabinovich 2018). With G_k = w_k ||grad_W L_k|| over the shared weights W
/// (the network's output-layer weights by default: every term shares them, like the paper's last shared layer),
/// L~_k = L_k / L_k(0), r_k = L~_k / mean_j L~_j and the target T_k = mean_j(G_j) r_k^alpha held constant, the
/// weights take one optimiser step (<see cref="AdamVector"/>) on the GradNorm loss sum_k |G_k - T_k|, whose gradient
/// is dL/dw_k = sign(G_k - T_k) ||grad_W L_k||, and are then renormalised to sum_k w_k = K. As in the paper, the
/// network step at t uses w(t) and the new weights w(t+1) apply from the next step. Terms that train slower (larger
/// r_k) or have smaller gradients get larger weights.
/// </summary>
public sealed class GradNorm : ILossBalancer
{
    // Weights never reach zero: a zero weight would remove its term for good (G_k = 0 whatever its loss).
    private const double Floor = 1e-6;

    private readonly double[] _w;
    private readonly double[] _next;
    private readonly double[] _initial;
    private readonly double _alpha;
    private readonly AdamVector _optimizer;
    private readonly int _sharedOffset;
    private readonly int _sharedLength;
    private bool _started;

    /// <summary>
    /// Creates the scheme with asymmetry <paramref name="alpha"/> and weight learning rate; W is the slice
    /// [<paramref name="sharedOffset"/>, +<paramref name="sharedLength"/>) of the flat parameter gradient (length -1: all of it).
    /// </summary>
    public GradNorm(int terms, double alpha = 1.5, double learningRate = 0.025, int sharedOffset = 0, int sharedLength = -1)
    {
        _w = new double[terms];
        Array.Fill(_w, 1.0);
        _next = [.. _w];
        _initial = new double[terms];
        _alpha = alpha;
        _optimizer = new AdamVector(terms, learningRate);
        _sharedOffset = sharedOffset;
        _sharedLength = sharedLength;
    }

    /// <inheritdoc/>
    public string Name => "gradnorm";

    /// <inheritdoc/>
    public IReadOnlyList<double> Weights => _w;

    /// <inheritdoc/>
    public bool NeedsTermGradients(int step) => true;

    /// <inheritdoc/>
    public void Update(int step, ReadOnlySpan<double> losses, IReadOnlyList<double[]>? termGradients)
    {
        ArgumentNullException.ThrowIfNull(termGradients);
        int k = _w.Length;
        if (!_started)
        {
            losses.CopyTo(_initial);
            _started = true;
        }

        // The weights computed at the previous step apply from this one.
        _next.CopyTo(_w, 0);
        Span<double> norms = stackalloc double[k];
        Span<double> ratio = stackalloc double[k];
        double meanG = 0;
        double meanRatio = 0;
        for (int i = 0; i < k; i++)
        {
            var g = termGradients[i].AsSpan();
            g = _sharedLength < 0 ? g[_sharedOffset..] : g.Slice(_sharedOffset, _sharedLength);
            norms[i] = Math.Sqrt(System.Numerics.Tensors.TensorPrimitives.SumOfSquares(g));
            meanG += _w[i] * norms[i] / k;
            ratio[i] = _initial[i] > 0 ? losses[i] / _initial[i] : 1.0;
            meanRatio += ratio[i] / k;
        }

        Span<double> gradW = stackalloc double[k];
        for (int i = 0; i < k; i++)
        {
            double r = meanRatio > 0 ? ratio[i] / meanRatio : 1.0;
            double target = meanG * Math.Pow(r, _alpha);
            gradW[i] = Math.Sign((_w[i] * norms[i]) - target) * norms[i];
        }

        _w.CopyTo(_next, 0);
        _optimizer.Step(_next, gradW);
        double sum = 0;
        for (int i = 0; i < k; i++)
        {
            _next[i] = Math.Max(Floor, _next[i]);
            sum += _next[i];
        }

        for (int i = 0; i < k; i++)
        {
            _next[i] *= k / sum;
        }
    }
}
