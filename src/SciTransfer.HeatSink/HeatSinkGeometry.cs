using System.Globalization;

namespace SciTransfer.HeatSink;

/// <summary>Which boundary a point of the symmetry cell lies on.</summary>
public enum BoundaryKind
{
    /// <summary>Not on the boundary.</summary>
    None,

    /// <summary>Heated base, y = 0: d(theta)/dn = -1 (flux in).</summary>
    HeatedBase,

    /// <summary>Symmetry planes x = 0 and x = half pitch: adiabatic.</summary>
    Symmetry,

    /// <summary>Wetted walls (base top between fins, fin side, fin tip): Robin d(theta)/dn = -Bi theta.</summary>
    Wetted,
}

/// <summary>
/// The fin/base symmetry cell in units of the reference length l: a base plate [0, HalfPitch] x
/// [0, BaseThickness] carrying half a fin [0, FinHalfThickness] x [BaseThickness, BaseThickness + FinHeight].
/// x = 0 is the fin's mid-plane, x = HalfPitch the mid-plane of the channel between fins.
/// </summary>
/// <param name="HalfPitch">Half the fin pitch (dimensionless).</param>
/// <param name="BaseThickness">Base plate thickness.</param>
/// <param name="FinHalfThickness">Half the fin thickness.</param>
/// <param name="FinHeight">Fin height above the base.</param>
public sealed record HeatSinkGeometry(double HalfPitch, double BaseThickness, double FinHalfThickness, double FinHeight)
{
    /// <summary>The default cell (l = 1 mm): pitch 2 mm, base 0.5 mm, fin 0.5 mm thick and 2 mm tall.</summary>
    public static HeatSinkGeometry Default { get; } = new(1.0, 0.5, 0.25, 2.0);

    /// <summary>Total height of the cell.</summary>
    public double Height => BaseThickness + FinHeight;

    /// <summary>Wetted length of the fin (side + tip).</summary>
    public double FinWettedLength => FinHeight + FinHalfThickness;

    /// <summary>Total wetted length (base top between fins + fin side + tip).</summary>
    public double WettedLength => HalfPitch - FinHalfThickness + FinWettedLength;

    /// <summary>Cross-section area of the solid.</summary>
    public double Area => (HalfPitch * BaseThickness) + (FinHalfThickness * FinHeight);

    /// <summary>Checks the proportions; throws with the offending value.</summary>
    public void Validate()
    {
        if (!(HalfPitch > 0 && BaseThickness > 0 && FinHalfThickness > 0 && FinHeight > 0))
        {
            throw new ArgumentException($"HeatSinkGeometry: all lengths must be positive, got {this}");
        }

        if (!(FinHalfThickness < HalfPitch))
        {
            throw new ArgumentException($"HeatSinkGeometry: fin half thickness {FinHalfThickness} must be below the half pitch {HalfPitch}");
        }
    }

    /// <summary>True inside (or on the boundary of) the solid.</summary>
    public bool Contains(double x, double y) =>
        x >= 0 && y >= 0 && x <= HalfPitch && (y <= BaseThickness || (x <= FinHalfThickness && y <= Height));

    /// <summary>Classifies a boundary face by its centre and outward normal.</summary>
    public BoundaryKind Classify(double x, double y, int normalX, int normalY)
    {
        if (normalY == -1 && y <= 1e-12)
        {
            return BoundaryKind.HeatedBase;
        }

        if ((normalX == -1 && x <= 1e-12) || (normalX == 1 && x >= HalfPitch - 1e-12))
        {
            return BoundaryKind.Symmetry;
        }

        return BoundaryKind.Wetted;
    }

    /// <summary>Cells per unit length that make every length a whole number of cells, starting from <paramref name="atLeast"/>.</summary>
    public int CellsPerUnit(int atLeast)
    {
        for (int c = Math.Max(1, atLeast); c < atLeast + 4096; c++)
        {
            if (IsWhole(HalfPitch * c) && IsWhole(BaseThickness * c) && IsWhole(FinHalfThickness * c) && IsWhole(FinHeight * c))
            {
                return c;
            }
        }

        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"HeatSinkGeometry: no grid of about {atLeast} cells per unit fits {this}"));
    }

    private static bool IsWhole(double v) => Math.Abs(v - Math.Round(v)) < 1e-9;
}
