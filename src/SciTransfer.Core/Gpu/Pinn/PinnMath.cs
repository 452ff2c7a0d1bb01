namespace SciTransfer.Core.Gpu.Pinn;

/// <summary>
/// tanh for the device PINN kernels. ILGPU maps <see cref="Math.Tanh(double)"/> and <see cref="Math.Exp(double)"/>
/// to the CPU accelerator only (its Cuda and OpenCL back ends need libdevice, which the engine does not ship), so
/// the kernels use this one everywhere, on the CPU accelerator too, so CI tests the arithmetic the GPU runs.
/// Same method as <see cref="Kernels.VectorMath"/>'s tanh, with plain multiply-adds instead of explicit FMAs:
/// |x| &lt; 0.625: the Cephes rational form x + x z P(z)/Q(z), z = x^2 (relative error ~2e-16);
/// else 1 - 2 / (e^{2|x|} + 1) with e^y from <see cref="Lstm.DeviceMath.Exp"/> (2^n e^r, e^r by its Taylor series to r^13);
/// |x| &gt; 22 returns +-1 exactly (tanh 22 = 1 - 1.6e-19 rounds to 1). A few ulp against Math.Tanh (tested).
/// </summary>
public static class PinnMath
{
    private const double P0 = -9.64399179425052238628E-1;
    private const double P1 = -9.92877231001918586564E1;
    private const double P2 = -1.61468768441708447952E3;
    private const double Q0 = 1.12811678491632931402E2;
    private const double Q1 = 2.23548839060100448583E3;
    private const double Q2 = 4.84406305325125486048E3;

    /// <summary>tanh(x).</summary>
    public static double Tanh(double x)
    {
        double ax = x < 0 ? -x : x;
        if (ax < 0.625)
        {
            double z = x * x;
            double p = (((P0 * z) + P1) * z) + P2;
            double q = ((((z + Q0) * z) + Q1) * z) + Q2;
            return x + (x * z * (p / q));
        }

        if (!(ax <= 22.0))
        {
            // |x| > 22, or NaN (every comparison with NaN is false): NaN is returned as it came.
            return ax > 22.0 ? (x < 0 ? -1.0 : 1.0) : x;
        }

        double large = 1.0 - (2.0 / (Lstm.DeviceMath.Exp(2.0 * ax) + 1.0));
        return x < 0 ? -large : large;
    }
}
