using SciTransfer.Core.Kernels;

namespace SciTransfer.Core.Tests.Kernels;

/// <summary>
/// Gemm against the naive triple loop (<see cref="GemmOracle"/>) over every remainder of the 8-row tile,
/// the 16-column panel and the 8-column narrow kernel, shapes crossing the 128-row block and the 256-deep
/// k block, all four transpose combinations, overwrite (C prefilled with NaN, so an element left unwritten
/// or accumulated shows) and accumulate, 1-3 threads, padded leading dimensions (padding = NaN, which the
/// BLAS contract says is never read or written), and the prepacked-B entry points.
/// </summary>
public class GemmSweepTests
{
    private static readonly int[] Ms = [1, 2, 3, 7, 8, 9, 10, 15, 16, 17, 26, 40];
    private static readonly int[] Ns = [1, 2, 3, 4, 5, 8, 9, 12, 15, 16, 17, 20, 31, 32, 33, 40];
    private static readonly int[] Ks = [1, 2, 3, 7, 16, 40];

    public static TheoryData<bool, bool> Transposes => new() { { false, false }, { false, true }, { true, false }, { true, true } };

    [Theory]
    [MemberData(nameof(Transposes))]
    public void Every_small_shape_equals_the_naive_product_in_both_modes(bool transA, bool transB)
    {
        var rng = new System.Random(11 + (transA ? 2 : 0) + (transB ? 1 : 0));
        foreach (int m in Ms)
        {
            foreach (int n in Ns)
            {
                foreach (int k in Ks)
                {
                    Check(rng, m, n, k, transA, transB, threads: 1, pad: 0);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Transposes))]
    public void Padded_leading_dimensions_read_and_write_only_the_matrices(bool transA, bool transB)
    {
        var rng = new System.Random(23 + (transA ? 2 : 0) + (transB ? 1 : 0));
        // k = 256: exactly one depth block, so a loop over blocks that ran once more would slice past a padded operand.
        foreach (var (m, n, k) in new[] { (1, 1, 5), (9, 1, 7), (3, 17, 2), (10, 9, 3), (17, 33, 5), (26, 4, 11), (8, 16, 1), (9, 17, 256) })
        {
            foreach (int pad in new[] { 1, 3 })
            {
                Check(rng, m, n, k, transA, transB, threads: 1, pad);
            }
        }
    }

    [Theory]
    [InlineData(130, 17, 9, 1)]
    [InlineData(257, 40, 3, 1)]
    [InlineData(129, 16, 513, 1)]
    [InlineData(9, 20, 300, 1)]
    [InlineData(300, 33, 257, 2)]
    [InlineData(203, 40, 300, 3)]
    [InlineData(136, 24, 260, 2)]
    public void Shapes_across_the_row_and_depth_blocks_equal_the_naive_product(int m, int n, int k, int threads)
    {
        var rng = new System.Random((m * 7) + n + k);
        foreach (var (ta, tb) in new[] { (false, false), (false, true), (true, false), (true, true) })
        {
            Check(rng, m, n, k, ta, tb, threads, pad: 0);
        }
    }

    [Theory]
    [InlineData(300, 33, 257, 2)]
    [InlineData(203, 40, 300, 3)]
    [InlineData(1001, 50, 50, 3)]
    [InlineData(64, 17, 300, 4)]
    public void Threaded_products_are_bit_identical_to_one_thread(int m, int n, int k, int threads)
    {
        var rng = new System.Random(m + n + k);
        var a = GemmOracle.Random(rng, m * k);
        var b = GemmOracle.Random(rng, k * n);
        var c0 = GemmOracle.Random(rng, m * n);
        foreach (bool acc in new[] { false, true })
        {
            var c1 = (double[])c0.Clone();
            var c2 = (double[])c0.Clone();
            Gemm.Multiply(a, m, true, b, k, true, c1, n, m, n, k, acc, threads: 1);
            Gemm.Multiply(a, m, true, b, k, true, c2, n, m, n, k, acc, threads);
            Assert.Equal(c1, c2);
        }
    }

    [Theory]
    [InlineData(1, 1, 5, 1)]
    [InlineData(3, 16, 7, 1)]
    [InlineData(9, 17, 300, 1)]
    [InlineData(130, 40, 513, 1)]
    [InlineData(300, 33, 260, 2)]
    [InlineData(10, 5, 256, 1)]
    public void Prepacked_products_equal_the_naive_product(int m, int n, int k, int threads)
    {
        var rng = new System.Random((m * 31) + (n * 7) + k);
        foreach (var (ta, tb) in new[] { (false, false), (false, true), (true, false), (true, true) })
        {
            var a = GemmOracle.Random(rng, m * k);
            var b = GemmOracle.Random(rng, k * n);
            int lda = ta ? m : k, ldb = tb ? k : n;
            var packed = new double[Gemm.PackedLength(k, n)];
            Array.Fill(packed, double.NaN);
            Gemm.Pack(b, ldb, tb, k, n, packed);
            foreach (bool acc in new[] { false, true })
            {
                var c0 = acc ? GemmOracle.Random(rng, m * n) : Nans(m * n);
                var expected = GemmOracle.Product(a, lda, ta, b, ldb, tb, c0, n, m, n, k, acc);
                var c = (double[])c0.Clone();
                Gemm.MultiplyPacked(a, lda, ta, packed, c, n, m, n, k, acc, threads);
                GemmOracle.AssertClose(expected, c, 1e-12, $"packed m {m} n {n} k {k} transA {ta} transB {tb} acc {acc}");
            }
        }
    }

    [Theory]
    [InlineData(9, 17, 256)]
    [InlineData(3, 5, 512)]
    [InlineData(10, 20, 300)]
    public void Prepacked_products_read_a_padded_transposed_a_only_inside_it(int m, int n, int k)
    {
        // A stored [k, m] with leading dimension m + 2 (NaN padding), so reading past its last row throws or shows.
        var rng = new System.Random(m + n + k);
        int lda = m + 2;
        var a = new double[((k - 1) * lda) + m];
        Array.Fill(a, double.NaN);
        for (int p = 0; p < k; p++)
        {
            for (int i = 0; i < m; i++)
            {
                a[(p * lda) + i] = (2 * rng.NextDouble()) - 1;
            }
        }

        var b = GemmOracle.Random(rng, k * n);
        var packed = new double[Gemm.PackedLength(k, n)];
        Gemm.Pack(b, n, false, k, n, packed);
        var c = Nans(m * n);
        Gemm.MultiplyPacked(a, lda, true, packed, c, n, m, n, k, accumulate: false);
        var expected = GemmOracle.Product(a, lda, true, b, n, false, Nans(m * n), n, m, n, k, false);
        GemmOracle.AssertClose(expected, c, 1e-12, $"packed, padded A^T, m {m} n {n} k {k}");
    }

    private static double[] Nans(int length)
    {
        var x = new double[length];
        Array.Fill(x, double.NaN);
        return x;
    }

    /// <summary>
    /// One shape in overwrite mode (the C block prefilled with NaN) and in accumulate mode (random C),
    /// with leading dimensions cols + pad (padding and two spare rows of C = NaN, which must survive).
    /// </summary>
    private static void Check(System.Random rng, int m, int n, int k, bool transA, bool transB, int threads, int pad)
    {
        int aRows = transA ? k : m, aCols = transA ? m : k;
        int bRows = transB ? n : k, bCols = transB ? k : n;
        int lda = aCols + pad, ldb = bCols + pad, ldc = n + pad;
        var a = Padded(rng, aRows, aCols, lda);
        var b = Padded(rng, bRows, bCols, ldb);
        int cRows = pad > 0 ? m + 2 : m;
        foreach (bool acc in new[] { false, true })
        {
            var c0 = Nans(pad > 0 ? cRows * ldc : m * n);
            if (acc)
            {
                for (int i = 0; i < m; i++)
                {
                    for (int j = 0; j < n; j++)
                    {
                        c0[(i * ldc) + j] = (2 * rng.NextDouble()) - 1;
                    }
                }
            }

            var expected = GemmOracle.Product(a, lda, transA, b, ldb, transB, c0, ldc, m, n, k, acc);
            var c = (double[])c0.Clone();
            Gemm.Multiply(a, lda, transA, b, ldb, transB, c, ldc, m, n, k, acc, threads);
            GemmOracle.AssertClose(expected, c, 1e-12, $"m {m} n {n} k {k} transA {transA} transB {transB} acc {acc} threads {threads} pad {pad}");
        }
    }

    /// <summary>rows x cols random values at leading dimension ld, NaN in the padding columns.</summary>
    private static double[] Padded(System.Random rng, int rows, int cols, int ld)
    {
        var x = new double[((rows - 1) * ld) + cols];
        Array.Fill(x, double.NaN);
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < cols; j++)
            {
                x[(r * ld) + j] = (2 * rng.NextDouble()) - 1;
            }
        }

        return x;
    }
}
