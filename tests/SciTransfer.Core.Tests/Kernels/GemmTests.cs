using SciTransfer.Core.Kernels;
using SciTransfer.Core.Random;

namespace SciTransfer.Core.Tests.Kernels;

public class GemmTests
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

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(7, 5, 3)]
    [InlineData(13, 50, 50)]
    [InlineData(64, 256, 64)]
    [InlineData(50, 50, 600)]
    [InlineData(31, 17, 300)]
    [InlineData(37, 1, 300)]
    [InlineData(1, 40, 7)]
    [InlineData(2, 33, 75)]
    [InlineData(130, 16, 9)]
    [InlineData(300, 50, 40)]
    [InlineData(260, 34, 20)]
    public void Every_transpose_combination_equals_a_naive_product(int m, int n, int k)
    {
        var rng = new Rng((ulong)((m * 1000) + n + k));
        var a = Rand(rng, m * k);
        var b = Rand(rng, k * n);
        foreach (bool ta in new[] { false, true })
        {
            foreach (bool tb in new[] { false, true })
            {
                var c0 = Rand(rng, m * n);
                var c = (double[])c0.Clone();
                Gemm.Multiply(a, ta ? m : k, ta, b, tb ? k : n, tb, c, n, m, n, k, accumulate: true);
                for (int i = 0; i < m; i++)
                {
                    for (int j = 0; j < n; j++)
                    {
                        double s = c0[(i * n) + j];
                        for (int p = 0; p < k; p++)
                        {
                            double av = ta ? a[(p * m) + i] : a[(i * k) + p];
                            double bv = tb ? b[(j * k) + p] : b[(p * n) + j];
                            s += av * bv;
                        }

                        Assert.Equal(s, c[(i * n) + j], 1e-11);
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData(64, 256, 74)]
    [InlineData(3, 64, 256)]
    [InlineData(17, 50, 300)]
    public void Products_with_a_prepacked_operand_equal_products_with_the_raw_one(int m, int n, int k)
    {
        var rng = new Rng((ulong)(m + n + k));
        var a = Rand(rng, m * k);
        var b = Rand(rng, k * n);
        foreach (bool tb in new[] { false, true })
        {
            var packed = new double[Gemm.PackedLength(k, n)];
            Gemm.Pack(b, tb ? k : n, tb, k, n, packed);
            var c1 = new double[m * n];
            var c2 = new double[m * n];
            Gemm.Multiply(a, k, false, b, tb ? k : n, tb, c1, n, m, n, k, accumulate: false);
            Gemm.MultiplyPacked(a, k, false, packed, c2, n, m, n, k, accumulate: false);
            for (int i = 0; i < c1.Length; i++)
            {
                Assert.Equal(c1[i], c2[i], 1e-12);
            }
        }
    }

    [Fact]
    public void Multithreaded_product_is_bit_identical_to_single_threaded()
    {
        var rng = new Rng(5);
        int m = 1000, n = 50, k = 50;
        var a = Rand(rng, m * k);
        var b = Rand(rng, k * n);
        var c1 = new double[m * n];
        var c2 = new double[m * n];
        Gemm.Multiply(a, k, false, b, n, false, c1, n, m, n, k, accumulate: false, threads: 1);
        Gemm.Multiply(a, k, false, b, n, false, c2, n, m, n, k, accumulate: false, threads: 3);
        Assert.Equal(c1, c2);
    }
}
