using SciTransfer.Core.Random;

namespace SciTransfer.HeatSink.Pinn;

/// <summary>A boundary point with its outward normal and its kind.</summary>
/// <param name="X">x.</param>
/// <param name="Y">y.</param>
/// <param name="NormalX">Outward normal x.</param>
/// <param name="NormalY">Outward normal y.</param>
/// <param name="Kind">Boundary kind.</param>
public readonly record struct BoundaryPoint(double X, double Y, int NormalX, int NormalY, BoundaryKind Kind);

/// <summary>Uniform random collocation points in the symmetry cell and on its boundary segments.</summary>
public static class CollocationSampler
{
    /// <summary>Uniform interior points (rejection from the bounding box), N x 2 row-major.</summary>
    public static double[] Interior(HeatSinkGeometry geometry, int count, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentNullException.ThrowIfNull(rng);
        var pts = new double[2 * count];
        int k = 0;
        while (k < count)
        {
            double x = rng.Uniform(0, geometry.HalfPitch);
            double y = rng.Uniform(0, geometry.Height);
            if (geometry.Contains(x, y))
            {
                pts[2 * k] = x;
                pts[(2 * k) + 1] = y;
                k++;
            }
        }

        return pts;
    }

    /// <summary>
    /// Boundary points of one kind, spread uniformly by length over that kind's segments.
    /// </summary>
    public static List<BoundaryPoint> Boundary(HeatSinkGeometry geometry, BoundaryKind kind, int count, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentNullException.ThrowIfNull(rng);
        var g = geometry;
        // Segments: (x0, y0, x1, y1, nx, ny).
        var segments = kind switch
        {
            BoundaryKind.HeatedBase => new[] { (0.0, 0.0, g.HalfPitch, 0.0, 0, -1) },
            BoundaryKind.Symmetry => new[] { (0.0, 0.0, 0.0, g.Height, -1, 0), (g.HalfPitch, 0.0, g.HalfPitch, g.BaseThickness, 1, 0) },
            BoundaryKind.Wetted => new[]
            {
                (g.FinHalfThickness, g.BaseThickness, g.HalfPitch, g.BaseThickness, 0, 1),
                (g.FinHalfThickness, g.BaseThickness, g.FinHalfThickness, g.Height, 1, 0),
                (0.0, g.Height, g.FinHalfThickness, g.Height, 0, 1),
            },
            _ => throw new ArgumentException($"CollocationSampler.Boundary: no segments for {kind}"),
        };
        double total = segments.Sum(s => Math.Abs(s.Item3 - s.Item1) + Math.Abs(s.Item4 - s.Item2));
        var result = new List<BoundaryPoint>(count);
        for (int k = 0; k < count; k++)
        {
            double t = rng.NextDouble() * total;
            foreach (var (x0, y0, x1, y1, nx, ny) in segments)
            {
                double len = Math.Abs(x1 - x0) + Math.Abs(y1 - y0);
                if (t <= len || (x0, y0, x1, y1) == (segments[^1].Item1, segments[^1].Item2, segments[^1].Item3, segments[^1].Item4))
                {
                    double f = Math.Min(t / len, 1.0);
                    result.Add(new BoundaryPoint(x0 + (f * (x1 - x0)), y0 + (f * (y1 - y0)), nx, ny, kind));
                    break;
                }

                t -= len;
            }
        }

        return result;
    }
}
