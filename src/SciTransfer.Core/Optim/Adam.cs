using System.Runtime.CompilerServices;
using SciTransfer.Core.Diagnostics;
using SciTransfer.Core.Nn;

namespace SciTransfer.Core.Optim;

/// <summary>
/// Adam (Kingma &amp; Ba 2015) with bias correction and optional decoupled weight decay (AdamW).
/// Frozen parameters and masked-out elements (<see cref="Parameter.TrainableMask"/>) are left
/// unchanged. Its moment state lives here, never in parameter files.
/// </summary>
public sealed class Adam : IOptimizer
{
    private readonly Parameter[] _params;
    private readonly double[][] _m;
    private readonly double[][] _v;

    /// <summary>Creates the optimizer.</summary>
    public Adam(IEnumerable<Parameter> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double epsilon = 1e-8, double weightDecay = 0.0)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _params = parameters.ToArray();
        _m = _params.Select(p => new double[p.Count]).ToArray();
        _v = _params.Select(p => new double[p.Count]).ToArray();
        LearningRate = learningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
    }

    /// <inheritdoc />
    public double LearningRate { get; set; }

    /// <summary>First-moment decay.</summary>
    public double Beta1 { get; }

    /// <summary>Second-moment decay.</summary>
    public double Beta2 { get; }

    /// <summary>Denominator guard.</summary>
    public double Epsilon { get; }

    /// <summary>Decoupled weight decay factor (0 = plain Adam).</summary>
    public double WeightDecay { get; }

    /// <summary>Optional schedule; when set, <see cref="LearningRate"/> = Schedule.Rate(StepCount) before each step.</summary>
    public LearningRateSchedule? Schedule { get; set; }

    /// <inheritdoc />
    public int StepCount { get; private set; }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Step()
    {
        if (Schedule is not null)
        {
            LearningRate = Schedule.Rate(StepCount);
        }

        long t0 = EngineProfile.Begin();
        StepCount++;
        double bc1 = 1 - Math.Pow(Beta1, StepCount);
        double bc2 = 1 - Math.Pow(Beta2, StepCount);
        double lr = LearningRate, b1 = Beta1, b2 = Beta2, eps = Epsilon, wd = WeightDecay;
        for (int k = 0; k < _params.Length; k++)
        {
            var p = _params[k];
            if (p.Frozen)
            {
                continue;
            }

            Span<double> w = p.Value.Span;
            ReadOnlySpan<double> g = p.Grad.Span;
            ReadOnlySpan<double> mask = p.TrainableMask is { } tm ? tm.Span : default;
            double[] m = _m[k], v = _v[k];
            for (int i = 0; i < w.Length; i++)
            {
                if (!mask.IsEmpty && mask[i] == 0)
                {
                    continue;
                }

                double gi = g[i];
                m[i] = (b1 * m[i]) + ((1 - b1) * gi);
                v[i] = (b2 * v[i]) + ((1 - b2) * gi * gi);
                double update = (m[i] / bc1) / (Math.Sqrt(v[i] / bc2) + eps);
                w[i] -= lr * (update + (wd * w[i]));
            }
        }

        EngineProfile.End(EnginePhase.AdamStep, t0);
    }

    /// <inheritdoc />
    public void ZeroGrad()
    {
        foreach (var p in _params)
        {
            p.ZeroGrad();
        }
    }
}
