namespace SciTransfer.HeatSink.Solver;

/// <summary>A boundary face of the solid: centre, outward unit normal (axis-aligned) and length.</summary>
/// <param name="X">Face centre x.</param>
/// <param name="Y">Face centre y.</param>
/// <param name="NormalX">Outward normal x component (-1, 0 or 1).</param>
/// <param name="NormalY">Outward normal y component (-1, 0 or 1).</param>
/// <param name="Length">Face length.</param>
public readonly record struct BoundaryFace(double X, double Y, int NormalX, int NormalY, double Length);

/// <summary>
/// What happens at a boundary face. Heat leaving the solid through the face (per unit length):
/// q_out = (T_P - Ambient) / (d/(2k) + 1/H) - FluxIn, with d the cell width normal to the face.
/// H = 0: pure flux face (Neumann; FluxIn = 0 is adiabatic). H = +inf: fixed temperature Ambient.
/// </summary>
/// <param name="H">Heat transfer coefficient (0 .. +inf).</param>
/// <param name="Ambient">Fluid (or fixed) temperature.</param>
/// <param name="FluxIn">Imposed heat flux into the solid per unit face length.</param>
public readonly record struct FaceCondition(double H, double Ambient, double FluxIn)
{
    /// <summary>An adiabatic (symmetry) face.</summary>
    public static FaceCondition Adiabatic => new(0, 0, 0);

    /// <summary>An imposed heat flux into the solid.</summary>
    public static FaceCondition Flux(double fluxIn) => new(0, 0, fluxIn);

    /// <summary>A convective (Robin) face.</summary>
    public static FaceCondition Convective(double h, double ambient) => new(h, ambient, 0);

    /// <summary>A fixed temperature (Dirichlet) face.</summary>
    public static FaceCondition Fixed(double temperature) => new(double.PositiveInfinity, temperature, 0);
}
