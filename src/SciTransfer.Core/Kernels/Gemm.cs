using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SciTransfer.Core.Kernels;

/// <summary>
/// Cache-blocked double-precision matrix multiply, C (+)= op(A) op(B), over row-major spans.
/// B is packed into zero-padded panels of <see cref="Nr"/> columns (contiguous per k), A is read
/// in place through (row, column) strides, and a 6 x 16 register-blocked micro-kernel does the
/// fused multiply-adds with Vector512 where the hardware has it. Row blocks of C may be spread
/// over threads; each C element is written by exactly one thread in a fixed summation order,
/// so results do not depend on the thread count.
/// </summary>
public static class Gemm
{
    /// <summary>Columns per packed B panel.</summary>
    public const int Nr = 16;

    private const int Mr = 6;
    private const int Kc = 256;

    [ThreadStatic]
    private static double[]? s_packB;

    /// <summary>
    /// C[m, n] = beta * C + op(A)[m, k] * op(B)[k, n], beta in {0, 1} (<paramref name="accumulate"/>).
    /// op(A) = A ([m, k], leading dimension <paramref name="lda"/>) or A^T when <paramref name="transA"/>
    /// (A stored as [k, m]); likewise for B. <paramref name="threads"/> &gt; 1 splits the rows of C.
    /// </summary>
    public static void Multiply(
        ReadOnlySpan<double> a, int lda, bool transA,
        ReadOnlySpan<double> b, int ldb, bool transB,
        Span<double> c, int ldc,
        int m, int n, int k, bool accumulate, int threads = 1)
    {
        if (m == 0 || n == 0)
        {
            return;
        }

        if (k == 0)
        {
            if (!accumulate)
            {
                for (int i = 0; i < m; i++)
                {
                    c.Slice(i * ldc, n).Clear();
                }
            }

            return;
        }

        CheckExtent(a, transA ? k : m, transA ? m : k, lda, "A");
        CheckExtent(b, transB ? n : k, transB ? k : n, ldb, "B");
        CheckExtent(c, m, n, ldc, "C");

        int panels = (n + Nr - 1) / Nr;
        int aRowStride = transA ? 1 : lda;
        int aColStride = transA ? lda : 1;
        for (int k0 = 0; k0 < k; k0 += Kc)
        {
            int kc = Math.Min(Kc, k - k0);
            int packLen = panels * kc * Nr;
            double[] pack = s_packB is { } p && p.Length >= packLen ? p : (s_packB = new double[Math.Max(packLen, 4096)]);
            PackB(b, ldb, transB, k0, kc, n, pack.AsSpan(0, packLen));
            bool acc = accumulate || k0 > 0;
            int aOffset = k0 * aColStride;
            ReadOnlySpan<double> aBlock = a[aOffset..];

            int rowBlocks = (m + Mr - 1) / Mr;
            long work = (long)m * n * kc;
            if (threads > 1 && rowBlocks >= 2 * threads && work >= 200_000)
            {
                // Each task owns a contiguous band of row blocks; spans cannot cross the lambda, so pin via arrays.
                RunParallel(aBlock, aRowStride, aColStride, pack.AsSpan(0, packLen), c, ldc, m, n, kc, acc, threads, rowBlocks);
            }
            else
            {
                MultiplyRows(aBlock, aRowStride, aColStride, pack.AsSpan(0, packLen), c, ldc, 0, m, n, kc, acc);
            }
        }
    }

    /// <summary>Doubles needed to hold op(B)[k, n] packed by <see cref="Pack"/>.</summary>
    public static int PackedLength(int k, int n) => ((n + Nr - 1) / Nr) * Nr * k;

    /// <summary>
    /// Packs op(B)[k, n] (B stored [k, n], or [n, k] when <paramref name="transB"/>) once, for many
    /// products with <see cref="MultiplyPacked"/> (e.g. a recurrent weight used at every time step).
    /// </summary>
    public static void Pack(ReadOnlySpan<double> b, int ldb, bool transB, int k, int n, Span<double> packed)
    {
        CheckExtent(b, transB ? n : k, transB ? k : n, ldb, "B");
        int panels = (n + Nr - 1) / Nr;
        if (packed.Length < PackedLength(k, n))
        {
            throw new ArgumentException($"Gemm.Pack: destination of {packed.Length} is smaller than {PackedLength(k, n)}.");
        }

        for (int k0 = 0; k0 < k; k0 += Kc)
        {
            int kc = Math.Min(Kc, k - k0);
            PackB(b, ldb, transB, k0, kc, n, packed.Slice(panels * Nr * k0, panels * Nr * kc));
        }
    }

    /// <summary>C[m, n] (+)= op(A)[m, k] * B, with B packed by <see cref="Pack"/> for the same k and n.</summary>
    public static void MultiplyPacked(
        ReadOnlySpan<double> a, int lda, bool transA, ReadOnlySpan<double> packed, Span<double> c, int ldc,
        int m, int n, int k, bool accumulate, int threads = 1)
    {
        if (m == 0 || n == 0 || k == 0)
        {
            if (!accumulate && k == 0)
            {
                for (int i = 0; i < m; i++)
                {
                    c.Slice(i * ldc, n).Clear();
                }
            }

            return;
        }

        CheckExtent(a, transA ? k : m, transA ? m : k, lda, "A");
        CheckExtent(c, m, n, ldc, "C");
        int panels = (n + Nr - 1) / Nr;
        int aRowStride = transA ? 1 : lda;
        int aColStride = transA ? lda : 1;
        for (int k0 = 0; k0 < k; k0 += Kc)
        {
            int kc = Math.Min(Kc, k - k0);
            ReadOnlySpan<double> pack = packed.Slice(panels * Nr * k0, panels * Nr * kc);
            bool acc = accumulate || k0 > 0;
            ReadOnlySpan<double> aBlock = a[(k0 * aColStride)..];
            int rowBlocks = (m + Mr - 1) / Mr;
            if (threads > 1 && rowBlocks >= 2 * threads && (long)m * n * kc >= 200_000)
            {
                RunParallel(aBlock, aRowStride, aColStride, pack, c, ldc, m, n, kc, acc, threads, rowBlocks);
            }
            else
            {
                MultiplyRows(aBlock, aRowStride, aColStride, pack, c, ldc, 0, m, n, kc, acc);
            }
        }
    }

    private static unsafe void RunParallel(
        ReadOnlySpan<double> a, int ars, int acs, ReadOnlySpan<double> pack, Span<double> c, int ldc,
        int m, int n, int kc, bool acc, int threads, int rowBlocks)
    {
        fixed (double* pa = a)
        fixed (double* pc = c)
        fixed (double* pb = pack)
        {
            nint ia = (nint)pa, ic = (nint)pc, ib = (nint)pb;
            int aLen = a.Length, cLen = c.Length, bLen = pack.Length;
            int bands = Math.Min(threads, rowBlocks);
            Parallel.For(0, bands, new ParallelOptions { MaxDegreeOfParallelism = threads }, band =>
            {
                int r0 = (int)((long)rowBlocks * band / bands) * Mr;
                int r1 = Math.Min(m, (int)((long)rowBlocks * (band + 1) / bands) * Mr);
                var aSpan = new ReadOnlySpan<double>((double*)ia, aLen);
                var cSpan = new Span<double>((double*)ic, cLen);
                var bSpan = new ReadOnlySpan<double>((double*)ib, bLen);
                MultiplyRows(aSpan, ars, acs, bSpan, cSpan, ldc, r0, r1, n, kc, acc);
            });
        }
    }

    private static void CheckExtent(ReadOnlySpan<double> s, int rows, int cols, int ld, string name)
    {
        if (ld < cols || (long)(rows - 1) * ld + cols > s.Length)
        {
            throw new ArgumentException(
                $"Gemm.Multiply: operand {name} of {rows} x {cols} with leading dimension {ld} does not fit a span of {s.Length}.");
        }
    }

    /// <summary>Packs rows k0..k0+kc of op(B) into panels [panel][k][Nr], zero padding the last panel.</summary>
    private static void PackB(ReadOnlySpan<double> b, int ldb, bool transB, int k0, int kc, int n, Span<double> pack)
    {
        int panels = (n + Nr - 1) / Nr;
        for (int pnl = 0; pnl < panels; pnl++)
        {
            int j0 = pnl * Nr;
            int nr = Math.Min(Nr, n - j0);
            Span<double> dst = pack.Slice(pnl * kc * Nr, kc * Nr);
            if (!transB)
            {
                for (int p = 0; p < kc; p++)
                {
                    ReadOnlySpan<double> src = b.Slice(((k0 + p) * ldb) + j0, nr);
                    Span<double> d = dst.Slice(p * Nr, Nr);
                    src.CopyTo(d);
                    if (nr < Nr)
                    {
                        d[nr..].Clear();
                    }
                }
            }
            else
            {
                if (nr < Nr)
                {
                    dst.Clear();
                }

                for (int j = 0; j < nr; j++)
                {
                    ReadOnlySpan<double> src = b.Slice(((j0 + j) * ldb) + k0, kc);
                    for (int p = 0; p < kc; p++)
                    {
                        dst[(p * Nr) + j] = src[p];
                    }
                }
            }
        }
    }

    private static void MultiplyRows(
        ReadOnlySpan<double> a, int ars, int acs, ReadOnlySpan<double> pack,
        Span<double> c, int ldc, int r0, int r1, int n, int kc, bool acc)
    {
        int panels = (n + Nr - 1) / Nr;
        for (int pnl = 0; pnl < panels; pnl++)
        {
            int j0 = pnl * Nr;
            int nr = Math.Min(Nr, n - j0);
            ReadOnlySpan<double> bp = pack.Slice(pnl * kc * Nr, kc * Nr);
            int i = r0;
            if (Vector512.IsHardwareAccelerated)
            {
                for (; i + Mr <= r1; i += Mr)
                {
                    Kernel6x16(a, i, ars, acs, bp, kc, c, ldc, j0, nr, acc);
                }
            }

            for (; i < r1; i++)
            {
                Kernel1x16(a, i, ars, acs, bp, kc, c, ldc, j0, nr, acc);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel6x16(
        ReadOnlySpan<double> a, int i, int ars, int acs, ReadOnlySpan<double> bp, int kc,
        Span<double> c, int ldc, int j0, int nr, bool acc)
    {
        ref double ra = ref MemoryMarshal.GetReference(a);
        ref double rb = ref MemoryMarshal.GetReference(bp);
        Vector512<double> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<double> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        nint a0 = (nint)i * ars;
        nint s = ars;
        nint step = acs;
        for (int p = 0; p < kc; p++)
        {
            Vector512<double> b0 = Vector512.LoadUnsafe(ref rb, (nuint)(p * Nr));
            Vector512<double> b1 = Vector512.LoadUnsafe(ref rb, (nuint)((p * Nr) + 8));
            Vector512<double> x = Vector512.Create(Unsafe.Add(ref ra, a0));
            c00 = Vector512.FusedMultiplyAdd(x, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(Unsafe.Add(ref ra, a0 + s));
            c10 = Vector512.FusedMultiplyAdd(x, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
            x = Vector512.Create(Unsafe.Add(ref ra, a0 + (2 * s)));
            c20 = Vector512.FusedMultiplyAdd(x, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
            x = Vector512.Create(Unsafe.Add(ref ra, a0 + (3 * s)));
            c30 = Vector512.FusedMultiplyAdd(x, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
            x = Vector512.Create(Unsafe.Add(ref ra, a0 + (4 * s)));
            c40 = Vector512.FusedMultiplyAdd(x, b0, c40);
            c41 = Vector512.FusedMultiplyAdd(x, b1, c41);
            x = Vector512.Create(Unsafe.Add(ref ra, a0 + (5 * s)));
            c50 = Vector512.FusedMultiplyAdd(x, b0, c50);
            c51 = Vector512.FusedMultiplyAdd(x, b1, c51);
            a0 += step;
        }

        Store(c, ((i + 0) * ldc) + j0, nr, acc, c00, c01);
        Store(c, ((i + 1) * ldc) + j0, nr, acc, c10, c11);
        Store(c, ((i + 2) * ldc) + j0, nr, acc, c20, c21);
        Store(c, ((i + 3) * ldc) + j0, nr, acc, c30, c31);
        Store(c, ((i + 4) * ldc) + j0, nr, acc, c40, c41);
        Store(c, ((i + 5) * ldc) + j0, nr, acc, c50, c51);
    }

    private static void Kernel1x16(
        ReadOnlySpan<double> a, int i, int ars, int acs, ReadOnlySpan<double> bp, int kc,
        Span<double> c, int ldc, int j0, int nr, bool acc)
    {
        ref double rb = ref MemoryMarshal.GetReference(bp);
        Vector256<double> v0 = default, v1 = default, v2 = default, v3 = default;
        int a0 = i * ars;
        for (int p = 0; p < kc; p++)
        {
            var x = Vector256.Create(a[a0 + (p * acs)]);
            nuint o = (nuint)(p * Nr);
            v0 = Vector256.FusedMultiplyAdd(x, Vector256.LoadUnsafe(ref rb, o), v0);
            v1 = Vector256.FusedMultiplyAdd(x, Vector256.LoadUnsafe(ref rb, o + 4), v1);
            v2 = Vector256.FusedMultiplyAdd(x, Vector256.LoadUnsafe(ref rb, o + 8), v2);
            v3 = Vector256.FusedMultiplyAdd(x, Vector256.LoadUnsafe(ref rb, o + 12), v3);
        }

        Span<double> tile = stackalloc double[Nr];
        v0.CopyTo(tile);
        v1.CopyTo(tile[4..]);
        v2.CopyTo(tile[8..]);
        v3.CopyTo(tile[12..]);
        Span<double> dst = c.Slice((i * ldc) + j0, nr);
        for (int j = 0; j < nr; j++)
        {
            dst[j] = acc ? dst[j] + tile[j] : tile[j];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Span<double> c, int offset, int nr, bool acc, Vector512<double> lo, Vector512<double> hi)
    {
        if (nr == Nr)
        {
            ref double rc = ref MemoryMarshal.GetReference(c);
            if (acc)
            {
                lo += Vector512.LoadUnsafe(ref rc, (nuint)offset);
                hi += Vector512.LoadUnsafe(ref rc, (nuint)offset + 8);
            }

            lo.StoreUnsafe(ref rc, (nuint)offset);
            hi.StoreUnsafe(ref rc, (nuint)offset + 8);
            return;
        }

        Span<double> tile = stackalloc double[Nr];
        lo.CopyTo(tile);
        hi.CopyTo(tile[8..]);
        Span<double> dst = c.Slice(offset, nr);
        for (int j = 0; j < nr; j++)
        {
            dst[j] = acc ? dst[j] + tile[j] : tile[j];
        }
    }
}
