namespace SciTransfer.Quantum.Backends.Ilgpu;

/// <summary>
/// Device-side arithmetic for the ILGPU kernels. ILGPU maps <see cref="Math.Sin(double)"/> and
/// <see cref="Math.Cos(double)"/> to the CPU only (GPU back ends need libdevice), so data-dependent gate
/// angles use this sine/cosine: Cody-Waite reduction by pi/2 in three parts and the fdlibm minimax
/// polynomials on [-pi/4, pi/4]; the error is a few ulp for |x| up to about 1e6 (gate angles are far smaller).
/// </summary>
internal static class IlgpuMath
{
    private const double TwoOverPi = 6.36619772367581382433e-01;
    private const double Pio2Part1 = 1.57079632673412561417e+00;
    private const double Pio2Part2 = 6.07710050630396597660e-11;
    private const double Pio2Part3 = 2.02226624871116645580e-21;

    private const double S1 = -1.66666666666666324348e-01;
    private const double S2 = 8.33333333332248946124e-03;
    private const double S3 = -1.98412698298579493134e-04;
    private const double S4 = 2.75573137070700676789e-06;
    private const double S5 = -2.50507602534068634195e-08;
    private const double S6 = 1.58969099521155010221e-10;

    private const double C1 = 4.16666666666666019037e-02;
    private const double C2 = -1.38888888888741095749e-03;
    private const double C3 = 2.48015872894767294178e-05;
    private const double C4 = -2.75573143513906633035e-07;
    private const double C5 = 2.08757232129817482790e-09;
    private const double C6 = -1.13596475577881948265e-11;

    /// <summary>sin(x) and cos(x) (radians).</summary>
    public static void SinCos(double x, out double sin, out double cos)
    {
        double q = x * TwoOverPi;
        long k = (long)(q >= 0 ? q + 0.5 : q - 0.5);
        double fk = k;
        double r = ((x - (fk * Pio2Part1)) - (fk * Pio2Part2)) - (fk * Pio2Part3);
        double z = r * r;
        double sr = S2 + (z * (S3 + (z * (S4 + (z * (S5 + (z * S6)))))));
        double s = r + (z * r * (S1 + (z * sr)));
        double w = z * z;
        double cr = (z * (C1 + (z * (C2 + (z * C3))))) + (w * w * (C4 + (z * (C5 + (z * C6)))));
        double hz = 0.5 * z;
        double one = 1.0 - hz;
        double c = one + (((1.0 - one) - hz) + (z * cr));
        switch ((int)(k & 3))
        {
            case 0: sin = s; cos = c; break;
            case 1: sin = c; cos = -s; break;
            case 2: sin = -s; cos = -c; break;
            default: sin = -c; cos = s; break;
        }
    }

    /// <summary>Bit <paramref name="t"/> of the result is 0; the bits of <paramref name="j"/> from t up move one place up.</summary>
    public static long InsertZero(long j, int t) => ((j >> t) << (t + 1)) | (j & ((1L << t) - 1));

    /// <summary>Parity of the set bits of <paramref name="v"/> (0 or 1), without intrinsics.</summary>
    public static int Parity(long v)
    {
        v ^= v >> 32;
        v ^= v >> 16;
        v ^= v >> 8;
        v ^= v >> 4;
        v ^= v >> 2;
        v ^= v >> 1;
        return (int)(v & 1);
    }
}
