using SciTransfer.HeatSink.Nn;
using SciTransfer.HeatSink.Solver;

namespace SciTransfer.HeatSink.Pinn;

/// <summary>
/// Scores a network against the reference solver at the solid cell centres: relative L2 error of theta
/// and the peak temperature. Read-only after construction (safe to share between threads).
/// </summary>
public sealed class FieldProbe
{
    /// <summary>Uses every solid cell centre of <paramref name="reference"/>.</summary>
    public FieldProbe(ThermalResult reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        Reference = reference;
        var grid = reference.Field.Grid;
        var pts = new List<double>();
        var vals = new List<double>();
        for (int j = 0; j < grid.Ny; j++)
        {
            for (int i = 0; i < grid.Nx; i++)
            {
                if (grid.IsSolid(i, j))
                {
                    pts.Add(grid.CentreX(i));
                    pts.Add(grid.CentreY(j));
                    vals.Add(reference.Field.At(i, j));
                }
            }
        }

        Points = [.. pts];
        Theta = [.. vals];
        PeakTheta = Theta.Max();
    }

    /// <summary>
    /// Scores at given <paramref name="points"/> (N x 2, units of l) against given <paramref name="theta"/> (length N):
    /// a measured reference field or held-out sensors. <paramref name="model"/> is the finite-volume solution of the
    /// configured case (the fv-model baseline samples it), not the truth.
    /// </summary>
    public FieldProbe(ThermalResult model, double[] points, double[] theta)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(theta);
        if (points.Length != 2 * theta.Length || theta.Length == 0)
        {
            throw new ArgumentException($"FieldProbe: {points.Length} point coordinates for {theta.Length} values (need 2 per value, at least one)");
        }

        Reference = model;
        Points = points;
        Theta = theta;
        PeakTheta = Theta.Max();
    }

    /// <summary>The reference solution (for a probe at given points: the finite-volume solution of the configured case).</summary>
    public ThermalResult Reference { get; }

    /// <summary>Cell centres, N x 2.</summary>
    public double[] Points { get; }

    /// <summary>Reference theta at the centres.</summary>
    public double[] Theta { get; }

    /// <summary>Maximum reference theta over the centres.</summary>
    public double PeakTheta { get; }

    /// <summary>theta = O + S u at the probe points for the output scaling of <paramref name="task"/>.</summary>
    public double[] Predict(FieldMlp net, PinnTask task)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(task);
        var ws = new MlpWorkspace();
        net.Forward(Points, Theta.Length, DerivativeOrder.Value, ws);
        var p = new double[Theta.Length];
        for (int i = 0; i < p.Length; i++)
        {
            p[i] = task.Theta(ws.Output[i]);
        }

        return p;
    }

    /// <summary>theta of <paramref name="field"/>(x, y) at the probe points (e.g. the finite-volume solution's bilinear sample).</summary>
    public double[] Predict(Func<double, double, double> field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var p = new double[Theta.Length];
        for (int i = 0; i < p.Length; i++)
        {
            p[i] = field(Points[2 * i], Points[(2 * i) + 1]);
        }

        return p;
    }

    /// <summary>Root mean squared error of a prediction at the probe points, in theta.</summary>
    public double Rmse(ReadOnlySpan<double> predicted)
    {
        double se = 0;
        for (int i = 0; i < Theta.Length; i++)
        {
            double e = predicted[i] - Theta[i];
            se += e * e;
        }

        return Math.Sqrt(se / Theta.Length);
    }

    /// <summary>Relative L2 error ||theta_net - theta_ref|| / ||theta_ref||.</summary>
    public double RelativeL2(FieldMlp net, PinnTask task) => RelativeL2(Predict(net, task));

    /// <summary>Relative L2 error of a prediction at the probe points.</summary>
    public double RelativeL2(ReadOnlySpan<double> predicted)
    {
        double num = 0;
        double den = 0;
        for (int i = 0; i < Theta.Length; i++)
        {
            double e = predicted[i] - Theta[i];
            num += e * e;
            den += Theta[i] * Theta[i];
        }

        return Math.Sqrt(num / den);
    }

    /// <summary>|peak(prediction) - peak(reference)| / peak(reference), in percent.</summary>
    public double PeakErrorPercent(ReadOnlySpan<double> predicted)
    {
        double max = double.NegativeInfinity;
        foreach (double v in predicted)
        {
            max = Math.Max(max, v);
        }

        return 100 * Math.Abs(max - PeakTheta) / PeakTheta;
    }
}
