using SciTransfer.Core.Kernels;
using SciTransfer.Core.Random;

namespace SciTransfer.Core.Tests.Kernels;

/// <summary>
/// Weight-gradient shapes C (+)= A^T B with long k (Gemm's tall-k path on AVX-512 machines) against an
/// independent scalar implementation of Gemm's documented summation order: per 256-long k block one FMA chain
/// from zero (for the last 1-2 rows when m mod 8 is 1 or 2, even p and odd p as two chains, then added), and
/// C = C + block. Equality is bit for bit, on 1 and 3 threads, so the path keeps results independent of the
/// thread count and identical to the general kernels (which the same order describes).
/// </summary>
public class GemmTallKTests
{
    private static double[] Rand(Rng rng, int n)
    {
        var a = new double[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = rng.Uniform(-1, 1);
        }

        return a;
    }

    private static double Reference(double[] a, double[] b, double c0, bool accumulate, int m, int n, int k, int i, int j)
    {
        int tail = m % 8;
        bool pair = tail is 1 or 2 && i >= m - tail;
        double c = c0;
        for (int k0 = 0; k0 < k; k0 += 256)
        {
            int kc = Math.Min(256, k - k0);
            double even = 0, odd = 0;
            for (int q = 0; q < kc; q++)
            {
                int p = k0 + q;
                if (pair && q % 2 == 1)
                {
                    odd = Math.FusedMultiplyAdd(a[(p * m) + i], b[(p * n) + j], odd);
                }
                else
                {
                    even = Math.FusedMultiplyAdd(a[(p * m) + i], b[(p * n) + j], even);
                }
            }

            double block = pair ? even + odd : even;
            c = k0 == 0 && !accumulate ? block : c + block;
        }

        return c;
    }

    [Theory]
    [InlineData(50, 50, 1000)]
    [InlineData(2, 50, 777)]
    [InlineData(256, 75, 600)]
    [InlineData(1, 256, 513)]
    [InlineData(17, 33, 1030)]
    [InlineData(9, 9, 700)]
    [InlineData(3, 7, 999)]
    [InlineData(58, 121, 530)]
    [InlineData(13, 50, 600)]
    [InlineData(50, 2, 640)]
    public void Tall_k_products_follow_the_documented_summation_order_bit_for_bit(int m, int n, int k)
    {
        var rng = new Rng((ulong)((m * 7919) + (n * 31) + k));
        var a = Rand(rng, k * m);
        var b = Rand(rng, k * n);
        var c0 = Rand(rng, m * n);
        foreach (bool accumulate in new[] { false, true })
        {
            foreach (int threads in new[] { 1, 3 })
            {
                var c = (double[])c0.Clone();
                Gemm.Multiply(a, m, true, b, n, false, c, n, m, n, k, accumulate, threads);
                for (int i = 0; i < m; i++)
                {
                    for (int j = 0; j < n; j++)
                    {
                        double want = Reference(a, b, c0[(i * n) + j], accumulate, m, n, k, i, j);
                        Assert.True(
                            BitConverter.DoubleToInt64Bits(want) == BitConverter.DoubleToInt64Bits(c[(i * n) + j]),
                            $"C[{i}, {j}] = {c[(i * n) + j]:R}, want {want:R} (accumulate {accumulate}, {threads} threads)");
                    }
                }
            }
        }
    }

    [Fact]
    public void Strided_operands_and_output_are_read_and_written_only_in_their_extents()
    {
        // A [k, m] inside rows of 61, B [k, n] inside rows of 53, C [m, n] inside rows of 57; the padding must stay untouched.
        int m = 50, n = 50, k = 600, lda = 61, ldb = 53, ldc = 57;
        var rng = new Rng(11);
        var a = Rand(rng, ((k - 1) * lda) + m);
        var b = Rand(rng, ((k - 1) * ldb) + n);
        var c = Rand(rng, ((m - 1) * ldc) + n);
        var before = (double[])c.Clone();
        Gemm.Multiply(a, lda, true, b, ldb, false, c, ldc, m, n, k, accumulate: true);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < ldc && (i * ldc) + j < c.Length; j++)
            {
                double want = before[(i * ldc) + j];
                if (j < n)
                {
                    for (int p = 0; p < k; p++)
                    {
                        want += a[(p * lda) + i] * b[(p * ldb) + j];
                    }

                    Assert.Equal(want, c[(i * ldc) + j], 1e-11);
                }
                else
                {
                    Assert.Equal(want, c[(i * ldc) + j]);
                }
            }
        }
    }
}
