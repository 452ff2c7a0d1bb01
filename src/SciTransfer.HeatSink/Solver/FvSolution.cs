namespace SciTransfer.HeatSink.Solver;

/// <summary>A solved temperature field on an <see cref="FvGrid"/> with its boundary heat budget.</summary>
public sealed class FvSolution
{
    internal FvSolution(FvGrid grid, double[] cellValues, double heatIn, double heatOut, int iterations)
    {
        Grid = grid;
        CellValues = cellValues;
        HeatIn = heatIn;
        HeatOut = heatOut;
        Iterations = iterations;
    }

    /// <summary>The grid.</summary>
    public FvGrid Grid { get; }

    /// <summary>Temperature per box cell, row-major (Nx*Ny), NaN outside the solid.</summary>
    public double[] CellValues { get; }

    /// <summary>Heat entering: imposed boundary fluxes, volumetric sources and inflow through convective faces.</summary>
    public double HeatIn { get; }

    /// <summary>Heat leaving through convective and fixed-temperature faces.</summary>
    public double HeatOut { get; }

    /// <summary>Conjugate-gradient iterations used.</summary>
    public int Iterations { get; }

    /// <summary>Temperature of cell (i, j) (NaN outside the solid).</summary>
    public double At(int i, int j) => CellValues[(j * Grid.Nx) + i];

    /// <summary>Maximum temperature over solid cells.</summary>
    public double Max()
    {
        double m = double.NegativeInfinity;
        foreach (double v in CellValues)
        {
            if (!double.IsNaN(v) && v > m)
            {
                m = v;
            }
        }

        return m;
    }

    /// <summary>
    /// Bilinear interpolation between cell centres (clamped to the nearest solid cells; near the L-shape's
    /// re-entrant corner missing neighbours are dropped and the weights renormalised).
    /// </summary>
    public double Sample(double x, double y)
    {
        var g = Grid;
        double fx = Math.Clamp((x / g.Dx) - 0.5, 0, g.Nx - 1);
        double fy = Math.Clamp((y / g.Dy) - 0.5, 0, g.Ny - 1);
        int i0 = Math.Min((int)fx, g.Nx - 1);
        int j0 = Math.Min((int)fy, g.Ny - 1);
        double tx = fx - i0;
        double ty = fy - j0;
        double sum = 0;
        double wsum = 0;
        for (int dj = 0; dj <= 1; dj++)
        {
            for (int di = 0; di <= 1; di++)
            {
                int i = Math.Min(i0 + di, g.Nx - 1);
                int j = Math.Min(j0 + dj, g.Ny - 1);
                if (!g.IsSolid(i, j))
                {
                    continue;
                }

                double w = (di == 0 ? 1 - tx : tx) * (dj == 0 ? 1 - ty : ty);
                sum += w * At(i, j);
                wsum += w;
            }
        }

        return wsum > 0 ? sum / wsum : double.NaN;
    }
}
