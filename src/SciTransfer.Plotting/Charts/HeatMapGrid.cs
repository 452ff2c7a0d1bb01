namespace SciTransfer.Plotting.Charts;

/// <summary>A scalar field on a regular grid, as a heat-map chart shows it.</summary>
/// <param name="Id">Identifier named in error messages.</param>
/// <param name="Title">Chart title.</param>
/// <param name="Nx">Grid columns.</param>
/// <param name="Ny">Grid rows.</param>
/// <param name="Values">Row-major values, length Nx*Ny, row 0 at <paramref name="YMin"/>; NaN cells are left blank.</param>
/// <param name="XMin">Left edge.</param>
/// <param name="XMax">Right edge.</param>
/// <param name="YMin">Bottom edge.</param>
/// <param name="YMax">Top edge.</param>
/// <param name="XLabel">X axis title with unit.</param>
/// <param name="YLabel">Y axis title with unit.</param>
/// <param name="ColorLabel">Colour-bar title with unit.</param>
/// <param name="Diverging">True for signed data (a difference): a diverging palette centred at 0.</param>
public sealed record HeatMapGrid(
    string Id,
    string Title,
    int Nx,
    int Ny,
    double[] Values,
    double XMin,
    double XMax,
    double YMin,
    double YMax,
    string XLabel,
    string YLabel,
    string ColorLabel,
    bool Diverging = false);
