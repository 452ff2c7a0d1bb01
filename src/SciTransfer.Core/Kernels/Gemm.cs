using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SciTransfer.Core.Kernels;

/// <summary>
/// Cache-blocked double-precision matrix multiply, C (+)= op(A) op(B), over row-major spans.
/// The micro-kernel computes an 8 x 16 block of C in registers with Vector512 FMAs (8 x 8 for
/// narrow last panels). Operands are read in place where their layout allows it (A rows or
/// A^T columns as 8 strided streams, B rows as 16 contiguous values); only transposed B, partial
/// tiles and partial panels are packed (zero padded) into small thread-local buffers. Rows of C
/// are processed in blocks of 128 so the A block stays in cache across column panels, and k in
/// blocks of 256. Row blocks may be spread over threads; each C element is written by exactly one
/// thread in a fixed summation order, so results do not depend on the thread count. Weight gradients
/// A^T B with long k and a small C take the tall-k path (GemmTallK.cs), which keeps that order bit for bit.
/// </summary>
public static partial class Gemm
{
    /// <summary>Columns per packed B panel.</summary>
    public const int Nr = 16;

    private const int Mr = 8;
    private const int Mc = 128;
    private const int Kc = 256;

    [ThreadStatic]
    private static double[]? s_packB;

    [ThreadStatic]
    private static double[]? s_small;

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
            ClearIfOverwrite(c, ldc, m, n, accumulate);
            return;
        }

        CheckExtent(a, transA ? k : m, transA ? m : k, lda, "A");
        CheckExtent(b, transB ? n : k, transB ? k : n, ldb, "B");
        CheckExtent(c, m, n, ldc, "C");
        if (n == 1 && !transB && ldb >= 1)
        {
            Gemv(a, lda, transA, b, ldb, c, ldc, m, k, accumulate);
            return;
        }

        if (UsesTallK(transA, transB, m, n, k))
        {
            MultiplyTallK(a, lda, b, ldb, c, ldc, m, n, k, accumulate, threads);
            return;
        }

        int panels = (n + Nr - 1) / Nr;
        for (int k0 = 0; k0 < k; k0 += Kc)
        {
            int kc = Math.Min(Kc, k - k0);
            bool acc = accumulate || k0 > 0;
            if (transB)
            {
                int packLen = panels * kc * Nr;
                double[] pack = s_packB is { } p && p.Length >= packLen ? p : (s_packB = new double[Math.Max(packLen, 4096)]);
                PackB(b, ldb, true, k0, kc, n, pack.AsSpan(0, packLen));
                Run(a, lda, transA, k0, pack.AsSpan(0, packLen), Nr, true, c, ldc, m, n, kc, acc, threads);
            }
            else
            {
                Run(a, lda, transA, k0, b[(k0 * ldb)..], ldb, false, c, ldc, m, n, kc, acc, threads);
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
        if (m == 0 || n == 0)
        {
            return;
        }

        if (k == 0)
        {
            ClearIfOverwrite(c, ldc, m, n, accumulate);
            return;
        }

        CheckExtent(a, transA ? k : m, transA ? m : k, lda, "A");
        CheckExtent(c, m, n, ldc, "C");
        if (packed.Length < PackedLength(k, n))
        {
            throw new ArgumentException($"Gemm.MultiplyPacked: packed B of {packed.Length} is smaller than {PackedLength(k, n)}.");
        }

        int panels = (n + Nr - 1) / Nr;
        for (int k0 = 0; k0 < k; k0 += Kc)
        {
            int kc = Math.Min(Kc, k - k0);
            Run(a, lda, transA, k0, packed.Slice(panels * Nr * k0, panels * Nr * kc), Nr, true, c, ldc, m, n, kc, accumulate || k0 > 0, threads);
        }
    }

    private static void ClearIfOverwrite(Span<double> c, int ldc, int m, int n, bool accumulate)
    {
        if (!accumulate)
        {
            for (int i = 0; i < m; i++)
            {
                c.Slice(i * ldc, n).Clear();
            }
        }
    }

    /// <summary>Matrix-vector case (n = 1): dot products for A, scaled row sums for A^T.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Gemv(ReadOnlySpan<double> a, int lda, bool transA, ReadOnlySpan<double> b, int ldb, Span<double> c, int ldc, int m, int k, bool accumulate)
    {
        double[] buf = s_small is { } sb && sb.Length >= k + m ? sb : (s_small = new double[Math.Max(k + m, 4096)]);
        Span<double> x = buf.AsSpan(0, k);
        for (int p = 0; p < k; p++)
        {
            x[p] = b[p * ldb];
        }

        if (!transA)
        {
            for (int i = 0; i < m; i++)
            {
                double dot = System.Numerics.Tensors.TensorPrimitives.Dot(a.Slice(i * lda, k), x);
                c[i * ldc] = accumulate ? c[i * ldc] + dot : dot;
            }

            return;
        }

        Span<double> y = buf.AsSpan(k, m);
        y.Clear();
        for (int p = 0; p < k; p++)
        {
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(a.Slice(p * lda, m), x[p], y, y);
        }

        for (int i = 0; i < m; i++)
        {
            c[i * ldc] = accumulate ? c[i * ldc] + y[i] : y[i];
        }
    }

    /// <summary>One k block: rows of C split into bands over threads when worthwhile.</summary>
    private static unsafe void Run(
        ReadOnlySpan<double> a, int lda, bool transA, int k0, ReadOnlySpan<double> b, int ldb, bool bPacked,
        Span<double> c, int ldc, int m, int n, int kc, bool acc, int threads)
    {
        int ars = transA ? 1 : lda;
        int acs = transA ? lda : 1;
        ReadOnlySpan<double> aBlock = a[(k0 * acs)..];
        int tiles = (m + Mr - 1) / Mr;
        if (threads <= 1 || tiles < 2 * threads || (long)m * n * kc < 200_000)
        {
            MultiplyRows(aBlock, ars, acs, b, ldb, bPacked, c, ldc, 0, m, n, kc, acc);
            return;
        }

        fixed (double* pa = aBlock)
        fixed (double* pb = b)
        fixed (double* pc = c)
        {
            nint ia = (nint)pa, ib = (nint)pb, ic = (nint)pc;
            int aLen = aBlock.Length, bLen = b.Length, cLen = c.Length;
            int bands = Math.Min(threads, tiles);
            Parallel.For(0, bands, new ParallelOptions { MaxDegreeOfParallelism = threads }, band =>
            {
                int r0 = (int)((long)tiles * band / bands) * Mr;
                int r1 = Math.Min(m, (int)((long)tiles * (band + 1) / bands) * Mr);
                MultiplyRows(
                    new ReadOnlySpan<double>((double*)ia, aLen), ars, acs, new ReadOnlySpan<double>((double*)ib, bLen), ldb, bPacked,
                    new Span<double>((double*)ic, cLen), ldc, r0, r1, n, kc, acc);
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
                    Span<double> d = dst.Slice(p * Nr, Nr);
                    b.Slice(((k0 + p) * ldb) + j0, nr).CopyTo(d);
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

    /// <summary>Packs one partial tile (mr &lt; 8 rows) of op(A) into [k][Mr], zero padded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackTile(ReadOnlySpan<double> a, int ars, int acs, int i0, int mr, int kc, Span<double> d)
    {
        d.Clear();
        for (int r = 0; r < mr; r++)
        {
            for (int p = 0; p < kc; p++)
            {
                d[(p * Mr) + r] = a[((i0 + r) * ars) + (p * acs)];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MultiplyRows(
        ReadOnlySpan<double> a, int ars, int acs, ReadOnlySpan<double> b, int ldb, bool bPacked,
        Span<double> c, int ldc, int r0, int r1, int n, int kc, bool acc)
    {
        int panels = (n + Nr - 1) / Nr;
        Span<double> tile = stackalloc double[Mr * Nr];
        int smallLen = (kc * Mr) + (kc * Nr);
        double[] small = s_small is { } sm && sm.Length >= smallLen ? sm : (s_small = new double[Math.Max(smallLen, Kc * (Mr + Nr))]);
        Span<double> aTile = small.AsSpan(0, kc * Mr);
        Span<double> bPanel = small.AsSpan(kc * Mr, kc * Nr);
        bool wide = Vector512.IsHardwareAccelerated;
        ref double ra0 = ref MemoryMarshal.GetReference(a);

        // A partial last panel of an unpacked B is copied (zero padded) once per call, not once per
        // row block: for a 40000 x 50 x 50 product that was 313 copies, ~10 % of its time.
        int lastNr = n - ((panels - 1) * Nr);
        if (!bPacked && lastNr < Nr)
        {
            bPanel.Clear();
            int jl = (panels - 1) * Nr;
            for (int p = 0; p < kc; p++)
            {
                b.Slice((p * ldb) + jl, lastNr).CopyTo(bPanel.Slice(p * Nr, lastNr));
            }
        }

        for (int rb = r0; rb < r1; rb += Mc)
        {
            int rbEnd = Math.Min(r1, rb + Mc);
            for (int pnl = 0; pnl < panels; pnl++)
            {
                int j0 = pnl * Nr;
                int nr = Math.Min(Nr, n - j0);
                ref double bt = ref Unsafe.NullRef<double>();
                nint bs;
                if (bPacked)
                {
                    bt = ref Unsafe.Add(ref MemoryMarshal.GetReference(b), (nint)pnl * kc * Nr);
                    bs = Nr;
                }
                else if (nr == Nr)
                {
                    bt = ref Unsafe.Add(ref MemoryMarshal.GetReference(b), j0);
                    bs = ldb;
                }
                else
                {
                    bt = ref MemoryMarshal.GetReference(bPanel);
                    bs = Nr;
                }

                for (int i = rb; i < rbEnd; i += Mr)
                {
                    int mr = Math.Min(Mr, r1 - i);
                    int offset = (i * ldc) + j0;
                    if (wide && mr <= 2)
                    {
                        // A few leftover rows (e.g. batch-1 inference): row kernels, no padding to 8 rows.
                        for (int r = 0; r < mr; r++)
                        {
                            KernelRow(ref Unsafe.Add(ref ra0, (nint)(i + r) * ars), acs, ref bt, bs, kc, tile);
                            AddTile(tile, c, offset + (r * ldc), ldc, 1, nr, acc);
                        }

                        continue;
                    }

                    ref double at = ref Unsafe.NullRef<double>();
                    nint rs, cs;
                    if (mr == Mr)
                    {
                        at = ref Unsafe.Add(ref ra0, (nint)i * ars);
                        rs = ars;
                        cs = acs;
                    }
                    else
                    {
                        PackTile(a, ars, acs, i, mr, kc, aTile);
                        at = ref MemoryMarshal.GetReference(aTile);
                        rs = 1;
                        cs = Mr;
                    }

                    if (!wide)
                    {
                        KernelPortable(ref at, rs, cs, ref bt, bs, kc, tile);
                        AddTile(tile, c, offset, ldc, mr, nr, acc);
                    }
                    else if (nr > 8)
                    {
                        Kernel8x16(ref at, rs, cs, ref bt, bs, kc, c, ldc, offset, mr, nr, acc, tile);
                    }
                    else
                    {
                        Kernel8x8(ref at, rs, cs, ref bt, bs, kc, tile);
                        AddTile(tile, c, offset, ldc, mr, nr, acc);
                    }
                }
            }
        }
    }

    /// <summary>8 rows x 16 columns; A element (r, p) at ra[r * rs + p * cs], B row p at rb[p * bs]; accumulators stay in registers (no calls after the loop).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel8x16(
        ref double ra, nint rs, nint cs, ref double rb, nint bs, int kc, Span<double> c, int ldc, int offset, int mr, int nr, bool acc, Span<double> tile)
    {
        Vector512<double> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default;
        Vector512<double> c40 = default, c41 = default, c50 = default, c51 = default, c60 = default, c61 = default, c70 = default, c71 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<double> b0 = Vector512.LoadUnsafe(ref rb);
            Vector512<double> b1 = Vector512.LoadUnsafe(ref rb, 8);
            Vector512<double> x = Vector512.Create(ra);
            c00 = Vector512.FusedMultiplyAdd(x, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(Unsafe.Add(ref ra, rs));
            c10 = Vector512.FusedMultiplyAdd(x, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
            x = Vector512.Create(Unsafe.Add(ref ra, 2 * rs));
            c20 = Vector512.FusedMultiplyAdd(x, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
            x = Vector512.Create(Unsafe.Add(ref ra, 3 * rs));
            c30 = Vector512.FusedMultiplyAdd(x, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
            x = Vector512.Create(Unsafe.Add(ref ra, 4 * rs));
            c40 = Vector512.FusedMultiplyAdd(x, b0, c40);
            c41 = Vector512.FusedMultiplyAdd(x, b1, c41);
            x = Vector512.Create(Unsafe.Add(ref ra, 5 * rs));
            c50 = Vector512.FusedMultiplyAdd(x, b0, c50);
            c51 = Vector512.FusedMultiplyAdd(x, b1, c51);
            x = Vector512.Create(Unsafe.Add(ref ra, 6 * rs));
            c60 = Vector512.FusedMultiplyAdd(x, b0, c60);
            c61 = Vector512.FusedMultiplyAdd(x, b1, c61);
            x = Vector512.Create(Unsafe.Add(ref ra, 7 * rs));
            c70 = Vector512.FusedMultiplyAdd(x, b0, c70);
            c71 = Vector512.FusedMultiplyAdd(x, b1, c71);
            ra = ref Unsafe.Add(ref ra, cs);
            rb = ref Unsafe.Add(ref rb, bs);
        }

        bool full = nr == Nr && mr == Mr;
        ref double rc = ref full ? ref MemoryMarshal.GetReference(c) : ref MemoryMarshal.GetReference(tile);
        nint ld = full ? ldc : Nr;
        nint o = full ? offset : 0;
        if (full && acc)
        {
            c00 += Vector512.LoadUnsafe(ref rc, (nuint)o);
            c01 += Vector512.LoadUnsafe(ref rc, (nuint)(o + 8));
            c10 += Vector512.LoadUnsafe(ref rc, (nuint)(o + ld));
            c11 += Vector512.LoadUnsafe(ref rc, (nuint)(o + ld + 8));
            c20 += Vector512.LoadUnsafe(ref rc, (nuint)(o + (2 * ld)));
            c21 += Vector512.LoadUnsafe(ref rc, (nuint)(o + (2 * ld) + 8));
            c30 += Vector512.LoadUnsafe(ref rc, (nuint)(o + (3 * ld)));
            c31 += Vector512.LoadUnsafe(ref rc, (nuint)(o + (3 * ld) + 8));
            c40 += Vector512.LoadUnsafe(ref rc, (nuint)(o + (4 * ld)));
            c41 += Vector512.LoadUnsafe(ref rc, (nuint)(o + (4 * ld) + 8));
            c50 += Vector512.LoadUnsafe(ref rc, (nuint)(o + (5 * ld)));
            c51 += Vector512.LoadUnsafe(ref rc, (nuint)(o + (5 * ld) + 8));
            c60 += Vector512.LoadUnsafe(ref rc, (nuint)(o + (6 * ld)));
            c61 += Vector512.LoadUnsafe(ref rc, (nuint)(o + (6 * ld) + 8));
            c70 += Vector512.LoadUnsafe(ref rc, (nuint)(o + (7 * ld)));
            c71 += Vector512.LoadUnsafe(ref rc, (nuint)(o + (7 * ld) + 8));
        }

        c00.StoreUnsafe(ref rc, (nuint)o);
        c01.StoreUnsafe(ref rc, (nuint)(o + 8));
        c10.StoreUnsafe(ref rc, (nuint)(o + ld));
        c11.StoreUnsafe(ref rc, (nuint)(o + ld + 8));
        c20.StoreUnsafe(ref rc, (nuint)(o + (2 * ld)));
        c21.StoreUnsafe(ref rc, (nuint)(o + (2 * ld) + 8));
        c30.StoreUnsafe(ref rc, (nuint)(o + (3 * ld)));
        c31.StoreUnsafe(ref rc, (nuint)(o + (3 * ld) + 8));
        c40.StoreUnsafe(ref rc, (nuint)(o + (4 * ld)));
        c41.StoreUnsafe(ref rc, (nuint)(o + (4 * ld) + 8));
        c50.StoreUnsafe(ref rc, (nuint)(o + (5 * ld)));
        c51.StoreUnsafe(ref rc, (nuint)(o + (5 * ld) + 8));
        c60.StoreUnsafe(ref rc, (nuint)(o + (6 * ld)));
        c61.StoreUnsafe(ref rc, (nuint)(o + (6 * ld) + 8));
        c70.StoreUnsafe(ref rc, (nuint)(o + (7 * ld)));
        c71.StoreUnsafe(ref rc, (nuint)(o + (7 * ld) + 8));
        if (!full)
        {
            AddTile(tile, c, offset, ldc, mr, nr, acc);
        }
    }

    /// <summary>8 rows x 8 columns into the tile, for narrow last panels (e.g. the 2 spare columns of a 50-wide layer).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel8x8(ref double ra, nint rs, nint cs, ref double rb, nint bs, int kc, Span<double> tile)
    {
        Vector512<double> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default, c6 = default, c7 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<double> b0 = Vector512.LoadUnsafe(ref rb);
            c0 = Vector512.FusedMultiplyAdd(Vector512.Create(ra), b0, c0);
            c1 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref ra, rs)), b0, c1);
            c2 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref ra, 2 * rs)), b0, c2);
            c3 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref ra, 3 * rs)), b0, c3);
            c4 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref ra, 4 * rs)), b0, c4);
            c5 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref ra, 5 * rs)), b0, c5);
            c6 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref ra, 6 * rs)), b0, c6);
            c7 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref ra, 7 * rs)), b0, c7);
            ra = ref Unsafe.Add(ref ra, cs);
            rb = ref Unsafe.Add(ref rb, bs);
        }

        ref double rt = ref MemoryMarshal.GetReference(tile);
        c0.StoreUnsafe(ref rt, 0);
        c1.StoreUnsafe(ref rt, Nr);
        c2.StoreUnsafe(ref rt, 2 * Nr);
        c3.StoreUnsafe(ref rt, 3 * Nr);
        c4.StoreUnsafe(ref rt, 4 * Nr);
        c5.StoreUnsafe(ref rt, 5 * Nr);
        c6.StoreUnsafe(ref rt, 6 * Nr);
        c7.StoreUnsafe(ref rt, 7 * Nr);
    }

    /// <summary>One row x 16 columns, k split over two accumulator pairs to hide FMA latency.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void KernelRow(ref double ra, nint cs, ref double rb, nint bs, int kc, Span<double> tile)
    {
        Vector512<double> c0 = default, c1 = default, d0 = default, d1 = default;
        int p = 0;
        for (; p + 2 <= kc; p += 2)
        {
            var x = Vector512.Create(ra);
            var y = Vector512.Create(Unsafe.Add(ref ra, cs));
            ref double rb1 = ref Unsafe.Add(ref rb, bs);
            c0 = Vector512.FusedMultiplyAdd(x, Vector512.LoadUnsafe(ref rb), c0);
            c1 = Vector512.FusedMultiplyAdd(x, Vector512.LoadUnsafe(ref rb, 8), c1);
            d0 = Vector512.FusedMultiplyAdd(y, Vector512.LoadUnsafe(ref rb1), d0);
            d1 = Vector512.FusedMultiplyAdd(y, Vector512.LoadUnsafe(ref rb1, 8), d1);
            ra = ref Unsafe.Add(ref ra, 2 * cs);
            rb = ref Unsafe.Add(ref rb, 2 * bs);
        }

        if (p < kc)
        {
            var x = Vector512.Create(ra);
            c0 = Vector512.FusedMultiplyAdd(x, Vector512.LoadUnsafe(ref rb), c0);
            c1 = Vector512.FusedMultiplyAdd(x, Vector512.LoadUnsafe(ref rb, 8), c1);
        }

        ref double rt = ref MemoryMarshal.GetReference(tile);
        (c0 + d0).StoreUnsafe(ref rt);
        (c1 + d1).StoreUnsafe(ref rt, 8);
    }

    /// <summary>Fallback without AVX-512: one tile row at a time with Vector256 (same k order, so same sums up to FMA rounding).</summary>
    private static void KernelPortable(ref double ap, nint rs, nint cs, ref double bp, nint bs, int kc, Span<double> tile)
    {
        for (int r = 0; r < Mr; r++)
        {
            Vector256<double> v0 = default, v1 = default, v2 = default, v3 = default;
            for (int p = 0; p < kc; p++)
            {
                var x = Vector256.Create(Unsafe.Add(ref ap, (p * cs) + (r * rs)));
                ref double b = ref Unsafe.Add(ref bp, p * bs);
                v0 = Vector256.FusedMultiplyAdd(x, Vector256.LoadUnsafe(ref b), v0);
                v1 = Vector256.FusedMultiplyAdd(x, Vector256.LoadUnsafe(ref b, 4), v1);
                v2 = Vector256.FusedMultiplyAdd(x, Vector256.LoadUnsafe(ref b, 8), v2);
                v3 = Vector256.FusedMultiplyAdd(x, Vector256.LoadUnsafe(ref b, 12), v3);
            }

            Span<double> t = tile.Slice(r * Nr, Nr);
            v0.CopyTo(t);
            v1.CopyTo(t[4..]);
            v2.CopyTo(t[8..]);
            v3.CopyTo(t[12..]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddTile(ReadOnlySpan<double> tile, Span<double> c, int offset, int ldc, int mr, int nr, bool acc)
    {
        if (nr <= 4)
        {
            // Narrow remainders (e.g. the 2 last columns of a 50-wide layer, once per 8-row tile):
            // plain element copies; a span copy per row cost more than the tile's products.
            ref double rt = ref MemoryMarshal.GetReference(tile);
            ref double rc = ref MemoryMarshal.GetReference(c.Slice(offset, ((mr - 1) * ldc) + nr));
            for (int r = 0; r < mr; r++)
            {
                ref double dst = ref Unsafe.Add(ref rc, r * ldc);
                ref double src = ref Unsafe.Add(ref rt, r * Nr);
                for (int j = 0; j < nr; j++)
                {
                    Unsafe.Add(ref dst, j) = acc ? Unsafe.Add(ref dst, j) + Unsafe.Add(ref src, j) : Unsafe.Add(ref src, j);
                }
            }

            return;
        }

        for (int r = 0; r < mr; r++)
        {
            ReadOnlySpan<double> src = tile.Slice(r * Nr, nr);
            Span<double> dst = c.Slice(offset + (r * ldc), nr);
            if (acc)
            {
                for (int j = 0; j < nr; j++)
                {
                    dst[j] += src[j];
                }
            }
            else
            {
                src.CopyTo(dst);
            }
        }
    }
}
