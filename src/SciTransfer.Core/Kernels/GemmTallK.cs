using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SciTransfer.Core.Kernels;

/// <summary>
/// The tall-k path of <see cref="Gemm"/>: C[m, n] (+)= A^T B with A stored [k, m] and B [k, n], small m and n
/// and long k; the weight gradients of a layer, S^T dZ (PINN: 50 x 50 x 40,000) and dA^T [x | h | 1] (LSTM:
/// 256 x 75 x 3,072). The general path covers n in panels of 16 columns and m in tiles of 8 rows, so a width
/// of 50 = 3 x 16 + 2 leaves a 2-column panel and a 2-row tile that cost about as much as full ones, once per
/// 256-long k block. Here a tile is 3 or 4 rows by the full width of up to 7 vectors of 8 (56 columns; lanes
/// past n are computed and dropped), so the spare 2 columns ride in the last vector of each row.
/// <para>
/// Results are bit-identical to the general path: each element is summed in the same order, one FMA chain
/// from zero per 256-long k block (two chains, even and odd p, for the last 1-2 rows when m mod 8 is 1 or 2,
/// as <see cref="KernelRow"/> does), then C = C + block. Thread bands split the tiles, and each element is
/// still computed by one thread in that order, so results do not depend on the thread count.
/// </para>
/// </summary>
public static partial class Gemm
{
    /// <summary>Most vectors of 8 columns in one tall-k tile (3 or 4 rows of accumulators, at most 28 registers).</summary>
    private const int TallMaxVectors = 7;

    /// <summary>A compile-time count for the generic kernels: the JIT drops the accumulators a count does not use.</summary>
    private interface ICount
    {
        static abstract int N { get; }
    }

    /// <summary>Rows p per k sub-block (even, see <see cref="TallPairChains{TW}"/>): 64 rows of a 50-wide B are 25.6 KB, so they stay in L1 across a sub-block's tiles.</summary>
    private const int TallSubRows = 32;

    /// <summary>Doubles to save one tile's chains between sub-blocks: 4 x 7 vectors, or 2 x 2 x 7 for the pair rows.</summary>
    private const int TallSaveSlots = 4 * TallMaxVectors * 8;

    [ThreadStatic]
    private static double[]? s_tallPad;

    [ThreadStatic]
    private static double[]? s_tallSave;

    /// <summary>
    /// Whether C = A^T B goes the tall-k way: AVX-512, B not transposed, at least 2 columns (n = 1 is a
    /// matrix-vector product) and k of at least two 256-long blocks (shorter k gains nothing measurable).
    /// </summary>
    private static bool UsesTallK(bool transA, bool transB, int n, int k) =>
        Vector512.IsHardwareAccelerated && transA && !transB && n >= 2 && k >= 2 * Kc;

    /// <summary>C[m, n] (+)= A^T B, A stored [k, m] (leading dimension lda), B [k, n] (ldb); extents checked by the caller.</summary>
    private static unsafe void MultiplyTallK(
        ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, Span<double> c, int ldc,
        int m, int n, int k, bool accumulate, int threads)
    {
        int tail = m % Mr;
        int pairRows = tail <= 2 ? tail : 0;
        int plain = m - pairRows;
        int vectors = (n + 7) / 8;
        int panels = (vectors + TallMaxVectors - 1) / TallMaxVectors;
        int width = (vectors + panels - 1) / panels;
        int tileRows = width <= 5 ? 4 : 3;
        int tiles = (plain + tileRows - 1) / tileRows;
        int units = tiles + (pairRows > 0 ? 1 : 0);
        var shape = new TallShape(m, n, k, lda, ldb, ldc, b.Length, plain, pairRows, width, tileRows, tiles, accumulate);
        int bands = threads > 1 && units >= 2 && (long)m * n * k >= 1_000_000 ? Math.Min(threads, units) : 1;
        fixed (double* pa = a)
        fixed (double* pb = b)
        fixed (double* pc = c)
        {
            if (bands == 1)
            {
                TallBand(pa, pb, pc, shape, 0, units);
                return;
            }

            nint ia = (nint)pa, ib = (nint)pb, ic = (nint)pc;
            Parallel.For(0, bands, new ParallelOptions { MaxDegreeOfParallelism = threads }, band =>
                TallBand((double*)ia, (double*)ib, (double*)ic, shape, (int)((long)units * band / bands), (int)((long)units * (band + 1) / bands)));
        }
    }

    /// <summary>Tiles u0..u1 (the pair rows are the last unit) over every k block, k sub-block and column panel.</summary>
    private static unsafe void TallBand(double* a, double* b, double* c, in TallShape s, int u0, int u1)
    {
        int panelCols = s.Width * 8;
        int panels = (s.N + panelCols - 1) / panelCols;
        int saveLen = (u1 - u0) * panels * TallSaveSlots;
        double[] save = s_tallSave is { } sv && sv.Length >= saveLen ? sv : (s_tallSave = new double[saveLen]);
        fixed (double* ps = save)
        {
            for (int k0 = 0; k0 < s.K; k0 += Kc)
            {
                int kc = Math.Min(Kc, s.K - k0);
                bool acc = s.Accumulate || k0 > 0;
                for (int q0 = 0; q0 < kc; q0 += TallSubRows)
                {
                    int qc = Math.Min(TallSubRows, kc - q0);
                    var sub = new TallSub(k0 + q0, qc, q0 == 0, q0 + qc == kc, acc);
                    for (int pnl = 0; pnl < panels; pnl++)
                    {
                        int j0 = pnl * panelCols;
                        int cols = Math.Min(panelCols, s.N - j0);
                        TallPanel(a, b, c, s, sub, u0, u1, j0, cols, ps + (pnl * TallSaveSlots), panels * TallSaveSlots);
                    }
                }
            }
        }
    }

    /// <summary>One column panel of one k sub-block for tiles u0..u1; each tile's chains are saved at save + (u - u0) * stride.</summary>
    private static unsafe void TallPanel(
        double* a, double* b, double* c, in TallShape s, in TallSub q, int u0, int u1, int j0, int cols, double* save, int stride)
    {
        int w = (cols + 7) / 8;
        double* bp = b + ((nint)q.P0 * s.Ldb) + j0;
        int nextRows = Math.Min(TallSubRows, s.K - q.P0 - q.Count);
        var next = new TallNext(a + ((nint)(q.P0 + q.Count) * s.Lda), j0 == 0 ? s.M : 0, b + ((nint)(q.P0 + q.Count) * s.Ldb) + j0, cols, nextRows);

        // The last vector of a row reads up to 7 values past the panel: in the next row of B, except near B's
        // end, where the sub-block is copied, zero padded, so no read leaves the operand.
        if (((long)(q.P0 + q.Count - 1) * s.Ldb) + j0 + (8L * w) <= s.BLength)
        {
            TallUnits(a, bp, s.Ldb, c, s, q, next, u0, u1, j0, cols, w, save, stride);
            return;
        }

        int padLen = q.Count * 8 * w;
        double[] pad = s_tallPad is { } pd && pd.Length >= padLen ? pd : (s_tallPad = new double[Math.Max(padLen, TallSubRows * 8 * TallMaxVectors)]);
        Array.Clear(pad, 0, padLen);
        for (int p = 0; p < q.Count; p++)
        {
            new ReadOnlySpan<double>(bp + ((nint)p * s.Ldb), cols).CopyTo(pad.AsSpan(p * 8 * w, cols));
        }

        fixed (double* pp = pad)
        {
            TallUnits(a, pp, 8 * w, c, s, q, next, u0, u1, j0, cols, w, save, stride);
        }
    }

    private static unsafe void TallUnits(
        double* a, double* bp, nint bs, double* c, in TallShape s, in TallSub q, in TallNext next, int u0, int u1, int j0, int cols, int w, double* save, int stride)
    {
        nint lda = s.Lda, ldc = s.Ldc;
        double* ak = a + ((nint)q.P0 * lda);
        int units = u1 - u0;
        for (int u = u0; u < u1; u++)
        {
            // The first tile of a sub-block would wait for its rows to come from memory: each tile asks for
            // its share of the next sub-block's rows of A and B ahead of time.
            if (next.Rows > 0)
            {
                int r0 = next.Rows * (u - u0) / units, r1 = next.Rows * (u - u0 + 1) / units;
                Prefetch(next.A, lda, r0, r1, next.ACols);
                Prefetch(next.B, s.Ldb, r0, r1, next.BCols);
            }

            double* sv = save + ((nint)(u - u0) * stride);
            if (u < s.Tiles)
            {
                int i = u * s.TileRows;
                int rows = Math.Min(s.TileRows, s.Plain - i);

                // Missing rows of a partial tile read row 0 of the tile again; their sums are not stored.
                nint o1 = rows > 1 ? 1 : 0, o2 = rows > 2 ? 2 : 0, o3 = rows > 3 ? 3 : 0;
                double* ct = c + ((nint)i * ldc) + j0;
                if (s.TileRows == 4)
                {
                    TallTile4(w, ak + i, lda, o1, o2, o3, bp, bs, q.Count, ct, ldc, rows, cols, q.Accumulate, sv, q.First, q.Last);
                }
                else
                {
                    TallTile3(w, ak + i, lda, o1, o2, bp, bs, q.Count, ct, ldc, rows, cols, q.Accumulate, sv, q.First, q.Last);
                }
            }
            else
            {
                nint o1 = s.PairRows > 1 ? 1 : 0;
                double* ct = c + ((nint)s.Plain * ldc) + j0;
                TallPair(w, ak + s.Plain, lda, o1, bp, bs, q.Count, ct, ldc, s.PairRows, cols, q.Accumulate, sv, q.First, q.Last);
            }
        }
    }

    private static unsafe void TallTile4(
        int w, double* a, nint lda, nint o1, nint o2, nint o3, double* b, nint bs, int kc, double* c, nint ldc, int rows, int cols, bool acc, double* sv, bool first, bool last)
    {
        switch (w)
        {
            case 1: TallChains<N4, N1>(a, lda, o1, o2, o3, b, bs, kc, c, ldc, rows, cols, acc, sv, first, last); break;
            case 2: TallChains<N4, N2>(a, lda, o1, o2, o3, b, bs, kc, c, ldc, rows, cols, acc, sv, first, last); break;
            case 3: TallChains<N4, N3>(a, lda, o1, o2, o3, b, bs, kc, c, ldc, rows, cols, acc, sv, first, last); break;
            case 4: TallChains<N4, N4>(a, lda, o1, o2, o3, b, bs, kc, c, ldc, rows, cols, acc, sv, first, last); break;
            default: TallChains<N4, N5>(a, lda, o1, o2, o3, b, bs, kc, c, ldc, rows, cols, acc, sv, first, last); break;
        }
    }

    private static unsafe void TallTile3(
        int w, double* a, nint lda, nint o1, nint o2, double* b, nint bs, int kc, double* c, nint ldc, int rows, int cols, bool acc, double* sv, bool first, bool last)
    {
        switch (w)
        {
            case 1: TallChains<N3, N1>(a, lda, o1, o2, 0, b, bs, kc, c, ldc, rows, cols, acc, sv, first, last); break;
            case 2: TallChains<N3, N2>(a, lda, o1, o2, 0, b, bs, kc, c, ldc, rows, cols, acc, sv, first, last); break;
            case 3: TallChains<N3, N3>(a, lda, o1, o2, 0, b, bs, kc, c, ldc, rows, cols, acc, sv, first, last); break;
            case 4: TallChains<N3, N4>(a, lda, o1, o2, 0, b, bs, kc, c, ldc, rows, cols, acc, sv, first, last); break;
            case 5: TallChains<N3, N5>(a, lda, o1, o2, 0, b, bs, kc, c, ldc, rows, cols, acc, sv, first, last); break;
            case 6: TallChains<N3, N6>(a, lda, o1, o2, 0, b, bs, kc, c, ldc, rows, cols, acc, sv, first, last); break;
            default: TallChains<N3, N7>(a, lda, o1, o2, 0, b, bs, kc, c, ldc, rows, cols, acc, sv, first, last); break;
        }
    }

    private static unsafe void TallPair(
        int w, double* a, nint lda, nint o1, double* b, nint bs, int kc, double* c, nint ldc, int rows, int cols, bool acc, double* sv, bool first, bool last)
    {
        switch (w)
        {
            case 1: TallPairChains<N1>(a, lda, o1, b, bs, kc, c, ldc, rows, cols, acc, sv, first, last); break;
            case 2: TallPairChains<N2>(a, lda, o1, b, bs, kc, c, ldc, rows, cols, acc, sv, first, last); break;
            case 3: TallPairChains<N3>(a, lda, o1, b, bs, kc, c, ldc, rows, cols, acc, sv, first, last); break;
            case 4: TallPairChains<N4>(a, lda, o1, b, bs, kc, c, ldc, rows, cols, acc, sv, first, last); break;
            case 5: TallPairChains<N5>(a, lda, o1, b, bs, kc, c, ldc, rows, cols, acc, sv, first, last); break;
            case 6: TallPairChains<N6>(a, lda, o1, b, bs, kc, c, ldc, rows, cols, acc, sv, first, last); break;
            default: TallPairChains<N7>(a, lda, o1, b, bs, kc, c, ldc, rows, cols, acc, sv, first, last); break;
        }
    }

    /// <summary>Asks the cache for rows r0..r1 of [rows, cols] at p (leading dimension ld); a hint only, results do not depend on it.</summary>
    private static unsafe void Prefetch(double* p, nint ld, int r0, int r1, int cols)
    {
        if (cols <= 0 || !Sse.IsSupported)
        {
            return;
        }

        for (int r = r0; r < r1; r++)
        {
            double* row = p + (r * ld);
            for (int j = 0; j < cols; j += 8)
            {
                Sse.Prefetch0(row + j);
            }

            Sse.Prefetch0(row + cols - 1);
        }
    }

    /// <summary>C = C + s (or s) on the first <paramref name="lanes"/> of 8 (C + s: the same sum as the general path's tile add).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Put(double* dst, Vector512<double> s, int lanes, bool acc)
    {
        if (lanes >= 8)
        {
            (acc ? Vector512.Load(dst) + s : s).Store(dst);
            return;
        }

        for (int l = 0; l < lanes; l++)
        {
            dst[l] = acc ? dst[l] + s.GetElement(l) : s.GetElement(l);
        }
    }

    /// <summary>
    /// Up to 4 rows x up to 7 vectors of C over rows p of one k sub-block: every element is one FMA chain over p
    /// (the order of <see cref="Kernel8x16"/>), started from zero (<paramref name="first"/>) or from
    /// <paramref name="save"/>, and at the k block's end (<paramref name="last"/>) C = C + chain (or C = chain),
    /// else saved (a store and a load are exact, so the chain is unchanged). Row r of op(A) is a[p * lda + off_r];
    /// row p of B is b[p * ldb], read as TW.N vectors (lanes past <paramref name="cols"/> are computed and
    /// dropped). The JIT drops the accumulators that TR.N and TW.N, constants of each instantiation, do not use.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void TallChains<TR, TW>(
        double* a, nint lda, nint o1, nint o2, nint o3, double* b, nint ldb, int kc, double* c, nint ldc, int rows, int cols, bool acc, double* save, bool first, bool last)
        where TR : struct, ICount
        where TW : struct, ICount
    {
        Vector512<double> c00 = default, c01 = default, c02 = default, c03 = default, c04 = default, c05 = default, c06 = default;
        Vector512<double> c10 = default, c11 = default, c12 = default, c13 = default, c14 = default, c15 = default, c16 = default;
        Vector512<double> c20 = default, c21 = default, c22 = default, c23 = default, c24 = default, c25 = default, c26 = default;
        Vector512<double> c30 = default, c31 = default, c32 = default, c33 = default, c34 = default, c35 = default, c36 = default;
        if (!first)
        {
            c00 = Vector512.Load(save + 0);
            if (TW.N > 1)
            {
                c01 = Vector512.Load(save + 8);
            }

            if (TW.N > 2)
            {
                c02 = Vector512.Load(save + 16);
            }

            if (TW.N > 3)
            {
                c03 = Vector512.Load(save + 24);
            }

            if (TW.N > 4)
            {
                c04 = Vector512.Load(save + 32);
            }

            if (TW.N > 5)
            {
                c05 = Vector512.Load(save + 40);
            }

            if (TW.N > 6)
            {
                c06 = Vector512.Load(save + 48);
            }

            c10 = Vector512.Load(save + 56);
            if (TW.N > 1)
            {
                c11 = Vector512.Load(save + 64);
            }

            if (TW.N > 2)
            {
                c12 = Vector512.Load(save + 72);
            }

            if (TW.N > 3)
            {
                c13 = Vector512.Load(save + 80);
            }

            if (TW.N > 4)
            {
                c14 = Vector512.Load(save + 88);
            }

            if (TW.N > 5)
            {
                c15 = Vector512.Load(save + 96);
            }

            if (TW.N > 6)
            {
                c16 = Vector512.Load(save + 104);
            }

            c20 = Vector512.Load(save + 112);
            if (TW.N > 1)
            {
                c21 = Vector512.Load(save + 120);
            }

            if (TW.N > 2)
            {
                c22 = Vector512.Load(save + 128);
            }

            if (TW.N > 3)
            {
                c23 = Vector512.Load(save + 136);
            }

            if (TW.N > 4)
            {
                c24 = Vector512.Load(save + 144);
            }

            if (TW.N > 5)
            {
                c25 = Vector512.Load(save + 152);
            }

            if (TW.N > 6)
            {
                c26 = Vector512.Load(save + 160);
            }

            if (TR.N > 3)
            {
                c30 = Vector512.Load(save + 168);
            }

            if (TW.N > 1 && TR.N > 3)
            {
                c31 = Vector512.Load(save + 176);
            }

            if (TW.N > 2 && TR.N > 3)
            {
                c32 = Vector512.Load(save + 184);
            }

            if (TW.N > 3 && TR.N > 3)
            {
                c33 = Vector512.Load(save + 192);
            }

            if (TW.N > 4 && TR.N > 3)
            {
                c34 = Vector512.Load(save + 200);
            }

            if (TW.N > 5 && TR.N > 3)
            {
                c35 = Vector512.Load(save + 208);
            }

            if (TW.N > 6 && TR.N > 3)
            {
                c36 = Vector512.Load(save + 216);
            }
        }
        
        for (int p = 0; p < kc; p++)
        {
            Vector512<double> x0 = Vector512.Create(a[0]);
            Vector512<double> x1 = Vector512.Create(a[o1]);
            Vector512<double> x2 = Vector512.Create(a[o2]);
            Vector512<double> x3 = TR.N > 3 ? Vector512.Create(a[o3]) : default;
            Vector512<double> b0 = Vector512.Load(b + 0);
            c00 = Vector512.FusedMultiplyAdd(x0, b0, c00);
            c10 = Vector512.FusedMultiplyAdd(x1, b0, c10);
            c20 = Vector512.FusedMultiplyAdd(x2, b0, c20);
            if (TR.N > 3)
            {
                c30 = Vector512.FusedMultiplyAdd(x3, b0, c30);
            }

            if (TW.N > 1)
            {
                Vector512<double> b1 = Vector512.Load(b + 8);
                c01 = Vector512.FusedMultiplyAdd(x0, b1, c01);
                c11 = Vector512.FusedMultiplyAdd(x1, b1, c11);
                c21 = Vector512.FusedMultiplyAdd(x2, b1, c21);
                if (TR.N > 3)
                {
                    c31 = Vector512.FusedMultiplyAdd(x3, b1, c31);
                }
            }

            if (TW.N > 2)
            {
                Vector512<double> b2 = Vector512.Load(b + 16);
                c02 = Vector512.FusedMultiplyAdd(x0, b2, c02);
                c12 = Vector512.FusedMultiplyAdd(x1, b2, c12);
                c22 = Vector512.FusedMultiplyAdd(x2, b2, c22);
                if (TR.N > 3)
                {
                    c32 = Vector512.FusedMultiplyAdd(x3, b2, c32);
                }
            }

            if (TW.N > 3)
            {
                Vector512<double> b3 = Vector512.Load(b + 24);
                c03 = Vector512.FusedMultiplyAdd(x0, b3, c03);
                c13 = Vector512.FusedMultiplyAdd(x1, b3, c13);
                c23 = Vector512.FusedMultiplyAdd(x2, b3, c23);
                if (TR.N > 3)
                {
                    c33 = Vector512.FusedMultiplyAdd(x3, b3, c33);
                }
            }

            if (TW.N > 4)
            {
                Vector512<double> b4 = Vector512.Load(b + 32);
                c04 = Vector512.FusedMultiplyAdd(x0, b4, c04);
                c14 = Vector512.FusedMultiplyAdd(x1, b4, c14);
                c24 = Vector512.FusedMultiplyAdd(x2, b4, c24);
                if (TR.N > 3)
                {
                    c34 = Vector512.FusedMultiplyAdd(x3, b4, c34);
                }
            }

            if (TW.N > 5)
            {
                Vector512<double> b5 = Vector512.Load(b + 40);
                c05 = Vector512.FusedMultiplyAdd(x0, b5, c05);
                c15 = Vector512.FusedMultiplyAdd(x1, b5, c15);
                c25 = Vector512.FusedMultiplyAdd(x2, b5, c25);
                if (TR.N > 3)
                {
                    c35 = Vector512.FusedMultiplyAdd(x3, b5, c35);
                }
            }

            if (TW.N > 6)
            {
                Vector512<double> b6 = Vector512.Load(b + 48);
                c06 = Vector512.FusedMultiplyAdd(x0, b6, c06);
                c16 = Vector512.FusedMultiplyAdd(x1, b6, c16);
                c26 = Vector512.FusedMultiplyAdd(x2, b6, c26);
                if (TR.N > 3)
                {
                    c36 = Vector512.FusedMultiplyAdd(x3, b6, c36);
                }
            }

            a += lda;
            b += ldb;
        }
        
        if (!last)
        {
            c00.Store(save + 0);
            if (TW.N > 1)
            {
                c01.Store(save + 8);
            }

            if (TW.N > 2)
            {
                c02.Store(save + 16);
            }

            if (TW.N > 3)
            {
                c03.Store(save + 24);
            }

            if (TW.N > 4)
            {
                c04.Store(save + 32);
            }

            if (TW.N > 5)
            {
                c05.Store(save + 40);
            }

            if (TW.N > 6)
            {
                c06.Store(save + 48);
            }

            c10.Store(save + 56);
            if (TW.N > 1)
            {
                c11.Store(save + 64);
            }

            if (TW.N > 2)
            {
                c12.Store(save + 72);
            }

            if (TW.N > 3)
            {
                c13.Store(save + 80);
            }

            if (TW.N > 4)
            {
                c14.Store(save + 88);
            }

            if (TW.N > 5)
            {
                c15.Store(save + 96);
            }

            if (TW.N > 6)
            {
                c16.Store(save + 104);
            }

            c20.Store(save + 112);
            if (TW.N > 1)
            {
                c21.Store(save + 120);
            }

            if (TW.N > 2)
            {
                c22.Store(save + 128);
            }

            if (TW.N > 3)
            {
                c23.Store(save + 136);
            }

            if (TW.N > 4)
            {
                c24.Store(save + 144);
            }

            if (TW.N > 5)
            {
                c25.Store(save + 152);
            }

            if (TW.N > 6)
            {
                c26.Store(save + 160);
            }

            if (TR.N > 3)
            {
                c30.Store(save + 168);
            }

            if (TW.N > 1 && TR.N > 3)
            {
                c31.Store(save + 176);
            }

            if (TW.N > 2 && TR.N > 3)
            {
                c32.Store(save + 184);
            }

            if (TW.N > 3 && TR.N > 3)
            {
                c33.Store(save + 192);
            }

            if (TW.N > 4 && TR.N > 3)
            {
                c34.Store(save + 200);
            }

            if (TW.N > 5 && TR.N > 3)
            {
                c35.Store(save + 208);
            }

            if (TW.N > 6 && TR.N > 3)
            {
                c36.Store(save + 216);
            }

            return;
        }
        
        if (rows > 0)
        {
            Put(c + (0 * ldc) + 0, c00, cols - 0, acc);
            if (TW.N > 1)
            {
                Put(c + (0 * ldc) + 8, c01, cols - 8, acc);
            }

            if (TW.N > 2)
            {
                Put(c + (0 * ldc) + 16, c02, cols - 16, acc);
            }

            if (TW.N > 3)
            {
                Put(c + (0 * ldc) + 24, c03, cols - 24, acc);
            }

            if (TW.N > 4)
            {
                Put(c + (0 * ldc) + 32, c04, cols - 32, acc);
            }

            if (TW.N > 5)
            {
                Put(c + (0 * ldc) + 40, c05, cols - 40, acc);
            }

            if (TW.N > 6)
            {
                Put(c + (0 * ldc) + 48, c06, cols - 48, acc);
            }
        }
        
        if (rows > 1)
        {
            Put(c + (1 * ldc) + 0, c10, cols - 0, acc);
            if (TW.N > 1)
            {
                Put(c + (1 * ldc) + 8, c11, cols - 8, acc);
            }

            if (TW.N > 2)
            {
                Put(c + (1 * ldc) + 16, c12, cols - 16, acc);
            }

            if (TW.N > 3)
            {
                Put(c + (1 * ldc) + 24, c13, cols - 24, acc);
            }

            if (TW.N > 4)
            {
                Put(c + (1 * ldc) + 32, c14, cols - 32, acc);
            }

            if (TW.N > 5)
            {
                Put(c + (1 * ldc) + 40, c15, cols - 40, acc);
            }

            if (TW.N > 6)
            {
                Put(c + (1 * ldc) + 48, c16, cols - 48, acc);
            }
        }
        
        if (rows > 2)
        {
            Put(c + (2 * ldc) + 0, c20, cols - 0, acc);
            if (TW.N > 1)
            {
                Put(c + (2 * ldc) + 8, c21, cols - 8, acc);
            }

            if (TW.N > 2)
            {
                Put(c + (2 * ldc) + 16, c22, cols - 16, acc);
            }

            if (TW.N > 3)
            {
                Put(c + (2 * ldc) + 24, c23, cols - 24, acc);
            }

            if (TW.N > 4)
            {
                Put(c + (2 * ldc) + 32, c24, cols - 32, acc);
            }

            if (TW.N > 5)
            {
                Put(c + (2 * ldc) + 40, c25, cols - 40, acc);
            }

            if (TW.N > 6)
            {
                Put(c + (2 * ldc) + 48, c26, cols - 48, acc);
            }
        }
        
        if (rows > 3 && TR.N > 3)
        {
            Put(c + (3 * ldc) + 0, c30, cols - 0, acc);
            if (TW.N > 1)
            {
                Put(c + (3 * ldc) + 8, c31, cols - 8, acc);
            }

            if (TW.N > 2)
            {
                Put(c + (3 * ldc) + 16, c32, cols - 16, acc);
            }

            if (TW.N > 3)
            {
                Put(c + (3 * ldc) + 24, c33, cols - 24, acc);
            }

            if (TW.N > 4)
            {
                Put(c + (3 * ldc) + 32, c34, cols - 32, acc);
            }

            if (TW.N > 5)
            {
                Put(c + (3 * ldc) + 40, c35, cols - 40, acc);
            }

            if (TW.N > 6)
            {
                Put(c + (3 * ldc) + 48, c36, cols - 48, acc);
            }
        }
    }

    /// <summary>
    /// One or two rows x up to 7 vectors of C, like <see cref="TallChains{TR, TW}"/> but each element summed as two
    /// FMA chains (even and odd p of the k block, an odd last p on the even one) added at the end: the order of
    /// <see cref="KernelRow"/>, which the general path uses for the last 1-2 rows of m (m mod 8 in {1, 2}).
    /// Sub-blocks other than the last must have an even length.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void TallPairChains<TW>(
        double* a, nint lda, nint o1, double* b, nint ldb, int kc, double* c, nint ldc, int rows, int cols, bool acc, double* save, bool first, bool last)
        where TW : struct, ICount
    {
        Vector512<double> c00 = default, c01 = default, c02 = default, c03 = default, c04 = default, c05 = default, c06 = default;
        Vector512<double> d00 = default, d01 = default, d02 = default, d03 = default, d04 = default, d05 = default, d06 = default;
        Vector512<double> c10 = default, c11 = default, c12 = default, c13 = default, c14 = default, c15 = default, c16 = default;
        Vector512<double> d10 = default, d11 = default, d12 = default, d13 = default, d14 = default, d15 = default, d16 = default;
        if (!first)
        {
            c00 = Vector512.Load(save + 0);
            if (TW.N > 1)
            {
                c01 = Vector512.Load(save + 8);
            }

            if (TW.N > 2)
            {
                c02 = Vector512.Load(save + 16);
            }

            if (TW.N > 3)
            {
                c03 = Vector512.Load(save + 24);
            }

            if (TW.N > 4)
            {
                c04 = Vector512.Load(save + 32);
            }

            if (TW.N > 5)
            {
                c05 = Vector512.Load(save + 40);
            }

            if (TW.N > 6)
            {
                c06 = Vector512.Load(save + 48);
            }

            c10 = Vector512.Load(save + 56);
            if (TW.N > 1)
            {
                c11 = Vector512.Load(save + 64);
            }

            if (TW.N > 2)
            {
                c12 = Vector512.Load(save + 72);
            }

            if (TW.N > 3)
            {
                c13 = Vector512.Load(save + 80);
            }

            if (TW.N > 4)
            {
                c14 = Vector512.Load(save + 88);
            }

            if (TW.N > 5)
            {
                c15 = Vector512.Load(save + 96);
            }

            if (TW.N > 6)
            {
                c16 = Vector512.Load(save + 104);
            }

            d00 = Vector512.Load(save + 112);
            if (TW.N > 1)
            {
                d01 = Vector512.Load(save + 120);
            }

            if (TW.N > 2)
            {
                d02 = Vector512.Load(save + 128);
            }

            if (TW.N > 3)
            {
                d03 = Vector512.Load(save + 136);
            }

            if (TW.N > 4)
            {
                d04 = Vector512.Load(save + 144);
            }

            if (TW.N > 5)
            {
                d05 = Vector512.Load(save + 152);
            }

            if (TW.N > 6)
            {
                d06 = Vector512.Load(save + 160);
            }

            d10 = Vector512.Load(save + 168);
            if (TW.N > 1)
            {
                d11 = Vector512.Load(save + 176);
            }

            if (TW.N > 2)
            {
                d12 = Vector512.Load(save + 184);
            }

            if (TW.N > 3)
            {
                d13 = Vector512.Load(save + 192);
            }

            if (TW.N > 4)
            {
                d14 = Vector512.Load(save + 200);
            }

            if (TW.N > 5)
            {
                d15 = Vector512.Load(save + 208);
            }

            if (TW.N > 6)
            {
                d16 = Vector512.Load(save + 216);
            }
        }
        
        int p = 0;
        for (; p + 2 <= kc; p += 2)
        {
            {
                Vector512<double> x0 = Vector512.Create(a[0]);
                Vector512<double> x1 = Vector512.Create(a[o1]);
                Vector512<double> b0 = Vector512.Load(b + 0);
                c00 = Vector512.FusedMultiplyAdd(x0, b0, c00);
                c10 = Vector512.FusedMultiplyAdd(x1, b0, c10);
                if (TW.N > 1)
                {
                    Vector512<double> b1 = Vector512.Load(b + 8);
                    c01 = Vector512.FusedMultiplyAdd(x0, b1, c01);
                    c11 = Vector512.FusedMultiplyAdd(x1, b1, c11);
                }

                if (TW.N > 2)
                {
                    Vector512<double> b2 = Vector512.Load(b + 16);
                    c02 = Vector512.FusedMultiplyAdd(x0, b2, c02);
                    c12 = Vector512.FusedMultiplyAdd(x1, b2, c12);
                }

                if (TW.N > 3)
                {
                    Vector512<double> b3 = Vector512.Load(b + 24);
                    c03 = Vector512.FusedMultiplyAdd(x0, b3, c03);
                    c13 = Vector512.FusedMultiplyAdd(x1, b3, c13);
                }

                if (TW.N > 4)
                {
                    Vector512<double> b4 = Vector512.Load(b + 32);
                    c04 = Vector512.FusedMultiplyAdd(x0, b4, c04);
                    c14 = Vector512.FusedMultiplyAdd(x1, b4, c14);
                }

                if (TW.N > 5)
                {
                    Vector512<double> b5 = Vector512.Load(b + 40);
                    c05 = Vector512.FusedMultiplyAdd(x0, b5, c05);
                    c15 = Vector512.FusedMultiplyAdd(x1, b5, c15);
                }

                if (TW.N > 6)
                {
                    Vector512<double> b6 = Vector512.Load(b + 48);
                    c06 = Vector512.FusedMultiplyAdd(x0, b6, c06);
                    c16 = Vector512.FusedMultiplyAdd(x1, b6, c16);
                }
            }

            {
                Vector512<double> x0 = Vector512.Create(a[lda]);
                Vector512<double> x1 = Vector512.Create(a[lda + o1]);
                Vector512<double> b0 = Vector512.Load(b + ldb + 0);
                d00 = Vector512.FusedMultiplyAdd(x0, b0, d00);
                d10 = Vector512.FusedMultiplyAdd(x1, b0, d10);
                if (TW.N > 1)
                {
                    Vector512<double> b1 = Vector512.Load(b + ldb + 8);
                    d01 = Vector512.FusedMultiplyAdd(x0, b1, d01);
                    d11 = Vector512.FusedMultiplyAdd(x1, b1, d11);
                }

                if (TW.N > 2)
                {
                    Vector512<double> b2 = Vector512.Load(b + ldb + 16);
                    d02 = Vector512.FusedMultiplyAdd(x0, b2, d02);
                    d12 = Vector512.FusedMultiplyAdd(x1, b2, d12);
                }

                if (TW.N > 3)
                {
                    Vector512<double> b3 = Vector512.Load(b + ldb + 24);
                    d03 = Vector512.FusedMultiplyAdd(x0, b3, d03);
                    d13 = Vector512.FusedMultiplyAdd(x1, b3, d13);
                }

                if (TW.N > 4)
                {
                    Vector512<double> b4 = Vector512.Load(b + ldb + 32);
                    d04 = Vector512.FusedMultiplyAdd(x0, b4, d04);
                    d14 = Vector512.FusedMultiplyAdd(x1, b4, d14);
                }

                if (TW.N > 5)
                {
                    Vector512<double> b5 = Vector512.Load(b + ldb + 40);
                    d05 = Vector512.FusedMultiplyAdd(x0, b5, d05);
                    d15 = Vector512.FusedMultiplyAdd(x1, b5, d15);
                }

                if (TW.N > 6)
                {
                    Vector512<double> b6 = Vector512.Load(b + ldb + 48);
                    d06 = Vector512.FusedMultiplyAdd(x0, b6, d06);
                    d16 = Vector512.FusedMultiplyAdd(x1, b6, d16);
                }
            }

            a += 2 * lda;
            b += 2 * ldb;
        }
        
        if (p < kc)
        {
            Vector512<double> x0 = Vector512.Create(a[0]);
            Vector512<double> x1 = Vector512.Create(a[o1]);
            Vector512<double> b0 = Vector512.Load(b + 0);
            c00 = Vector512.FusedMultiplyAdd(x0, b0, c00);
            c10 = Vector512.FusedMultiplyAdd(x1, b0, c10);
            if (TW.N > 1)
            {
                Vector512<double> b1 = Vector512.Load(b + 8);
                c01 = Vector512.FusedMultiplyAdd(x0, b1, c01);
                c11 = Vector512.FusedMultiplyAdd(x1, b1, c11);
            }

            if (TW.N > 2)
            {
                Vector512<double> b2 = Vector512.Load(b + 16);
                c02 = Vector512.FusedMultiplyAdd(x0, b2, c02);
                c12 = Vector512.FusedMultiplyAdd(x1, b2, c12);
            }

            if (TW.N > 3)
            {
                Vector512<double> b3 = Vector512.Load(b + 24);
                c03 = Vector512.FusedMultiplyAdd(x0, b3, c03);
                c13 = Vector512.FusedMultiplyAdd(x1, b3, c13);
            }

            if (TW.N > 4)
            {
                Vector512<double> b4 = Vector512.Load(b + 32);
                c04 = Vector512.FusedMultiplyAdd(x0, b4, c04);
                c14 = Vector512.FusedMultiplyAdd(x1, b4, c14);
            }

            if (TW.N > 5)
            {
                Vector512<double> b5 = Vector512.Load(b + 40);
                c05 = Vector512.FusedMultiplyAdd(x0, b5, c05);
                c15 = Vector512.FusedMultiplyAdd(x1, b5, c15);
            }

            if (TW.N > 6)
            {
                Vector512<double> b6 = Vector512.Load(b + 48);
                c06 = Vector512.FusedMultiplyAdd(x0, b6, c06);
                c16 = Vector512.FusedMultiplyAdd(x1, b6, c16);
            }
        }
        
        if (!last)
        {
            c00.Store(save + 0);
            if (TW.N > 1)
            {
                c01.Store(save + 8);
            }

            if (TW.N > 2)
            {
                c02.Store(save + 16);
            }

            if (TW.N > 3)
            {
                c03.Store(save + 24);
            }

            if (TW.N > 4)
            {
                c04.Store(save + 32);
            }

            if (TW.N > 5)
            {
                c05.Store(save + 40);
            }

            if (TW.N > 6)
            {
                c06.Store(save + 48);
            }

            c10.Store(save + 56);
            if (TW.N > 1)
            {
                c11.Store(save + 64);
            }

            if (TW.N > 2)
            {
                c12.Store(save + 72);
            }

            if (TW.N > 3)
            {
                c13.Store(save + 80);
            }

            if (TW.N > 4)
            {
                c14.Store(save + 88);
            }

            if (TW.N > 5)
            {
                c15.Store(save + 96);
            }

            if (TW.N > 6)
            {
                c16.Store(save + 104);
            }

            d00.Store(save + 112);
            if (TW.N > 1)
            {
                d01.Store(save + 120);
            }

            if (TW.N > 2)
            {
                d02.Store(save + 128);
            }

            if (TW.N > 3)
            {
                d03.Store(save + 136);
            }

            if (TW.N > 4)
            {
                d04.Store(save + 144);
            }

            if (TW.N > 5)
            {
                d05.Store(save + 152);
            }

            if (TW.N > 6)
            {
                d06.Store(save + 160);
            }

            d10.Store(save + 168);
            if (TW.N > 1)
            {
                d11.Store(save + 176);
            }

            if (TW.N > 2)
            {
                d12.Store(save + 184);
            }

            if (TW.N > 3)
            {
                d13.Store(save + 192);
            }

            if (TW.N > 4)
            {
                d14.Store(save + 200);
            }

            if (TW.N > 5)
            {
                d15.Store(save + 208);
            }

            if (TW.N > 6)
            {
                d16.Store(save + 216);
            }

            return;
        }
        
        if (rows > 0)
        {
            Put(c + (0 * ldc) + 0, c00 + d00, cols - 0, acc);
            if (TW.N > 1)
            {
                Put(c + (0 * ldc) + 8, c01 + d01, cols - 8, acc);
            }

            if (TW.N > 2)
            {
                Put(c + (0 * ldc) + 16, c02 + d02, cols - 16, acc);
            }

            if (TW.N > 3)
            {
                Put(c + (0 * ldc) + 24, c03 + d03, cols - 24, acc);
            }

            if (TW.N > 4)
            {
                Put(c + (0 * ldc) + 32, c04 + d04, cols - 32, acc);
            }

            if (TW.N > 5)
            {
                Put(c + (0 * ldc) + 40, c05 + d05, cols - 40, acc);
            }

            if (TW.N > 6)
            {
                Put(c + (0 * ldc) + 48, c06 + d06, cols - 48, acc);
            }
        }
        
        if (rows > 1)
        {
            Put(c + (1 * ldc) + 0, c10 + d10, cols - 0, acc);
            if (TW.N > 1)
            {
                Put(c + (1 * ldc) + 8, c11 + d11, cols - 8, acc);
            }

            if (TW.N > 2)
            {
                Put(c + (1 * ldc) + 16, c12 + d12, cols - 16, acc);
            }

            if (TW.N > 3)
            {
                Put(c + (1 * ldc) + 24, c13 + d13, cols - 24, acc);
            }

            if (TW.N > 4)
            {
                Put(c + (1 * ldc) + 32, c14 + d14, cols - 32, acc);
            }

            if (TW.N > 5)
            {
                Put(c + (1 * ldc) + 40, c15 + d15, cols - 40, acc);
            }

            if (TW.N > 6)
            {
                Put(c + (1 * ldc) + 48, c16 + d16, cols - 48, acc);
            }
        }
    }

    /// <summary>Rows P0..P0+Count of B in one k sub-block; First and Last: whether it starts or ends its 256-long k block.</summary>
    private readonly record struct TallSub(int P0, int Count, bool First, bool Last, bool Accumulate);

    /// <summary>The rows of A (all m columns, or none) and of one B panel that the next k sub-block reads.</summary>
    private readonly unsafe struct TallNext(double* a, int aCols, double* b, int bCols, int rows)
    {
        public double* A { get; } = a;

        public int ACols { get; } = aCols;

        public double* B { get; } = b;

        public int BCols { get; } = bCols;

        public int Rows { get; } = rows;
    }

    /// <summary>Extents and layout of one tall-k product.</summary>
    private readonly record struct TallShape(
        int M, int N, int K, int Lda, int Ldb, int Ldc, int BLength, int Plain, int PairRows, int Width, int TileRows, int Tiles, bool Accumulate);

    private struct N1 : ICount
    {
        public static int N => 1;
    }

    private struct N2 : ICount
    {
        public static int N => 2;
    }

    private struct N3 : ICount
    {
        public static int N => 3;
    }

    private struct N4 : ICount
    {
        public static int N => 4;
    }

    private struct N5 : ICount
    {
        public static int N => 5;
    }

    private struct N6 : ICount
    {
        public static int N => 6;
    }

    private struct N7 : ICount
    {
        public static int N => 7;
    }
}
