namespace SciTransfer.HeatSink.Solver;

/// <summary>
/// A uniform cell-centred grid over [0, Lx] x [0, Ly] with a mask of solid cells (any union of
/// cells: the fin/base symmetry cell is an L shape). Cell (i, j) has centre ((i+0.5)dx, (j+0.5)dy);
/// storage is row-major with row j = 0 at y = 0.
/// </summary>
public sealed class FvGrid
{
    private readonly bool[] _solid;
    private readonly int[] _unknown;

    /// <summary>Creates the grid; <paramref name="isSolid"/> is asked at each cell centre (x, y).</summary>
    public FvGrid(double lengthX, double lengthY, int nx, int ny, Func<double, double, bool> isSolid)
    {
        ArgumentNullException.ThrowIfNull(isSolid);
        if (nx < 1 || ny < 1 || !(lengthX > 0) || !(lengthY > 0))
        {
            throw new ArgumentException($"FvGrid: need positive sizes, got {lengthX}x{lengthY} with {nx}x{ny} cells");
        }

        LengthX = lengthX;
        LengthY = lengthY;
        Nx = nx;
        Ny = ny;
        Dx = lengthX / nx;
        Dy = lengthY / ny;
        _solid = new bool[nx * ny];
        _unknown = new int[nx * ny];
        int count = 0;
        for (int j = 0; j < ny; j++)
        {
            for (int i = 0; i < nx; i++)
            {
                int c = (j * nx) + i;
                _solid[c] = isSolid(CentreX(i), CentreY(j));
                _unknown[c] = _solid[c] ? count++ : -1;
            }
        }

        SolidCount = count;
    }

    /// <summary>Box width.</summary>
    public double LengthX { get; }

    /// <summary>Box height.</summary>
    public double LengthY { get; }

    /// <summary>Cells along x.</summary>
    public int Nx { get; }

    /// <summary>Cells along y.</summary>
    public int Ny { get; }

    /// <summary>Cell width.</summary>
    public double Dx { get; }

    /// <summary>Cell height.</summary>
    public double Dy { get; }

    /// <summary>Number of solid cells (unknowns).</summary>
    public int SolidCount { get; }

    /// <summary>Centre x of column i.</summary>
    public double CentreX(int i) => (i + 0.5) * Dx;

    /// <summary>Centre y of row j.</summary>
    public double CentreY(int j) => (j + 0.5) * Dy;

    /// <summary>True when cell (i, j) exists and is solid.</summary>
    public bool IsSolid(int i, int j) => i >= 0 && j >= 0 && i < Nx && j < Ny && _solid[(j * Nx) + i];

    /// <summary>Unknown index of cell (i, j), or -1 outside the solid.</summary>
    public int Unknown(int i, int j) => IsSolid(i, j) ? _unknown[(j * Nx) + i] : -1;
}
