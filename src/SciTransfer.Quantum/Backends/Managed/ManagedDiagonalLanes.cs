using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SciTransfer.Quantum.Backends.Managed;

/// <summary>
/// Diagonal one-wire gates (RZ, Z, S, phase; CZ and other controlled diagonals) with the target or a control on
/// wire 0 or 1: one Vector512 holds the 4 amplitudes of wires 0 and 1, so the factors of those wires become a
/// per-lane pattern and the gate streams over contiguous runs of whole vectors (the runs set by the fixed wires
/// >= 2), instead of scaling runs of one or two amplitudes (CZ(1, t) ran 2x slower on wires 2..13 than on 14+,
/// docs/quantum.md). Same conventions as <see cref="ManagedWireKernels.DiagonalRuns"/>: interleaved complex128
/// state, pairs [start, end) of the gate's enumeration over the wires that are neither target nor control.
/// </summary>
internal static class ManagedDiagonalLanes
{
    // Runs of up to 2^(11 + 2) amplitudes (gaps up to 128 KiB) read their region first; longer gaps are skipped.
    private const int TouchExtraBits = 2;

    /// <summary>True when this path handles the gate: a fixed wire among 0 and 1, at least 3 qubits, whole vectors in [start, end).</summary>
    public static bool Handles(int n, int t, long ctrl, long start, long end)
    {
        long fixedBits = ctrl | (1L << t);
        if (n < 3 || (fixedBits & 3) == 0 || !Vector512.IsHardwareAccelerated)
        {
            return false;
        }

        long lanesPerVector = 1L << BitOperations.PopCount((ulong)(~fixedBits & 3)); // pairs per vector
        return (start & (lanesPerVector - 1)) == 0 && (end & (lanesPerVector - 1)) == 0;
    }

    /// <summary>Diagonal 2x2 (m[0], m[6] complex) on wire t under controls <paramref name="ctrl"/>, pairs [start, end) (see <see cref="Handles"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply(Span<double> s, int n, int t, long ctrl, ReadOnlySpan<double> m, long start, long end)
    {
        long fixedBits = ctrl | (1L << t);
        int f = BitOperations.PopCount((ulong)(~fixedBits & 3)); // free wires among 0, 1: pairs per vector = 2^f
        long cLow = ctrl & 3, cHigh = ctrl & ~3L, highFixed = fixedBits & ~3L;
        long freeVec = ManagedKernels.FreeMask(n, fixedBits) >> 2; // free wires >= 2, as vector-index bits
        int p2 = highFixed == 0 ? n : BitOperations.TrailingZeroCount(highFixed); // runs of 2^p2 amplitudes
        long runVectors = 1L << (p2 - 2);
        long stride = 1L << t;

        // Lane patterns: for t >= 2 one for the target-0 vector (factor m0) and one for target-1 (m6); for t < 2 one
        // pattern holds both. Lanes whose controls are not all 1 keep their amplitude bit for bit (select, no multiply).
        var (frA, fiA, keepA, anyA) = Pattern(cLow, t < 2 ? t : -1, m[0], m[1], m[6], m[7]);
        var (frB, fiB, keepB, anyB) = t < 2 ? (frA, fiA, keepA, false) : Pattern(cLow, -1, m[6], m[7], m[6], m[7]);
        // Runs shorter than a region leave gaps the hardware prefetcher stumbles over (docs/quantum.md): read each
        // region in address order first, as ManagedWireKernels does for the middle wires of one-wire gates.
        int regionBits = ManagedWireKernels.MinRegionPairBits + 1; // amplitudes: 2^11 = 32 KiB
        bool touch = n >= ManagedWireKernels.MinBlockedQubits && p2 < regionBits + TouchExtraBits;
        regionBits = Math.Max(regionBits, p2 + 1);
        long lastRegion = -1;
        ref double r = ref MemoryMarshal.GetReference(s);
        long g = start >> f, gEnd = end >> f;
        while (g < gEnd)
        {
            long count = Math.Min(gEnd - g, runVectors - (g & (runVectors - 1)));
            long i0 = (ManagedKernels.Deposit(g, freeVec) << 2) | cHigh;
            if (touch && i0 >> regionBits != lastRegion)
            {
                lastRegion = i0 >> regionBits;
                ManagedWireKernels.TouchRegion(s, lastRegion << (regionBits - 1), 1L << (regionBits - 1));
            }

            if (anyA)
            {
                Multiply(ref Unsafe.Add(ref r, (nint)(2 * i0)), count, frA, fiA, keepA);
            }

            if (anyB)
            {
                Multiply(ref Unsafe.Add(ref r, (nint)(2 * (i0 + stride))), count, frB, fiB, keepB);
            }

            g += count;
        }
    }

    // Per-lane factors of one vector (4 amplitudes = wires 0, 1): lane k gets z0 (or z1 when lowTarget >= 0 and bit
    // lowTarget of k is 1) if (k & cLow) == cLow, else it is kept. Returns (re parts, signed im parts, keep mask, any
    // lane whose factor is not exactly 1).
    private static (Vector512<double> Fr, Vector512<double> Fi, Vector512<double> Keep, bool Any) Pattern(
        long cLow, int lowTarget, double z0r, double z0i, double z1r, double z1i)
    {
        Span<double> fr = stackalloc double[8], fi = stackalloc double[8], keep = stackalloc double[8];
        bool any = false;
        for (int k = 0; k < 4; k++)
        {
            bool active = (k & cLow) == cLow;
            bool one = lowTarget >= 0 && ((k >> lowTarget) & 1) == 1;
            double zr = active ? (one ? z1r : z0r) : 1, zi = active ? (one ? z1i : z0i) : 0;
            any |= active && (zr != 1 || zi != 0);
            fr[2 * k] = zr;
            fr[(2 * k) + 1] = zr;
            fi[2 * k] = -zi;
            fi[(2 * k) + 1] = zi;
            double bits = active ? 0.0 : BitConverter.Int64BitsToDouble(-1L);
            keep[2 * k] = bits;
            keep[(2 * k) + 1] = bits;
        }

        return (Vector512.Create<double>(fr), Vector512.Create<double>(fi), Vector512.Create<double>(keep), any);
    }

    // v <- pattern * v over `vectors` consecutive Vector512s, as (zr re - zi im, zr im + zi re) without fused
    // multiply-adds (bitwise the scalar kernel's result); kept lanes are selected unchanged.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Multiply(ref double p, long vectors, Vector512<double> fr, Vector512<double> fi, Vector512<double> keep)
    {
        if (fi == Vector512<double>.Zero)
        {
            // Real factors (CZ, Z, controlled Z): zr re - 0 im = zr re, and kept lanes have zr = 1 exactly.
            for (nint k = 0; k < 8 * vectors; k += 8)
            {
                ref double q = ref Unsafe.Add(ref p, k);
                (Vector512.LoadUnsafe(ref q) * fr).StoreUnsafe(ref q);
            }

            return;
        }

        var swap = Vector512.Create(1L, 0, 3, 2, 5, 4, 7, 6);
        for (nint k = 0; k < 8 * vectors; k += 8)
        {
            ref double q = ref Unsafe.Add(ref p, k);
            var v = Vector512.LoadUnsafe(ref q);
            Vector512.ConditionalSelect(keep, v, (v * fr) + (Vector512.Shuffle(v, swap) * fi)).StoreUnsafe(ref q);
        }
    }
}
