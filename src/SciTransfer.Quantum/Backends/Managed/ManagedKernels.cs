using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SciTransfer.Quantum.Backends.Managed;

/// <summary>
/// Gate kernels over one interleaved complex128 state (length 2^(n+1) doubles). Each kernel applies
/// a 2x2 (8 doubles) or 4x4 (32 doubles) row-major complex matrix on the subspace where every control
/// bit is 1. A kernel works on the pair range [pairStart, pairEnd) of its enumeration so callers can
/// split large states over threads; pairs are disjoint, so the chunks never race.
/// </summary>
internal static class ManagedKernels
{
    /// <summary>Pairs (one-wire gates) or quads (two-wire gates) enumerated for a gate.</summary>
    public static long GroupCount(int n, int targets, long controlMask) => 1L << (n - targets - (int)long.PopCount(controlMask));

    /// <summary>Applies a 2x2 matrix on wire <paramref name="t"/> for pair indices [start, end).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply1(Span<double> s, int n, int t, long ctrl, ReadOnlySpan<double> m, long start, long end)
    {
        bool real = m[1] == 0 && m[3] == 0 && m[5] == 0 && m[7] == 0;
        bool diag = m[2] == 0 && m[3] == 0 && m[4] == 0 && m[5] == 0;
        if (ctrl == 0 && !diag)
        {
            int strideDoubles = 2 << t;
            if (real && Vector512.IsHardwareAccelerated && strideDoubles >= 8 && (start & 3) == 0 && (end & 3) == 0)
            {
                Real512Blocks(s, n, t, m, start, end);
                return;
            }

            if (Vector256.IsHardwareAccelerated && strideDoubles >= 4 && (start & 1) == 0 && (end & 1) == 0)
            {
                Complex256Regions(s, n, t, m, real, start, end);
                return;
            }

            if (real && Vector512.IsHardwareAccelerated && t < 2 && n >= 3 && (start & 1) == 0 && (end & 1) == 0)
            {
                RealAdjacent512(s, t, m, start, end);
                return;
            }

            if (real && Vector256.IsHardwareAccelerated && t == 0)
            {
                RealAdjacent256(s, m, start, end);
                return;
            }
        }

        if (diag && Vector512.IsHardwareAccelerated)
        {
            ManagedWireKernels.DiagonalRuns(s, n, t, ctrl, m, start, end);
            return;
        }

        Scalar1(s, n, t, ctrl, m, diag, start, end);
    }

    /// <summary>
    /// RY(theta) on wire t, uncontrolled, given cos(theta/2) and sin(theta/2): the per-sample data gate of
    /// angle-encoded circuits, dispatched straight to the real SIMD paths without building and classifying a matrix.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ApplyRy(Span<double> s, int n, int t, double cos, double sin, long start, long end)
    {
        Span<double> m = [cos, 0, -sin, 0, sin, 0, cos, 0];
        if (Vector512.IsHardwareAccelerated && t >= 2 && (start & 3) == 0 && (end & 3) == 0)
        {
            Real512Blocks(s, n, t, m, start, end);
        }
        else if (Vector512.IsHardwareAccelerated && t < 2 && n >= 3 && (start & 1) == 0 && (end & 1) == 0)
        {
            RealAdjacent512(s, t, m, start, end);
        }
        else
        {
            Apply1(s, n, t, 0, m, start, end);
        }
    }

    /// <summary>Pauli X on wire <paramref name="t"/> (controlled: CNOT, Toffoli): swaps amplitude pairs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ApplyX(Span<double> s, int n, int t, long ctrl, long start, long end)
    {
        // Uncontrolled X on a middle wire of a large state: pairs enumerate like a one-wire gate's, so each region is
        // read in address order first (ManagedWireKernels).
        if (ctrl == 0 && ManagedWireKernels.IsBlocked(n, t, start, end))
        {
            long region = ManagedWireKernels.RegionPairs(t);
            for (long r0 = start; r0 < end; r0 += region)
            {
                ManagedWireKernels.TouchRegion(s, r0, region);
                ApplyXRange(s, n, t, ctrl, r0, r0 + region);
            }

            return;
        }

        ApplyXRange(s, n, t, ctrl, start, end);
    }

    private static void ApplyXRange(Span<double> s, int n, int t, long ctrl, long start, long end)
    {
        long free = FreeMask(n, ctrl | (1L << t));
        long stride = 1L << t;
        if (Vector512.IsHardwareAccelerated && t >= 2 && (ctrl & 3) == 0 && (start & 3) == 0 && (end & 3) == 0)
        {
            // Wires 0 and 1 are free: 4 consecutive amplitudes swap with 4 others, one Vector512 each.
            ref double r = ref MemoryMarshal.GetReference(s);
            long freeHigh = free >> 2;
            for (long g = start >> 2; g < end >> 2; g++)
            {
                long i0 = (Deposit(g, freeHigh) << 2) | ctrl;
                ref double pa = ref Unsafe.Add(ref r, (nint)(2 * i0));
                ref double pb = ref Unsafe.Add(ref r, (nint)(2 * (i0 + stride)));
                var a = Vector512.LoadUnsafe(ref pa);
                Vector512.LoadUnsafe(ref pb).StoreUnsafe(ref pa);
                a.StoreUnsafe(ref pb);
            }

            return;
        }

        if (Vector256.IsHardwareAccelerated && t >= 1 && (ctrl & 1) == 0 && (start & 1) == 0 && (end & 1) == 0)
        {
            ref double r = ref MemoryMarshal.GetReference(s);
            long freeHigh = free >> 1;
            for (long g = start >> 1; g < end >> 1; g++)
            {
                long i0 = (Deposit(g, freeHigh) << 1) | ctrl;
                ref double pa = ref Unsafe.Add(ref r, (nint)(2 * i0));
                ref double pb = ref Unsafe.Add(ref r, (nint)(2 * (i0 + stride)));
                var a = Vector256.LoadUnsafe(ref pa);
                Vector256.LoadUnsafe(ref pb).StoreUnsafe(ref pa);
                a.StoreUnsafe(ref pb);
            }

            return;
        }

        ref var v = ref Unsafe.As<double, Vector128<double>>(ref MemoryMarshal.GetReference(s));
        for (long j = start; j < end; j++)
        {
            long i0 = Deposit(j, free) | ctrl;
            var a = Unsafe.Add(ref v, (nint)i0);
            Unsafe.Add(ref v, (nint)i0) = Unsafe.Add(ref v, (nint)(i0 + stride));
            Unsafe.Add(ref v, (nint)(i0 + stride)) = a;
        }
    }

    /// <summary>Applies a 4x4 matrix on wires (t0, t1) (local basis |a b>, a = t0) for quad indices [start, end).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply2(Span<double> s, int n, int t0, int t1, long ctrl, ReadOnlySpan<double> m, long start, long end)
    {
        long free = FreeMask(n, ctrl | (1L << t0) | (1L << t1));
        long b0 = 1L << t0, b1 = 1L << t1;
        Span<double> re = stackalloc double[4];
        Span<double> im = stackalloc double[4];
        Span<long> idx = stackalloc long[4];
        for (long j = start; j < end; j++)
        {
            long i = Deposit(j, free) | ctrl;
            idx[0] = i;
            idx[1] = i | b1;
            idx[2] = i | b0;
            idx[3] = i | b0 | b1;
            for (int l = 0; l < 4; l++)
            {
                re[l] = s[(int)(2 * idx[l])];
                im[l] = s[(int)((2 * idx[l]) + 1)];
            }

            for (int r = 0; r < 4; r++)
            {
                double accR = 0, accI = 0;
                for (int c = 0; c < 4; c++)
                {
                    double mr = m[8 * r + 2 * c], mi = m[8 * r + 2 * c + 1];
                    accR += (mr * re[c]) - (mi * im[c]);
                    accI += (mr * im[c]) + (mi * re[c]);
                }

                s[(int)(2 * idx[r])] = accR;
                s[(int)((2 * idx[r]) + 1)] = accI;
            }
        }
    }

    /// <summary>Re &lt;lambda| M |phi&gt; over the control subspace for a 2x2 matrix on wire t (M zero elsewhere).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double MatrixElement1(ReadOnlySpan<double> lambda, ReadOnlySpan<double> phi, int n, int t, long ctrl, ReadOnlySpan<double> m)
    {
        long free = FreeMask(n, ctrl | (1L << t));
        long stride = 1L << t;
        long count = GroupCount(n, 1, ctrl);
        double acc = 0;
        for (long j = 0; j < count; j++)
        {
            int i0 = (int)(Deposit(j, free) | ctrl), i1 = (int)(i0 + stride);
            double ar = phi[2 * i0], ai = phi[(2 * i0) + 1], br = phi[2 * i1], bi = phi[(2 * i1) + 1];
            double o0r = (m[0] * ar) - (m[1] * ai) + (m[2] * br) - (m[3] * bi);
            double o0i = (m[0] * ai) + (m[1] * ar) + (m[2] * bi) + (m[3] * br);
            double o1r = (m[4] * ar) - (m[5] * ai) + (m[6] * br) - (m[7] * bi);
            double o1i = (m[4] * ai) + (m[5] * ar) + (m[6] * bi) + (m[7] * br);
            acc += (lambda[2 * i0] * o0r) + (lambda[(2 * i0) + 1] * o0i) + (lambda[2 * i1] * o1r) + (lambda[(2 * i1) + 1] * o1i);
        }

        return acc;
    }

    /// <summary>Re &lt;lambda| M |phi&gt; over the control subspace for a 4x4 matrix on wires (t0, t1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double MatrixElement2(ReadOnlySpan<double> lambda, ReadOnlySpan<double> phi, int n, int t0, int t1, long ctrl, ReadOnlySpan<double> m)
    {
        long free = FreeMask(n, ctrl | (1L << t0) | (1L << t1));
        long b0 = 1L << t0, b1 = 1L << t1;
        long count = GroupCount(n, 2, ctrl);
        Span<int> idx = stackalloc int[4];
        double acc = 0;
        for (long j = 0; j < count; j++)
        {
            long i = Deposit(j, free) | ctrl;
            idx[0] = (int)i;
            idx[1] = (int)(i | b1);
            idx[2] = (int)(i | b0);
            idx[3] = (int)(i | b0 | b1);
            for (int r = 0; r < 4; r++)
            {
                double accR = 0, accI = 0;
                for (int c = 0; c < 4; c++)
                {
                    double mr = m[8 * r + 2 * c], mi = m[8 * r + 2 * c + 1];
                    double pr = phi[2 * idx[c]], pi = phi[(2 * idx[c]) + 1];
                    accR += (mr * pr) - (mi * pi);
                    accI += (mr * pi) + (mi * pr);
                }

                acc += (lambda[2 * idx[r]] * accR) + (lambda[(2 * idx[r]) + 1] * accI);
            }
        }

        return acc;
    }

    /// <summary>Bits of [0, 2^n) not in <paramref name="fixedBits"/>.</summary>
    public static long FreeMask(int n, long fixedBits) => ((1L << n) - 1) & ~fixedBits;

    /// <summary>Scatters the low bits of <paramref name="j"/> into the set bits of <paramref name="mask"/> (PDEP).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Deposit(long j, long mask)
    {
        if (Bmi2.X64.IsSupported)
        {
            return (long)Bmi2.X64.ParallelBitDeposit((ulong)j, (ulong)mask);
        }

        long result = 0;
        for (long bit = 1; mask != 0; bit <<= 1)
        {
            long low = mask & -mask;
            if ((j & bit) != 0)
            {
                result |= low;
            }

            mask &= mask - 1;
        }

        return result;
    }

    private static void Scalar1(Span<double> s, int n, int t, long ctrl, ReadOnlySpan<double> m, bool diag, long start, long end)
    {
        long free = FreeMask(n, ctrl | (1L << t));
        long stride = 1L << t;
        double m0r = m[0], m0i = m[1], m1r = m[2], m1i = m[3], m2r = m[4], m2i = m[5], m3r = m[6], m3i = m[7];
        for (long j = start; j < end; j++)
        {
            int i0 = (int)(Deposit(j, free) | ctrl), i1 = (int)(i0 + stride);
            double ar = s[2 * i0], ai = s[(2 * i0) + 1], br = s[2 * i1], bi = s[(2 * i1) + 1];
            if (diag)
            {
                s[2 * i0] = (m0r * ar) - (m0i * ai);
                s[(2 * i0) + 1] = (m0r * ai) + (m0i * ar);
                s[2 * i1] = (m3r * br) - (m3i * bi);
                s[(2 * i1) + 1] = (m3r * bi) + (m3i * br);
            }
            else
            {
                s[2 * i0] = (m0r * ar) - (m0i * ai) + (m1r * br) - (m1i * bi);
                s[(2 * i0) + 1] = (m0r * ai) + (m0i * ar) + (m1r * bi) + (m1i * br);
                s[2 * i1] = (m2r * ar) - (m2i * ai) + (m3r * br) - (m3i * bi);
                s[(2 * i1) + 1] = (m2r * ai) + (m2i * ar) + (m3r * bi) + (m3i * br);
            }
        }
    }

    // Real matrix, stride >= 4 amplitudes: 4 consecutive pairs share one Vector512 of a's and one of b's. The access
    // order depends on the wire (ManagedWireKernels): blocked for middle wires of states beyond L2, else two streams.
    private static void Real512Blocks(Span<double> s, int n, int t, ReadOnlySpan<double> m, long start, long end)
    {
        if (ManagedWireKernels.IsBlocked(n, t, start, end))
        {
            ManagedWireKernels.RealBlocked(s, t, m, start, end);
        }
        else
        {
            ManagedWireKernels.RealStreams(s, t, m, start, end);
        }
    }

    // Complex matrix: middle wires of large states read each region in address order first (ManagedWireKernels).
    private static void Complex256Regions(Span<double> s, int n, int t, ReadOnlySpan<double> m, bool real, long start, long end)
    {
        if (ManagedWireKernels.IsBlocked(n, t, start, end))
        {
            long region = ManagedWireKernels.RegionPairs(t);
            for (long r0 = start; r0 < end; r0 += region)
            {
                ManagedWireKernels.TouchRegion(s, r0, region);
                Complex256Blocks(s, t, m, real, r0, r0 + region);
            }
        }
        else
        {
            Complex256Blocks(s, t, m, real, start, end);
        }
    }

    // Complex (or real) matrix, stride >= 2 amplitudes: 2 consecutive pairs per Vector256.
    // z * v = zr * v + zi * swap(v) * (-1, +1): one multiply, one fused add and one shuffle.
    private static void Complex256Blocks(Span<double> s, int t, ReadOnlySpan<double> m, bool real, long start, long end)
    {
        var sign = Vector256.Create(-1.0, 1.0, -1.0, 1.0);
        var m00r = Vector256.Create(m[0]);
        var m01r = Vector256.Create(m[2]);
        var m10r = Vector256.Create(m[4]);
        var m11r = Vector256.Create(m[6]);
        var m00i = Vector256.Create(m[1]) * sign;
        var m01i = Vector256.Create(m[3]) * sign;
        var m10i = Vector256.Create(m[5]) * sign;
        var m11i = Vector256.Create(m[7]) * sign;
        long stride = 1L << t;
        ref double r = ref MemoryMarshal.GetReference(s);
        for (long j = start; j < end; j += 2)
        {
            long i0 = ((j >> t) << (t + 1)) | (j & (stride - 1));
            ref double pa = ref Unsafe.Add(ref r, (nint)(2 * i0));
            ref double pb = ref Unsafe.Add(ref r, (nint)(2 * (i0 + stride)));
            var a = Vector256.LoadUnsafe(ref pa);
            var b = Vector256.LoadUnsafe(ref pb);
            var oa = Vector256.FusedMultiplyAdd(m00r, a, m01r * b);
            var ob = Vector256.FusedMultiplyAdd(m10r, a, m11r * b);
            if (!real)
            {
                var sa = Vector256.Shuffle(a, Vector256.Create(1L, 0, 3, 2));
                var sb = Vector256.Shuffle(b, Vector256.Create(1L, 0, 3, 2));
                oa = Vector256.FusedMultiplyAdd(m00i, sa, Vector256.FusedMultiplyAdd(m01i, sb, oa));
                ob = Vector256.FusedMultiplyAdd(m10i, sa, Vector256.FusedMultiplyAdd(m11i, sb, ob));
            }

            oa.StoreUnsafe(ref pa);
            ob.StoreUnsafe(ref pb);
        }
    }

    // Real matrix on wire 0 or 1: one Vector512 holds 4 amplitudes = 2 pairs; out = D*v + O*partner(v).
    private static void RealAdjacent512(Span<double> s, int t, ReadOnlySpan<double> m, long start, long end)
    {
        Vector512<double> d, o;
        Vector512<long> perm;
        if (t == 0)
        {
            d = Vector512.Create(m[0], m[0], m[6], m[6], m[0], m[0], m[6], m[6]);
            o = Vector512.Create(m[2], m[2], m[4], m[4], m[2], m[2], m[4], m[4]);
            perm = Vector512.Create(2L, 3, 0, 1, 6, 7, 4, 5);
        }
        else
        {
            d = Vector512.Create(m[0], m[0], m[0], m[0], m[6], m[6], m[6], m[6]);
            o = Vector512.Create(m[2], m[2], m[2], m[2], m[4], m[4], m[4], m[4]);
            perm = Vector512.Create(4L, 5, 6, 7, 0, 1, 2, 3);
        }

        ref double r = ref MemoryMarshal.GetReference(s);
        for (long j = start; j < end; j += 2)
        {
            ref double p = ref Unsafe.Add(ref r, (nint)(4 * j));
            var v = Vector512.LoadUnsafe(ref p);
            var w = Vector512.Shuffle(v, perm);
            Vector512.FusedMultiplyAdd(d, v, o * w).StoreUnsafe(ref p);
        }
    }

    // Real matrix on wire 0: a pair (a, b) is one Vector256 [ar ai br bi]; out = D*v + O*swapHalves(v).
    private static void RealAdjacent256(Span<double> s, ReadOnlySpan<double> m, long start, long end)
    {
        var d = Vector256.Create(m[0], m[0], m[6], m[6]);
        var o = Vector256.Create(m[2], m[2], m[4], m[4]);
        ref double r = ref MemoryMarshal.GetReference(s);
        for (long j = start; j < end; j++)
        {
            ref double p = ref Unsafe.Add(ref r, (nint)(4 * j));
            var v = Vector256.LoadUnsafe(ref p);
            var w = Vector256.Shuffle(v, Vector256.Create(2L, 3, 0, 1));
            Vector256.FusedMultiplyAdd(d, v, o * w).StoreUnsafe(ref p);
        }
    }
}
