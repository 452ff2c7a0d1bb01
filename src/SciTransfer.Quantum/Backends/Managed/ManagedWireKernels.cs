using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SciTransfer.Quantum.Backends.Managed;

/// <summary>
/// One-wire kernels whose memory access order is chosen per target wire, so that a gate costs about the same
/// on every wire of a large state (docs/quantum.md, "cost across wires"). Same conventions as
/// <see cref="ManagedKernels"/>: interleaved complex128 state, pair range [start, end) of the gate's enumeration.
/// <para>
/// Why: with the pair (i, i + 2^t) walked as two streams, targets whose half-block 2^t amplitudes is 512 B to
/// 32 KiB (t = 5..11) ran 1.5 - 2.1x slower than t &lt;= 4 or t >= 12 at 26 qubits on the development machine
/// (process CPU time; reproduced by a stand-alone two-stream loop, so not the backend's bookkeeping). Copying each
/// pair block to a buffer, or reading each small block in address order first, did not remove it; reading a region
/// of at least 32 KiB (<see cref="MinRegionPairBits"/>: 2^10 pairs = 2^11 amplitudes, several blocks, within L1) in
/// address order and THEN running the two streams inside it did: 41 - 45 ms at every t = 2..12 against 42 - 88 ms
/// for plain streams (stand-alone, 2026-12-06 04:52 UTC, load average 20; 128 KiB regions gave 46 - 49 ms, 512 KiB
/// 48 - 51 ms). The read-ahead is one sequential stream the hardware prefetcher follows; the butterfly then hits L1.
/// </para>
/// </summary>
internal static class ManagedWireKernels
{
    /// <summary>Lowest target wire that takes the region path (lower wires already stream at full rate).</summary>
    public const int MinBlockedWire = 5;

    /// <summary>Highest target wire that takes the region path (pair block 64 KiB; higher wires stream at full rate).</summary>
    public const int MaxTouchedWire = 11;

    /// <summary>Smallest region read in address order first: 2^10 pairs = 2^11 amplitudes = 32 KiB (within L1); a region is one pair block when that is larger.</summary>
    public const int MinRegionPairBits = 10;

    /// <summary>Diagonal gates on middle wires read regions of 2^14 amplitudes (256 KiB, within L2) in address order first.</summary>
    public const int TouchRegionBits = 14;

    // Keeps the touch loads alive (their sum is otherwise unused).
    private static double _sink;

    /// <summary>Smallest state (qubits) that takes the region paths: 2^18 amplitudes = 4 MiB, beyond L2; smaller states stay in cache.</summary>
    public const int MinBlockedQubits = 18;

    /// <summary>Pair-range alignment that lets every chunk of a split gate take the region path (whole regions).</summary>
    public const long ChunkAlignment = 1L << (MaxTouchedWire + 1);

    /// <summary>True when target t of an n-qubit state on pairs [start, end) takes the region path: whole regions only.</summary>
    public static bool IsBlocked(int n, int t, long start, long end)
    {
        long mask = ChunkAlignment - 1;
        return n >= MinBlockedQubits && t is >= MinBlockedWire and <= MaxTouchedWire && (start & mask) == 0 && (end & mask) == 0;
    }

    /// <summary>Pairs per region for target t: 2^max(<see cref="MinRegionPairBits"/>, t), whole pair blocks.</summary>
    public static long RegionPairs(int t) => 1L << Math.Max(MinRegionPairBits, t);

    /// <summary>
    /// Reads the region of pairs [firstPair, firstPair + pairs) in address order. With firstPair and pairs multiples
    /// of the pair block 2^t, those pairs are the contiguous amplitudes [2 firstPair, 2 (firstPair + pairs)).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void TouchRegion(Span<double> s, long firstPair, long pairs)
    {
        ref double q = ref Unsafe.Add(ref MemoryMarshal.GetReference(s), (nint)(4 * firstPair));
        var touched = Vector512<double>.Zero;
        for (nint k = 0; k < 4 * pairs; k += 8)
        {
            touched += Vector512.LoadUnsafe(ref Unsafe.Add(ref q, k));
        }

        _sink = touched.GetElement(0);
    }

    /// <summary>Real 2x2 matrix (m[0], m[2]; m[4], m[6]) on wire t, whole regions [start, end) (see <see cref="IsBlocked"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RealBlocked(Span<double> s, int t, ReadOnlySpan<double> m, long start, long end)
    {
        long region = RegionPairs(t);
        for (long r0 = start; r0 < end; r0 += region)
        {
            TouchRegion(s, r0, region);
            RealStreams(s, t, m, r0, r0 + region);
        }
    }

    /// <summary>
    /// Real 2x2 matrix on wire t >= 2 for pairs [start, end) (multiples of 4): the a and b halves of each block walked
    /// as two contiguous streams (no per-element index arithmetic).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RealStreams(Span<double> s, int t, ReadOnlySpan<double> m, long start, long end)
    {
        var m00 = Vector512.Create(m[0]);
        var m01 = Vector512.Create(m[2]);
        var m10 = Vector512.Create(m[4]);
        var m11 = Vector512.Create(m[6]);
        long stride = 1L << t;
        ref double r = ref MemoryMarshal.GetReference(s);
        long j = start;
        while (j < end)
        {
            long k0 = j & (stride - 1);
            long count = Math.Min(end - j, stride - k0); // pairs left in this block
            ref double pa = ref Unsafe.Add(ref r, (nint)(2 * (((j >> t) << (t + 1)) | k0)));
            ref double pb = ref Unsafe.Add(ref pa, (nint)(2 * stride));
            for (nint k = 0; k < 2 * count; k += 8)
            {
                ref double qa = ref Unsafe.Add(ref pa, k);
                ref double qb = ref Unsafe.Add(ref pb, k);
                var a = Vector512.LoadUnsafe(ref qa);
                var b = Vector512.LoadUnsafe(ref qb);
                Vector512.FusedMultiplyAdd(m00, a, m01 * b).StoreUnsafe(ref qa);
                Vector512.FusedMultiplyAdd(m10, a, m11 * b).StoreUnsafe(ref qb);
            }

            j += count;
        }
    }

    /// <summary>
    /// Diagonal 2x2 (m[0], m[6] complex) on wire t under controls <paramref name="ctrl"/>, for pairs [start, end):
    /// amplitudes are scaled in contiguous runs of 2^p (p = lowest wire among target and controls), and a half whose
    /// factor is exactly 1 (CZ, controlled phase) is not touched at all.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void DiagonalRuns(Span<double> s, int n, int t, long ctrl, ReadOnlySpan<double> m, long start, long end)
    {
        if (ManagedDiagonalLanes.Handles(n, t, ctrl, start, end))
        {
            ManagedDiagonalLanes.Apply(s, n, t, ctrl, m, start, end);
            return;
        }

        long fixedBits = ctrl | (1L << t);
        int p = System.Numerics.BitOperations.TrailingZeroCount(fixedBits);
        long run = 1L << p;
        long freeHigh = ManagedKernels.FreeMask(n, fixedBits) >> p;
        long stride = 1L << t;
        bool scaleA = m[0] != 1 || m[1] != 0, scaleB = m[6] != 1 || m[7] != 0;

        // Fixed wires in 2..13 leave touched runs and skipped gaps of 64 B - 128 KiB, which ran 2 - 7x slower than
        // either all lines or long runs (CZ(1, 2) touching every other line took 2.3x the time of touching all);
        // reading each 256 KiB region in address order first makes it one stream.
        bool touch = n >= MinBlockedQubits && (fixedBits & ~3L) != 0 && fixedBits < 1L << TouchRegionBits;
        long lastRegion = -1;
        var touched = Vector512<double>.Zero;
        ref double r = ref MemoryMarshal.GetReference(s);
        long j = start;
        while (j < end)
        {
            long lo = j & (run - 1);
            long count = Math.Min(end - j, run - lo);
            long i0 = (ManagedKernels.Deposit(j >> p, freeHigh) << p) | ctrl | lo;
            if (touch && i0 >> TouchRegionBits != lastRegion)
            {
                lastRegion = i0 >> TouchRegionBits;
                ref double q = ref Unsafe.Add(ref r, (nint)(lastRegion << (TouchRegionBits + 1)));
                for (nint k = 0; k < 2 << TouchRegionBits; k += 8)
                {
                    touched += Vector512.LoadUnsafe(ref Unsafe.Add(ref q, k));
                }
            }
            if (scaleA)
            {
                Scale(ref Unsafe.Add(ref r, (nint)(2 * i0)), 2 * count, m[0], m[1]);
            }

            if (scaleB)
            {
                Scale(ref Unsafe.Add(ref r, (nint)(2 * (i0 + stride))), 2 * count, m[6], m[7]);
            }

            j += count;
        }

        _sink = touched.GetElement(0);
    }

    // v <- (zr + i zi) v over `doubles` interleaved doubles, as (zr re - zi im, zr im + zi re) without fused multiply-adds,
    // so results are bitwise those of the scalar kernel (and the same whichever amplitudes fall in the vector body or tail).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Scale(ref double p, long doubles, double zr, double zi)
    {
        nint k = 0;
        var fr = Vector512.Create(zr);
        var fi = Vector512.Create(-zi, zi, -zi, zi, -zi, zi, -zi, zi);
        var swap = Vector512.Create(1L, 0, 3, 2, 5, 4, 7, 6);
        for (; k + 8 <= doubles; k += 8)
        {
            ref double q = ref Unsafe.Add(ref p, k);
            var v = Vector512.LoadUnsafe(ref q);
            ((v * fr) + (Vector512.Shuffle(v, swap) * fi)).StoreUnsafe(ref q);
        }

        if (k + 4 <= doubles)
        {
            // Runs of two amplitudes (a control or target on wire 1): one Vector256, same arithmetic.
            var fr2 = Vector256.Create(zr);
            var fi2 = Vector256.Create(-zi, zi, -zi, zi);
            for (; k + 4 <= doubles; k += 4)
            {
                ref double q = ref Unsafe.Add(ref p, k);
                var v = Vector256.LoadUnsafe(ref q);
                ((v * fr2) + (Vector256.Shuffle(v, Vector256.Create(1L, 0, 3, 2)) * fi2)).StoreUnsafe(ref q);
            }
        }

        for (; k < doubles; k += 2)
        {
            double re = Unsafe.Add(ref p, k), im = Unsafe.Add(ref p, k + 1);
            Unsafe.Add(ref p, k) = (zr * re) - (zi * im);
            Unsafe.Add(ref p, k + 1) = (zr * im) + (zi * re);
        }
    }
}
