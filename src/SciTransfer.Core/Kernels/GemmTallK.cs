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
/// past n are computed and dropped), so the spare 2 columns ride in the last vector of each row. k is walked in
/// sub-blocks of 32 rows, so the rows of B that every tile of a sub-block reads stay in L1, and each tile
/// prefetches its share of the next sub-block's rows (without it the first tile of each sub-block waited on
/// memory: 50 x 50 x 40,000 took 4.5-5.6 ms instead of 3.4-3.8).
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

    /// <summary>
    /// Rows p per k sub-block (even, see <see cref="TallPairChains{TW}"/>). Every tile of a sub-block reads its rows
    /// of B (12.8 KB for a 50-wide B), so they stay in L1 from the first tile to the last; 32 measured faster than
    /// 16, 24, 64 and 128 (the chains are saved and reloaded between sub-blocks, which is exact).
    /// </summary>
    private const int TallSubRows = 32;

    /// <summary>Doubles to save one tile's chains between sub-blocks: 4 x 7 vectors, or 2 x 2 x 7 for the pair rows.</summary>
    private const int TallSaveSlots = 4 * TallMaxVectors * 8;

    /// <summary>Largest C (m n) for the tall-k path: 256 KB of doubles, e.g. the LSTM's 256 x 75 and the PINN's 50 x 50.</summary>
    private const long TallMaxOutput = 32_768;

    [ThreadStatic]
    private static double[]? s_tallPad;

    [ThreadStatic]
    private static double[]? s_tallSave;

    /// <summary>
    /// Whether C = A^T B goes the tall-k way: AVX-512, B not transposed, at least 2 columns (n = 1 is a
    /// matrix-vector product), k of at least two 256-long blocks (shorter k gains nothing measurable) and a
    /// small C (at most <see cref="TallMaxOutput"/> elements): every tile's accumulators are saved and reloaded
    /// once per 32-row sub-block, which for a large C would stream all of it through memory that often.
    /// </summary>
    private static bool UsesTallK(bool transA, bool transB, int m, int n, int k) =>
        Vector512.IsHardwareAccelerated && transA && !transB && n >= 2 && k >= 2 * Kc && (long)m * n <= TallMaxOutput;

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
}
