using SciTransfer.HeatSink.Nn;

namespace SciTransfer.HeatSink.Pinn;

/// <summary>
/// One constraint of a PINN as a residual that is linear in the network's output channels at its points:
/// r_b = Value_b u + GradX_b du/dx + GradY_b du/dy + Lap_b lap(u) + Constant_b. The interior PDE, each boundary
/// condition and the sensor data are all of this form for steady conduction. The term's loss is
/// mean_b(lambda_b r_b^2) with pointwise weights lambda (1 unless self-adaptive weighting moves them).
/// </summary>
public sealed class ResidualSet
{
    /// <summary>Creates an empty-coefficient set over <paramref name="points"/> (row-major N x 2).</summary>
    public ResidualSet(string name, double[] points, DerivativeOrder order)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Length % 2 != 0)
        {
            throw new ArgumentException($"ResidualSet '{name}': points must be (x, y) pairs, got {points.Length} values");
        }

        Name = name;
        Points = points;
        Order = order;
        int n = points.Length / 2;
        Value = new double[n];
        GradX = new double[n];
        GradY = new double[n];
        Lap = new double[n];
        Constant = new double[n];
        PointWeights = new double[n];
        Array.Fill(PointWeights, 1.0);
    }

    /// <summary>Term name: "pde", "base", "symmetry", "robin", "data".</summary>
    public string Name { get; }

    /// <summary>Points, N x 2 row-major.</summary>
    public double[] Points { get; }

    /// <summary>Number of points.</summary>
    public int Count => Points.Length / 2;

    /// <summary>Derivatives the residual needs.</summary>
    public DerivativeOrder Order { get; }

    /// <summary>Coefficient of u.</summary>
    public double[] Value { get; }

    /// <summary>Coefficient of du/dx.</summary>
    public double[] GradX { get; }

    /// <summary>Coefficient of du/dy.</summary>
    public double[] GradY { get; }

    /// <summary>Coefficient of the Laplacian.</summary>
    public double[] Lap { get; }

    /// <summary>Constant term.</summary>
    public double[] Constant { get; }

    /// <summary>Pointwise weights lambda_b (self-adaptive weighting moves them; otherwise 1).</summary>
    public double[] PointWeights { get; }

    /// <summary>
    /// Residuals from a finished forward pass over <see cref="Points"/> (channels as in <see cref="FieldMlp.Forward"/>).
    /// </summary>
    public void Residuals(MlpWorkspace ws, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(ws);
        bool grad = Order != DerivativeOrder.Value;
        bool lap = Order == DerivativeOrder.Laplacian;
        Residuals(ws.Channel(0), grad ? ws.Channel(1) : default, grad ? ws.Channel(2) : default, lap ? ws.Channel(3) : default, destination);
    }

    /// <summary>
    /// Residuals from given values of u, du/dx, du/dy and lap(u) at the points (spans the order does not need
    /// may be empty): lets any function, not only a network, be checked against the constraint.
    /// </summary>
    public void Residuals(ReadOnlySpan<double> u, ReadOnlySpan<double> ux, ReadOnlySpan<double> uy, ReadOnlySpan<double> lap, Span<double> destination)
    {
        int n = Count;
        for (int b = 0; b < n; b++)
        {
            double r = (Value[b] * u[b]) + Constant[b];
            if (Order != DerivativeOrder.Value)
            {
                r += (GradX[b] * ux[b]) + (GradY[b] * uy[b]);
            }

            if (Order == DerivativeOrder.Laplacian)
            {
                r += Lap[b] * lap[b];
            }

            destination[b] = r;
        }
    }

    /// <summary>
    /// Adjoint of scale * mean_b(lambda_b r_b^2) wrt the output channels, written channel-major into <paramref name="adjoint"/>.
    /// </summary>
    public void Adjoint(ReadOnlySpan<double> residuals, double scale, Span<double> adjoint)
    {
        int n = Count;
        adjoint.Clear();
        for (int b = 0; b < n; b++)
        {
            double g = 2.0 * scale * PointWeights[b] * residuals[b] / n;
            adjoint[b] = g * Value[b];
            if (Order != DerivativeOrder.Value)
            {
                adjoint[n + b] = g * GradX[b];
                adjoint[(2 * n) + b] = g * GradY[b];
            }

            if (Order == DerivativeOrder.Laplacian)
            {
                adjoint[(3 * n) + b] = g * Lap[b];
            }
        }
    }
}
