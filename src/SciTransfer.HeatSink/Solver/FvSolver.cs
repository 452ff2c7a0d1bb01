namespace SciTransfer.HeatSink.Solver;

/// <summary>
/// Steady conduction -div(k grad T) = s on the solid cells of an <see cref="FvGrid"/>: 5-point finite
/// volumes, harmonic-mean face conductivity between cells, boundary faces by <see cref="FaceCondition"/>
/// (Robin conductance length/(d/(2k) + 1/h)). The matrix is symmetric positive definite whenever at
/// least one face has H &gt; 0; it is solved by Jacobi-preconditioned conjugate gradients.
/// </summary>
public static class FvSolver
{
    /// <summary>Solves the problem; <paramref name="source"/> is heat per unit area (null: none).</summary>
    /// <param name="grid">Grid and solid mask.</param>
    /// <param name="conductivity">k(x, y) at cell centres (positive).</param>
    /// <param name="source">Volumetric source s(x, y), or null.</param>
    /// <param name="boundary">Condition of each boundary face.</param>
    /// <param name="tolerance">Relative residual of the CG solve.</param>
    public static FvSolution Solve(
        FvGrid grid,
        Func<double, double, double> conductivity,
        Func<double, double, double>? source,
        Func<BoundaryFace, FaceCondition> boundary,
        double tolerance = 1e-12)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(conductivity);
        ArgumentNullException.ThrowIfNull(boundary);
        int n = grid.SolidCount;
        int nx = grid.Nx;
        int ny = grid.Ny;
        var k = new double[nx * ny];
        for (int j = 0; j < ny; j++)
        {
            for (int i = 0; i < nx; i++)
            {
                if (grid.IsSolid(i, j))
                {
                    double kc = conductivity(grid.CentreX(i), grid.CentreY(j));
                    if (!(kc > 0))
                    {
                        throw new ArgumentException($"FvSolver: conductivity must be positive, got {kc} at cell ({i}, {j})");
                    }

                    k[(j * nx) + i] = kc;
                }
            }
        }

        var rowPtr = new int[n + 1];
        var cols = new List<int>(5 * n);
        var vals = new List<double>(5 * n);
        var rhs = new double[n];
        var faces = new List<(int Unknown, double G, double Ambient, double FluxIn)>();
        double sourceTotal = 0;
        ReadOnlySpan<(int Di, int Dj)> directions = [(-1, 0), (1, 0), (0, -1), (0, 1)];
        Span<int> nbCol = stackalloc int[4];
        Span<double> nbVal = stackalloc double[4];
        for (int j = 0; j < ny; j++)
        {
            for (int i = 0; i < nx; i++)
            {
                int p = grid.Unknown(i, j);
                if (p < 0)
                {
                    continue;
                }

                double kp = k[(j * nx) + i];
                double diag = 0;
                int nbCount = 0;
                foreach (var (di, dj) in directions)
                {
                    double len = di != 0 ? grid.Dy : grid.Dx;
                    double dist = di != 0 ? grid.Dx : grid.Dy;
                    int q = grid.Unknown(i + di, j + dj);
                    if (q >= 0)
                    {
                        double kq = k[((j + dj) * nx) + i + di];
                        double kf = 2 * kp * kq / (kp + kq);
                        double g = kf * len / dist;
                        diag += g;
                        nbCol[nbCount] = q;
                        nbVal[nbCount++] = -g;
                        continue;
                    }

                    var face = new BoundaryFace(
                        grid.CentreX(i) + (di * 0.5 * grid.Dx),
                        grid.CentreY(j) + (dj * 0.5 * grid.Dy),
                        di,
                        dj,
                        len);
                    var c = boundary(face);
                    double gB = c.H <= 0 ? 0 : len / ((dist / (2 * kp)) + (double.IsPositiveInfinity(c.H) ? 0 : 1 / c.H));
                    diag += gB;
                    rhs[p] += (gB * c.Ambient) + (c.FluxIn * len);
                    faces.Add((p, gB, c.Ambient, c.FluxIn * len));
                }

                if (source is not null)
                {
                    double s = source(grid.CentreX(i), grid.CentreY(j)) * grid.Dx * grid.Dy;
                    rhs[p] += s;
                    sourceTotal += s;
                }

                // Columns in ascending order: lower neighbours, diagonal, upper neighbours.
                var entries = new List<(int Col, double Val)>(5) { (p, diag) };
                for (int t = 0; t < nbCount; t++)
                {
                    entries.Add((nbCol[t], nbVal[t]));
                }

                entries.Sort((a, b) => a.Col.CompareTo(b.Col));
                foreach (var (col, val) in entries)
                {
                    cols.Add(col);
                    vals.Add(val);
                }

                rowPtr[p + 1] = cols.Count;
            }
        }

        var matrix = new CsrMatrix(n, rowPtr, [.. cols], [.. vals]);
        var x = new double[n];
        int iterations = ConjugateGradient.Solve(matrix, rhs, x, tolerance);
        var field = new double[nx * ny];
        for (int j = 0; j < ny; j++)
        {
            for (int i = 0; i < nx; i++)
            {
                int p = grid.Unknown(i, j);
                field[(j * nx) + i] = p >= 0 ? x[p] : double.NaN;
            }
        }

        double heatIn = Math.Max(sourceTotal, 0);
        double heatOut = Math.Max(-sourceTotal, 0);
        foreach (var (u, g, amb, fluxIn) in faces)
        {
            double q = (g * (x[u] - amb)) - fluxIn;
            if (q >= 0)
            {
                heatOut += q;
            }
            else
            {
                heatIn -= q;
            }
        }

        return new FvSolution(grid, field, heatIn, heatOut, iterations);
    }
}
