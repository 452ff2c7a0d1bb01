namespace SciTransfer.HeatSink.Solver;

/// <summary>Finite-volume reference solver for the fin/base symmetry cell (see <see cref="HeatSinkCase"/>).</summary>
public static class HeatSinkSolver
{
    /// <summary>Solves the case on a grid of about <paramref name="cellsPerUnit"/> cells per unit length (adjusted so every length is whole cells).</summary>
    public static ThermalResult Solve(HeatSinkCase heatSinkCase, int cellsPerUnit = 32, double tolerance = 1e-12)
    {
        ArgumentNullException.ThrowIfNull(heatSinkCase);
        var g = heatSinkCase.Geometry;
        g.Validate();
        if (!(heatSinkCase.Biot > 0) || double.IsInfinity(heatSinkCase.Biot))
        {
            throw new ArgumentException($"HeatSinkSolver: Biot number must be positive and finite, got {heatSinkCase.Biot}");
        }

        int c = g.CellsPerUnit(cellsPerUnit);
        var grid = Grid(g, cellsPerUnit);
        double bi = heatSinkCase.Biot;
        var solution = FvSolver.Solve(grid, (_, _) => 1.0, null, f => Condition(g, bi, f), tolerance);

        // Fin heat and root temperature: wetted faces above the base plate; cells of the first fin row.
        double finHeat = 0;
        double rootSum = 0;
        int rootCount = 0;
        int rootRow = (int)Math.Round(g.BaseThickness * c);
        for (int j = 0; j < grid.Ny; j++)
        {
            for (int i = 0; i < grid.Nx; i++)
            {
                if (!grid.IsSolid(i, j))
                {
                    continue;
                }

                double t = solution.At(i, j);
                if (j == rootRow)
                {
                    rootSum += t;
                    rootCount++;
                }

                if (j < rootRow)
                {
                    continue;
                }

                if (!grid.IsSolid(i + 1, j) && i + 1 < grid.Nx)
                {
                    finHeat += t * grid.Dy / ((grid.Dx / 2) + (1 / bi));
                }

                if (!grid.IsSolid(i, j + 1))
                {
                    finHeat += t * grid.Dx / ((grid.Dy / 2) + (1 / bi));
                }
            }
        }

        double rootTheta = rootSum / rootCount;
        double peak = solution.Max();
        double efficiency = finHeat / (bi * g.FinWettedLength * rootTheta);
        return new ThermalResult(heatSinkCase, solution, peak, peak / g.HalfPitch, efficiency, solution.HeatIn, solution.HeatOut);
    }

    /// <summary>The grid <see cref="Solve"/> uses for <paramref name="geometry"/> (whole cells along every length).</summary>
    public static FvGrid Grid(HeatSinkGeometry geometry, int cellsPerUnit = 32)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        int c = geometry.CellsPerUnit(cellsPerUnit);
        return new FvGrid(geometry.HalfPitch, geometry.Height, (int)Math.Round(geometry.HalfPitch * c), (int)Math.Round(geometry.Height * c), geometry.Contains);
    }

    /// <summary>Boundary condition of a face of the cell (dimensionless: k = 1, q'' = 1, T_f = 0, h = Bi).</summary>
    public static FaceCondition Condition(HeatSinkGeometry geometry, double biot, BoundaryFace face)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        return geometry.Classify(face.X, face.Y, face.NormalX, face.NormalY) switch
        {
            BoundaryKind.HeatedBase => FaceCondition.Flux(1.0),
            BoundaryKind.Symmetry => FaceCondition.Adiabatic,
            _ => FaceCondition.Convective(biot, 0.0),
        };
    }
}
