using System.Runtime.Intrinsics;
using SciTransfer.Core.Kernels;

namespace SciTransfer.Core.Tests.Kernels;

/// <summary>
/// Gemm's contract beyond the values: the extent checks (an exactly fitting operand passes, one element
/// less or a leading dimension below the column count throws, naming the operand), the empty and k = 0
/// early returns (which touch nothing, not even the checks), the packed layout [panel][k][16] with zero
/// padding, the thread-static scratch buffers growing when a call needs more, and the summation order that
/// makes results independent of the thread count (an FMA chain over p per k block, the two-row kernel's
/// even/odd split), checked bit for bit against a scalar re-implementation of that order.
/// </summary>
public class GemmContractTests
{
    public static TheoryData<bool, bool> Transposes => new() { { false, false }, { false, true }, { true, false }, { true, true } };

    [Theory]
    [MemberData(nameof(Transposes))]
    public void Exactly_fitting_operands_pass_and_one_element_less_names_the_operand(bool transA, bool transB)
    {
        // m, n, k all different, so that swapping rows and columns in a check changes its verdict.
        const int m = 3, n = 5, k = 4;
        int lda = transA ? m : k, ldb = transB ? k : n;
        var a = new double[m * k];
        var b = new double[k * n];
        var c = new double[m * n];
        Gemm.Multiply(a, lda, transA, b, ldb, transB, c, n, m, n, k, accumulate: false);

        AssertRefused("operand A", transA ? $"{k} x {m}" : $"{m} x {k}", () => Gemm.Multiply(a.AsSpan(1), lda, transA, b, ldb, transB, c, n, m, n, k, false));
        AssertRefused("operand B", transB ? $"{n} x {k}" : $"{k} x {n}", () => Gemm.Multiply(a, lda, transA, b.AsSpan(1), ldb, transB, c, n, m, n, k, false));
        AssertRefused("operand C", $"{m} x {n}", () => Gemm.Multiply(a, lda, transA, b, ldb, transB, c.AsSpan(1), n, m, n, k, false));

        // A leading dimension below the column count is refused even when the span is long enough.
        var big = new double[1000];
        AssertRefused("operand A", "leading dimension", () => Gemm.Multiply(big, lda - 1, transA, b, ldb, transB, c, n, m, n, k, false));
        AssertRefused("operand B", "leading dimension", () => Gemm.Multiply(a, lda, transA, big, ldb - 1, transB, c, n, m, n, k, false));
        AssertRefused("operand C", "leading dimension", () => Gemm.Multiply(a, lda, transA, b, ldb, transB, big, n - 1, m, n, k, false));

        // The matrix-vector case (n = 1) goes through the same checks.
        AssertRefused("operand B", "does not fit", () => Gemm.Multiply(a, lda, transA, b.AsSpan(0, k - 1), 1, false, c, 1, m, 1, k, false));
        AssertRefused("operand C", "does not fit", () => Gemm.Multiply(a, lda, transA, b, 1, false, c.AsSpan(0, m - 1), 1, m, 1, k, false));
    }

    [Fact]
    public void Pack_and_the_packed_product_check_their_operands()
    {
        const int m = 3, n = 17, k = 4;
        var a = new double[m * k];
        var b = new double[k * n];
        var c = new double[m * n];
        int len = Gemm.PackedLength(k, n);
        var packed = new double[len];
        Gemm.Pack(b, n, false, k, n, packed);
        Gemm.Pack(b, k, true, k, n, packed);
        Gemm.MultiplyPacked(a, k, false, packed, c, n, m, n, k, false);
        Gemm.MultiplyPacked(a, m, true, packed, c, n, m, n, k, false);

        AssertRefused("operand B", $"{k} x {n}", () => Gemm.Pack(b.AsSpan(1), n, false, k, n, packed));
        AssertRefused("operand B", $"{n} x {k}", () => Gemm.Pack(b.AsSpan(1), k, true, k, n, packed));
        AssertRefused("Gemm.Pack: destination", $"{len - 1}", () => Gemm.Pack(b, n, false, k, n, packed.AsSpan(1)));
        AssertRefused("operand A", $"{m} x {k}", () => Gemm.MultiplyPacked(a.AsSpan(1), k, false, packed, c, n, m, n, k, false));
        AssertRefused("operand A", $"{k} x {m}", () => Gemm.MultiplyPacked(a.AsSpan(1), m, true, packed, c, n, m, n, k, false));
        AssertRefused("operand C", $"{m} x {n}", () => Gemm.MultiplyPacked(a, k, false, packed, c.AsSpan(1), n, m, n, k, false));
        AssertRefused("Gemm.MultiplyPacked: packed B", $"{len - 1}", () => Gemm.MultiplyPacked(a, k, false, packed.AsSpan(1), c, n, m, n, k, false));
    }

    [Fact]
    public void Empty_products_return_before_any_check()
    {
        // Leading dimensions of 1 with empty spans would fail every check: nothing may be checked.
        Gemm.Multiply([], 1, false, [], 1, false, [], 1, m: 0, n: 3, k: 2, accumulate: false);
        Gemm.Multiply([], 1, false, [], 1, false, [], 1, m: 3, n: 0, k: 2, accumulate: false);
        Gemm.MultiplyPacked([], 1, false, [], [], 1, m: 0, n: 3, k: 2, accumulate: false);
        Gemm.MultiplyPacked([], 1, false, [], [], 1, m: 3, n: 0, k: 2, accumulate: false);
    }

    [Fact]
    public void A_zero_depth_product_clears_the_block_in_overwrite_mode_and_leaves_it_when_accumulating()
    {
        const int m = 3, n = 4, ldc = 6;
        var c0 = GemmOracle.Random(new System.Random(3), (m + 1) * ldc);
        foreach (bool packed in new[] { false, true })
        {
            foreach (bool acc in new[] { false, true })
            {
                var c = (double[])c0.Clone();
                if (packed)
                {
                    Gemm.MultiplyPacked([], 1, false, [], c, ldc, m, n, k: 0, acc);
                }
                else
                {
                    Gemm.Multiply([], 1, false, [], 1, false, c, ldc, m, n, k: 0, acc);
                }

                for (int i = 0; i < c.Length; i++)
                {
                    bool inBlock = i / ldc < m && i % ldc < n;
                    Assert.Equal(inBlock && !acc ? 0.0 : c0[i], c[i]);
                }
            }
        }
    }

    [Theory]
    [InlineData(3, 1, 48)]
    [InlineData(3, 16, 48)]
    [InlineData(3, 17, 96)]
    [InlineData(2, 33, 96)]
    [InlineData(0, 5, 0)]
    [InlineData(7, 0, 0)]
    public void Packed_length_is_whole_16_column_panels_times_depth(int k, int n, int expected)
    {
        Assert.Equal(expected, Gemm.PackedLength(k, n));
    }

    [Theory]
    [InlineData(5, 20, false)]
    [InlineData(5, 20, true)]
    [InlineData(300, 7, false)]
    [InlineData(300, 33, true)]
    public void Pack_lays_out_k_blocks_of_panels_of_16_columns_with_zero_padding(int k, int n, bool transB)
    {
        var rng = new System.Random(k + n);
        var b = GemmOracle.Random(rng, k * n);
        int ldb = transB ? k : n;
        var packed = new double[Gemm.PackedLength(k, n)];
        Array.Fill(packed, double.NaN);
        Gemm.Pack(b, ldb, transB, k, n, packed);

        // Documented layout: k in blocks of 256; within a block of depth kc starting at k0, panel q holds
        // rows k0..k0+kc of op(B)'s columns 16q..16q+15 as [p][16], after the earlier blocks' panels.
        int panels = (n + 15) / 16;
        for (int k0 = 0; k0 < k; k0 += 256)
        {
            int kc = Math.Min(256, k - k0);
            for (int q = 0; q < panels; q++)
            {
                for (int p = 0; p < kc; p++)
                {
                    for (int j = 0; j < 16; j++)
                    {
                        int col = (16 * q) + j;
                        double expected = col < n ? GemmOracle.OpB(b, ldb, transB, k0 + p, col) : 0.0;
                        Assert.Equal(expected, packed[(panels * 16 * k0) + (q * kc * 16) + (p * 16) + j]);
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData(1, 16, 5)]
    [InlineData(2, 17, 6)]
    [InlineData(9, 3, 7)]
    [InlineData(10, 40, 300)]
    [InlineData(11, 8, 4)]
    [InlineData(16, 24, 9)]
    [InlineData(130, 20, 257)]
    public void Sums_follow_the_documented_order_bit_for_bit(int m, int n, int k)
    {
        var rng = new System.Random((m * 13) + n + k);
        foreach (var (ta, tb) in new[] { (false, false), (false, true), (true, false), (true, true) })
        {
            var a = GemmOracle.Random(rng, m * k);
            var b = GemmOracle.Random(rng, k * n);
            int lda = ta ? m : k, ldb = tb ? k : n;
            foreach (bool acc in new[] { false, true })
            {
                var c0 = GemmOracle.Random(rng, m * n);
                var c = (double[])c0.Clone();
                Gemm.Multiply(a, lda, ta, b, ldb, tb, c, n, m, n, k, acc, threads: 2);
                var expected = OrderedProduct(a, lda, ta, b, ldb, tb, c0, m, n, k, acc);
                for (int i = 0; i < c.Length; i++)
                {
                    if (expected[i] != c[i])
                    {
                        Assert.Fail($"m {m} n {n} k {k} transA {ta} transB {tb} acc {acc}: element {i} is {c[i]:R}, the ordered sum {expected[i]:R}");
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 3)]
    [InlineData(40, 300)]
    public void The_transposed_matrix_vector_product_sums_scaled_rows_in_order(int m, int k)
    {
        // n = 1, op(A) = A^T: y = sum_p x_p A[p, :], each step a rounded product then a rounded sum
        // (a row-scaled add, not an FMA), in p order; and the result is C + y when accumulating.
        var rng = new System.Random(m + k);
        var a = GemmOracle.Random(rng, k * m);
        var x = GemmOracle.Random(rng, k);
        var c0 = GemmOracle.Random(rng, m);
        foreach (bool acc in new[] { false, true })
        {
            // Twice on the same thread: the scratch row must start from zero each call.
            for (int rep = 0; rep < 2; rep++)
            {
                var c = (double[])c0.Clone();
                Gemm.Multiply(a, m, true, x, 1, false, c, 1, m, 1, k, acc);
                for (int i = 0; i < m; i++)
                {
                    double y = 0;
                    for (int p = 0; p < k; p++)
                    {
                        double prod = a[(p * m) + i] * x[p];
                        y = prod + y;
                    }

                    Assert.Equal(acc ? c0[i] + y : y, c[i]);
                }
            }
        }
    }

    [Fact]
    public void Scratch_buffers_grow_when_a_later_call_needs_more()
    {
        // A fresh thread has no scratch yet. A small matrix-vector product sizes it (4096 doubles); a transposed
        // one needs k + m = 4100 (scaled rows of 4000 after 100 inputs), then a plain one k + m = 5000; then a
        // 256-deep product with a partial tile and a partial panel needs 256 x (8 + 16) = 6144.
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                var rng = new System.Random(5);
                foreach (var (m, n, k, ta) in new[] { (2, 1, 3, true), (4000, 1, 100, true), (1, 1, 4999, false), (9, 17, 256, false), (9, 17, 256, true) })
                {
                    var a = GemmOracle.Random(rng, m * k);
                    var b = GemmOracle.Random(rng, k * n);
                    var c = new double[m * n];
                    int lda = ta ? m : k;
                    Gemm.Multiply(a, lda, ta, b, n, false, c, n, m, n, k, accumulate: false);
                    var expected = GemmOracle.Product(a, lda, ta, b, n, false, new double[m * n], n, m, n, k, false);
                    GemmOracle.AssertClose(expected, c, 1e-12, $"m {m} n {n} k {k} transA {ta}");
                }
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        Assert.Null(failure);
    }

    private static void AssertRefused(string what, string detail, Action call)
    {
        var e = Assert.Throws<ArgumentException>(call);
        Assert.Contains(what, e.Message, StringComparison.Ordinal);
        Assert.Contains(detail, e.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The documented order, per element and k block (k0 = 0, 256, ...): s = fma chain over p from 0; the rows
    /// that fall in a last tile of at most 2 rows (with 512-bit vectors) split p into even and odd chains and
    /// add them; C = s (first block, overwrite) or C + s.
    /// </summary>
    private static double[] OrderedProduct(double[] a, int lda, bool ta, double[] b, int ldb, bool tb, double[] c0, int m, int n, int k, bool acc)
    {
        var c = (double[])c0.Clone();
        for (int i = 0; i < m; i++)
        {
            int tileRows = Math.Min(8, m - (8 * (i / 8)));
            bool rowKernel = Vector512.IsHardwareAccelerated && tileRows <= 2;
            for (int j = 0; j < n; j++)
            {
                double v = c0[(i * n) + j];
                for (int k0 = 0; k0 < k; k0 += 256)
                {
                    int kc = Math.Min(256, k - k0);
                    double even = 0, odd = 0;
                    for (int p = 0; p < kc; p++)
                    {
                        double prod1 = GemmOracle.OpA(a, lda, ta, i, k0 + p), prod2 = GemmOracle.OpB(b, ldb, tb, k0 + p, j);
                        if (rowKernel && p % 2 == 1 && p < kc - (kc % 2))
                        {
                            odd = Math.FusedMultiplyAdd(prod1, prod2, odd);
                        }
                        else
                        {
                            even = Math.FusedMultiplyAdd(prod1, prod2, even);
                        }
                    }

                    double s = rowKernel ? even + odd : even;
                    v = acc || k0 > 0 ? v + s : s;
                }

                c[(i * n) + j] = v;
            }
        }

        return c;
    }
}
