namespace SciTransfer.Core.Tests.Kernels;

/// <summary>
/// Independent reference products for the Gemm tests: a naive triple loop over op(A) and op(B)
/// with explicit leading dimensions, and helpers to build operands with padding.
/// </summary>
internal static class GemmOracle
{
    /// <summary>op(A)[i, p]: A stored [m, k] (row i at i * lda) or, transposed, [k, m].</summary>
    public static double OpA(double[] a, int lda, bool transA, int i, int p) => transA ? a[(p * lda) + i] : a[(i * lda) + p];

    /// <summary>op(B)[p, j]: B stored [k, n] or, transposed, [n, k].</summary>
    public static double OpB(double[] b, int ldb, bool transB, int p, int j) => transB ? b[(j * ldb) + p] : b[(p * ldb) + j];

    /// <summary>
    /// Expected C after C = (accumulate ? C0 : 0) + op(A) op(B) on the [m, n] block (leading dimension ldc);
    /// every other element of <paramref name="c0"/> is returned unchanged.
    /// </summary>
    public static double[] Product(
        double[] a, int lda, bool transA, double[] b, int ldb, bool transB, double[] c0, int ldc, int m, int n, int k, bool accumulate)
    {
        var c = (double[])c0.Clone();
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int p = 0; p < k; p++)
                {
                    s += OpA(a, lda, transA, i, p) * OpB(b, ldb, transB, p, j);
                }

                c[(i * ldc) + j] = accumulate ? c0[(i * ldc) + j] + s : s;
            }
        }

        return c;
    }

    /// <summary>Uniform values in [-1, 1) from a fixed-seed generator (System.Random, not the code's Rng).</summary>
    public static double[] Random(System.Random rng, int length)
    {
        var x = new double[length];
        for (int i = 0; i < length; i++)
        {
            x[i] = (2 * rng.NextDouble()) - 1;
        }

        return x;
    }

    /// <summary>Element-wise |expected - actual| &lt;= tol (1 + |expected|), NaN never equal; names the first bad index.</summary>
    public static void AssertClose(double[] expected, double[] actual, double tol, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i], x = actual[i];
            bool ok = Math.Abs(e - x) <= tol * (1 + Math.Abs(e)) || BitConverter.DoubleToInt64Bits(e) == BitConverter.DoubleToInt64Bits(x);
            if (!ok)
            {
                Assert.Fail($"{what}: element {i} is {x:R}, expected {e:R}");
            }
        }
    }
}
