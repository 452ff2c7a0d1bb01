namespace SciTransfer.Quantum.Tests.Support;

internal static class Approx
{
    /// <summary>Largest absolute difference between two equal-length arrays.</summary>
    public static double MaxAbsDiff(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        Assert.Equal(a.Length, b.Length);
        double max = 0;
        for (int i = 0; i < a.Length; i++)
        {
            max = Math.Max(max, Math.Abs(a[i] - b[i]));
        }

        return max;
    }

    public static double[] Interleave(System.Numerics.Complex[] c)
    {
        var r = new double[2 * c.Length];
        for (int i = 0; i < c.Length; i++)
        {
            r[2 * i] = c[i].Real;
            r[2 * i + 1] = c[i].Imaginary;
        }

        return r;
    }
}
