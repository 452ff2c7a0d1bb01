using ILGPU;

namespace SciTransfer.Core.Gpu.Lstm;

/// <summary>
/// exp, logistic sigmoid and tanh for ILGPU kernels. ILGPU maps <see cref="Math.Exp(double)"/> and
/// <see cref="Math.Tanh(double)"/> on its CPU accelerator only (its Cuda and OpenCL back ends need libdevice /
/// a math library for them), so the device kernels use these: the same algorithm as
/// <see cref="Kernels.VectorMath"/> (exp by n ln2 + r (ln 2 split as in fdlibm, since without fused multiply-adds VectorMath's split loses bits) and the Taylor series of e^r to r^13; tanh by Cephes'
/// rational form below 0.625, else 1 - 2 / (e^{2|x|} + 1)), written with plain multiply-adds and bit casts
/// (<see cref="Interop.FloatAsInt(double)"/>), which every back end compiles. Error: a few ulp against
/// Math.Exp / Math.Tanh (tested), so device results match the CPU engine to far better than 1e-10.
/// </summary>
public static class DeviceMath
{
    private const double Log2E = 1.4426950408889634;
    // fdlibm's split of ln 2: Ln2Hi has 32 trailing zero bits, so n Ln2Hi is exact without a fused multiply-add.
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double Shifter = 6755399441055744.0; // 1.5 * 2^52: adding it rounds to an integer in the low mantissa bits.

    private const double P0 = -9.64399179425052238628E-1;
    private const double P1 = -9.92877231001918586564E1;
    private const double P2 = -1.61468768441708447952E3;
    private const double Q0 = 1.12811678491632931402E2;
    private const double Q1 = 2.23548839060100448583E3;
    private const double Q2 = 4.84406305325125486048E3;

    /// <summary>e^x (NaN stays NaN; overflows to +inf above ~709.8, underflows to 0 below ~-745).</summary>
    public static double Exp(double x)
    {
        // NaN passes the clamp and makes p (hence the result) NaN. Clamp so 2^n splits into two normal factors; beyond it exp over/underflows anyway.
        double xc = x < -746.0 ? -746.0 : (x > 710.0 ? 710.0 : x);
        double t = (xc * Log2E) + Shifter;
        double n = t - Shifter;
        double r = xc - (n * Ln2Hi);
        r -= n * Ln2Lo;
        double p = 1.0 / 6227020800.0;
        p = (p * r) + (1.0 / 479001600.0);
        p = (p * r) + (1.0 / 39916800.0);
        p = (p * r) + (1.0 / 3628800.0);
        p = (p * r) + (1.0 / 362880.0);
        p = (p * r) + (1.0 / 40320.0);
        p = (p * r) + (1.0 / 5040.0);
        p = (p * r) + (1.0 / 720.0);
        p = (p * r) + (1.0 / 120.0);
        p = (p * r) + (1.0 / 24.0);
        p = (p * r) + (1.0 / 6.0);
        p = (p * r) + 0.5;
        p = (p * r) + 1.0;
        p = (p * r) + 1.0;

        // 2^n = 2^n1 2^n2 with both halves in the normal range (n in [-1077, 1025]).
        long ni = (long)n;
        long n1 = ni >> 1;
        long n2 = ni - n1;
        double s1 = Interop.IntAsFloat((ulong)(n1 + 1023) << 52);
        double s2 = Interop.IntAsFloat((ulong)(n2 + 1023) << 52);
        return p * s1 * s2;
    }

    /// <summary>1 / (1 + e^-x).</summary>
    public static double Sigmoid(double x) => 1.0 / (1.0 + Exp(-x));

    /// <summary>tanh(x) (exact for 0, keeps -0; +-1 for large |x|).</summary>
    public static double Tanh(double x)
    {
        double ax = x < 0 ? -x : x;
        if (x == 0)
        {
            return x; // keeps -0 (the rational form below would give +0)
        }

        if (ax < 0.625)
        {
            double z = x * x;
            double p = (((P0 * z) + P1) * z) + P2;
            double q = ((((z + Q0) * z) + Q1) * z) + Q2;
            return (x * z * (p / q)) + x;
        }

        double large = 1.0 - (2.0 / (Exp(2.0 * ax) + 1.0));
        return x < 0 ? -large : large;
    }

    /// <summary>Activation code <paramref name="kind"/> (<see cref="Nn.Activation"/> as int) applied to z.</summary>
    public static double Activate(int kind, double z) => kind switch
    {
        0 => Tanh(z),
        1 => z > 0 ? z : 0.0,
        2 => Sigmoid(z),
        _ => z,
    };

    /// <summary>d activation / dz expressed through the output y (relu: 1 where y &gt; 0, i.e. z &gt; 0; 0 at 0 like Ops.Relu).</summary>
    public static double DerivativeFromOutput(int kind, double y) => kind switch
    {
        0 => 1.0 - (y * y),
        1 => y > 0 ? 1.0 : 0.0,
        2 => y * (1.0 - y),
        _ => 1.0,
    };
}
