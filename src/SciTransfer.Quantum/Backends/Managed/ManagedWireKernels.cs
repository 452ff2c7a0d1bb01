using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SciTransfer.Quantum.Backends.Managed;

/// <summary>
/// One-wire kernels whose memory access order is chosen per target wire, so that a gate costs about the same
/// on every wire of a large state (docs/quantum.md, "cost across wires"). Same conventions as
/// <see cref="ManagedKernels"/>: interleaved complex128 state, pair range [start, end) of the gate's enumeration.
/// <para>
/// Why: with the pair (i, i + 2^t) walked line by line, targets whose pair block 2^(t+1) amplitudes is 1 KiB to
/// 64 KiB (t = 5..11) ran 1.5 - 2.3x slower than t = 0..4 or t >= 14 on the development machine (measured in process
/// CPU time, 22 - 26 qubits): the two interleaved streams restart every block. Offsetting one stream by 64 or 512
/// bytes changed nothing (not cache-set or 4K aliasing), software prefetch ahead in pair order helped little, while
/// reading each block once in address order before the butterfly removed most of the penalty. So blocks up to 8 KiB
/// are copied to a stack buffer (one sequential read stream, then the a-half and b-half results written in address
/// order), and blocks up to 64 KiB are read once in address order (so they sit in L1/L2) before the butterfly.
/// </para>
/// </summary>
internal static class ManagedWireKernels
{
    /// <summary>Lowest target wire that takes a blocked path (blocks below 1 KiB already stream well).</summary>
    public const int MinBlockedWire = 5;

    /// <summary>Highest target wire whose pair block (2^(t+1) amplitudes = 2^(t+5) bytes, 8 KiB) is copied to a buffer.</summary>
    public const int MaxBufferedWire = 8;

    /// <summary>Highest target wire whose pair block (64 KiB) is read in address order before the butterfly.</summary>
    public const int MaxTouchedWire = 11;

    /// <summary>Diagonal gates on middle wires read regions of 2^14 amplitudes (256 KiB, within L2) in address order first.</summary>
    public const int TouchRegionBits = 14;

    // Keeps the touch loads alive (their sum is otherwise unused).
    private static double _sink;

    /// <summary>Smallest state (qubits) that takes the blocked paths: 2^18 amplitudes = 4 MiB, beyond L2; smaller states stay in cache.</summary>
    public const int MinBlockedQubits = 18;

    /// <summary>Pair-range alignment that lets every chunk of a split gate take the blocked path (whole blocks for t up to <see cref="MaxTouchedWire"/>).</summary>
    public const long ChunkAlignment = 1L << MaxTouchedWire;

    /// <summary>True when <see cref="RealBlocked"/> handles target t of an n-qubit state on [start, end): whole blocks of 2^t pairs only.</summary>
    public static bool IsBlocked(int n, int t, long start, long end)
    {
        long mask = (1L << t) - 1;
        return n >= MinBlockedQubits && t is >= MinBlockedWire and <= MaxTouchedWire && (start & mask) == 0 && (end & mask) == 0;
    }

    /// <summary>Real 2x2 matrix (m[0], m[2]; m[4], m[6]) on wire t, whole pair blocks [start, end) (see <see cref="IsBlocked"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RealBlocked(Span<double> s, int t, ReadOnlySpan<double> m, long start, long end)
    {
        var m00 = Vector512.Create(m[0]);
        var m01 = Vector512.Create(m[2]);
        var m10 = Vector512.Create(m[4]);
        var m11 = Vector512.Create(m[6]);
        int half = 2 << t; // doubles in the a-half (and in the b-half) of one block
        ref double r = ref MemoryMarshal.GetReference(s);
        // The buffer starts on a 64-byte boundary like the state (ManagedState): split vector loads cost up to 40 %.
        Span<double> buffer = stackalloc double[(4 << MaxBufferedWire) + 8];
        ref double sc = ref MemoryMarshal.GetReference(buffer);
        nint address;
        unsafe
        {
            address = (nint)Unsafe.AsPointer(ref sc);
        }

        sc = ref Unsafe.Add(ref sc, ((64 - (address & 63)) & 63) / 8);
        var touched = Vector512<double>.Zero;
        for (long blk = start >> t; blk < end >> t; blk++)
        {
            ref double pa = ref Unsafe.Add(ref r, (nint)(blk << (t + 2)));
            ref double pb = ref Unsafe.Add(ref pa, half);
            if (t <= MaxBufferedWire)
            {
                // One sequential read of the block into the buffer, then the outputs in address order.
                for (int k = 0; k < 2 * half; k += 8)
                {
                    Vector512.LoadUnsafe(ref Unsafe.Add(ref pa, k)).StoreUnsafe(ref Unsafe.Add(ref sc, k));
                }

                ref double sb = ref Unsafe.Add(ref sc, half);
                for (int k = 0; k < half; k += 8)
                {
                    var a = Vector512.LoadUnsafe(ref Unsafe.Add(ref sc, k));
                    var b = Vector512.LoadUnsafe(ref Unsafe.Add(ref sb, k));
                    Vector512.FusedMultiplyAdd(m00, a, m01 * b).StoreUnsafe(ref Unsafe.Add(ref pa, k));
                }

                for (int k = 0; k < half; k += 8)
                {
                    var a = Vector512.LoadUnsafe(ref Unsafe.Add(ref sc, k));
                    var b = Vector512.LoadUnsafe(ref Unsafe.Add(ref sb, k));
                    Vector512.FusedMultiplyAdd(m10, a, m11 * b).StoreUnsafe(ref Unsafe.Add(ref pb, k));
                }
            }
            else
            {
                // Read the block once in address order (it then sits in L1/L2), then the butterfly from cache.
                for (int k = 0; k < 2 * half; k += 8)
                {
                    touched += Vector512.LoadUnsafe(ref Unsafe.Add(ref pa, k));
                }

                for (int k = 0; k < half; k += 8)
                {
                    ref double qa = ref Unsafe.Add(ref pa, k);
                    ref double qb = ref Unsafe.Add(ref pb, k);
                    var a = Vector512.LoadUnsafe(ref qa);
                    var b = Vector512.LoadUnsafe(ref qb);
                    Vector512.FusedMultiplyAdd(m00, a, m01 * b).StoreUnsafe(ref qa);
                    Vector512.FusedMultiplyAdd(m10, a, m11 * b).StoreUnsafe(ref qb);
                }
            }
        }

        _sink = touched.GetElement(0);
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
