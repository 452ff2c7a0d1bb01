using SciTransfer.Core.Random;
using SciTransfer.HeatSink.Nn;

namespace SciTransfer.HeatSink.Pinn;

/// <summary>
/// A label-free estimate of a field model's error on a case: the root of the unit-weight physics loss,
/// sqrt(sum_k mean_b r_kb^2) over the case's physics terms k (interior PDE, heated base, symmetry, Robin walls;
/// <see cref="PinnConstraints"/>) at fresh collocation points drawn once. It reads no temperature: a field that
/// satisfies the case's conduction problem exactly scores 0, and the score grows with the field's departure from it,
/// so it ranks candidate fields of the target case without target labels (the physics is the target's law, not an
/// input-density assumption as in importance-weighted validation). Not in the unit of rel_l2: only its ranking is used.
/// Read-only after construction; <see cref="Of(FieldMlp)"/> is thread-safe (one workspace per call).
/// </summary>
public sealed class PhysicsResidual
{
    /// <summary>Interior points of the default estimate (denser than a training step's, so it is not the loss the fit saw).</summary>
    public const int DefaultInteriorPoints = 2048;

    /// <summary>Points per boundary kind of the default estimate.</summary>
    public const int DefaultBoundaryPoints = 512;

    /// <summary>Draws the collocation points of <paramref name="task"/>'s physics terms (its sensor data is ignored).</summary>
    /// <param name="task">The case whose physics is checked; <see cref="PinnTask.UsePhysics"/> is forced on.</param>
    /// <param name="interiorPoints">Interior points.</param>
    /// <param name="boundaryPoints">Points per boundary kind.</param>
    /// <param name="rng">Draws the points.</param>
    public PhysicsResidual(PinnTask task, int interiorPoints, int boundaryPoints, Rng rng)
        : this(PinnConstraints.Build(PhysicsOnly(task), interiorPoints, boundaryPoints, rng))
    {
    }

    /// <summary>Wraps given physics residual sets (e.g. a manufactured problem's).</summary>
    public PhysicsResidual(IReadOnlyList<ResidualSet> sets)
    {
        ArgumentNullException.ThrowIfNull(sets);
        if (sets.Count == 0 || sets.Any(s => s.Count == 0))
        {
            throw new ArgumentException("PhysicsResidual: needs at least one non-empty residual set");
        }

        Sets = sets;
    }

    private static PinnTask PhysicsOnly(PinnTask task) =>
        (task ?? throw new ArgumentNullException(nameof(task))) with { Data = SensorData.Empty, UsePhysics = true };

    /// <summary>The residual sets (pde, base, symmetry, robin for a case).</summary>
    public IReadOnlyList<ResidualSet> Sets { get; }

    /// <summary>sqrt(sum_k mean_b r_kb^2) of the network's output u (theta = O + S u) at the sets' points.</summary>
    public double Of(FieldMlp net)
    {
        ArgumentNullException.ThrowIfNull(net);
        var ws = new MlpWorkspace();
        double sum = 0;
        foreach (var set in Sets)
        {
            net.Forward(set.Points, set.Count, set.Order, ws);
            var r = new double[set.Count];
            set.Residuals(ws, r);
            sum += MeanSquare(r);
        }

        return Math.Sqrt(sum);
    }

    /// <summary>
    /// The same estimate for any function given as (u, du/dx, du/dy, lap u) at a point (x, y): what
    /// <see cref="Of(FieldMlp)"/> computes, with the derivatives supplied by the caller.
    /// </summary>
    public double Of(Func<double, double, (double U, double Ux, double Uy, double Lap)> field)
    {
        ArgumentNullException.ThrowIfNull(field);
        double sum = 0;
        foreach (var set in Sets)
        {
            int n = set.Count;
            double[] u = new double[n], ux = new double[n], uy = new double[n], lap = new double[n], r = new double[n];
            for (int b = 0; b < n; b++)
            {
                (u[b], ux[b], uy[b], lap[b]) = field(set.Points[2 * b], set.Points[(2 * b) + 1]);
            }

            set.Residuals(u, ux, uy, lap, r);
            sum += MeanSquare(r);
        }

        return Math.Sqrt(sum);
    }

    private static double MeanSquare(ReadOnlySpan<double> r)
    {
        double s = 0;
        foreach (double v in r)
        {
            s += v * v;
        }

        return s / r.Length;
    }
}
