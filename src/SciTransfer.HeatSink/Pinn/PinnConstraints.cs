using SciTransfer.Core.Random;
using SciTransfer.HeatSink.Nn;

namespace SciTransfer.HeatSink.Pinn;

/// <summary>
/// Builds the residual sets of a <see cref="PinnTask"/>. With theta = O + S u (O = ThetaOffset, S = ThetaScale),
/// in units of the base heat flux, n the outward normal: interior S lap(u); heated base S du/dn - 1 (unit heat in:
/// d(theta)/dn = +1 along the outward normal); symmetry S du/dn; wetted walls
/// S du/dn + Bi (O + S u); sensors u - (theta_obs - O) / S.
/// </summary>
public static class PinnConstraints
{
    /// <summary>Term names in the order <see cref="Build"/> returns them (data last, physics terms only when used).</summary>
    public static IReadOnlyList<string> PhysicsTerms { get; } = ["pde", "base", "symmetry", "robin"];

    /// <summary>Samples collocation points and builds every residual set of the task.</summary>
    public static List<ResidualSet> Build(PinnTask task, int interiorPoints, int boundaryPoints, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(rng);
        var sets = new List<ResidualSet>();
        var g = task.Case.Geometry;
        if (task.UsePhysics)
        {
            sets.Add(Pde(CollocationSampler.Interior(g, interiorPoints, rng), task.ThetaScale));
            sets.Add(Boundary("base", CollocationSampler.Boundary(g, BoundaryKind.HeatedBase, boundaryPoints, rng), task, -1.0, 0.0));
            sets.Add(Boundary("symmetry", CollocationSampler.Boundary(g, BoundaryKind.Symmetry, boundaryPoints, rng), task, 0.0, 0.0));
            sets.Add(Boundary("robin", CollocationSampler.Boundary(g, BoundaryKind.Wetted, boundaryPoints, rng), task, 0.0, task.Case.Biot));
        }

        if (task.Data.Count > 0)
        {
            sets.Add(Data(task.Data, task.ThetaOffset, task.ThetaScale));
        }

        return sets;
    }

    /// <summary>Interior residual S lap(u) at <paramref name="points"/>.</summary>
    public static ResidualSet Pde(double[] points, double thetaScale)
    {
        var set = new ResidualSet("pde", points, DerivativeOrder.Laplacian);
        Array.Fill(set.Lap, thetaScale);
        return set;
    }

    /// <summary>Sensor residual u - (theta - O) / S.</summary>
    public static ResidualSet Data(SensorData data, double thetaOffset, double thetaScale)
    {
        ArgumentNullException.ThrowIfNull(data);
        var set = new ResidualSet("data", [.. data.Points], DerivativeOrder.Value);
        for (int b = 0; b < data.Count; b++)
        {
            set.Value[b] = 1.0;
            set.Constant[b] = -(data.Theta[b] - thetaOffset) / thetaScale;
        }

        return set;
    }

    // Residual S du/dn + Bi (O + S u) + constant.
    private static ResidualSet Boundary(string name, List<BoundaryPoint> points, PinnTask task, double constant, double biot)
    {
        var xy = new double[2 * points.Count];
        for (int b = 0; b < points.Count; b++)
        {
            xy[2 * b] = points[b].X;
            xy[(2 * b) + 1] = points[b].Y;
        }

        var set = new ResidualSet(name, xy, DerivativeOrder.Gradient);
        double s = task.ThetaScale;

        for (int b = 0; b < points.Count; b++)
        {
            set.GradX[b] = s * points[b].NormalX;
            set.GradY[b] = s * points[b].NormalY;
            set.Value[b] = s * biot;
            set.Constant[b] = constant + (biot * task.ThetaOffset);
        }

        return set;
    }
}
