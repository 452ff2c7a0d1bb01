using ILGPU;
using static SciTransfer.Quantum.Backends.Ilgpu.IlgpuOpTable;

namespace SciTransfer.Quantum.Backends.Ilgpu;

/// <summary>
/// Device functions that apply gates for <see cref="IlgpuKernels"/>: a whole gate on a shared-memory state or
/// tile (threads stride over pairs or quads), one pair or quad on a state in device memory, and the gate's
/// 2x2 matrix from the table or from its angles and the sample's data.
/// </summary>
internal static class IlgpuGateFunctions
{
    // Applies gate g to a state or tile of 'bits' <= 10 wires in shared memory (32-bit index arithmetic,
    // which GPUs do natively); threads stride over pairs or quads.
    internal static void ApplyOp(
        ArrayView<double> s,
        int bits,
        ArrayView<int> ops,
        ArrayView<double> opd,
        ArrayView<double> mats,
        ArrayView<double> smats,
        ArrayView<double> data,
        IlgpuKernelArgs a,
        int g,
        long b,
        bool adj,
        int lid,
        int lsz)
    {
        int o = g * OpInts;
        int arity = ops[o + 1];
        int ctrl = ops[o + 4];
        if (arity == 1)
        {
            var m = Matrix1(ops, opd, mats, data, a, g, b, adj);
            bool isX = ops[o + 17] != 0;
            int t = ops[o + 2];
            int pairs = 1 << (bits - 1);
            for (int j = lid; j < pairs; j += lsz)
            {
                int i0 = ((j >> t) << (t + 1)) | (j & ((1 << t) - 1));
                if ((i0 & ctrl) != ctrl)
                {
                    continue;
                }

                int p0 = 2 * i0, p1 = 2 * (i0 + (1 << t));
                double ar = s[p0], ai = s[p0 + 1], br = s[p1], bi = s[p1 + 1];
                if (isX)
                {
                    s[p0] = br;
                    s[p0 + 1] = bi;
                    s[p1] = ar;
                    s[p1 + 1] = ai;
                    continue;
                }

                s[p0] = (m.R00 * ar) - (m.I00 * ai) + (m.R01 * br) - (m.I01 * bi);
                s[p0 + 1] = (m.R00 * ai) + (m.I00 * ar) + (m.R01 * bi) + (m.I01 * br);
                s[p1] = (m.R10 * ar) - (m.I10 * ai) + (m.R11 * br) - (m.I11 * bi);
                s[p1 + 1] = (m.R10 * ai) + (m.I10 * ar) + (m.R11 * bi) + (m.I11 * br);
            }

            return;
        }

        int t0 = ops[o + 2], t1 = ops[o + 3];
        int quads = 1 << (bits - 2);
        int off = ops[o + 5];
        if (off >= 0)
        {
            long mo = off + (adj ? 32 : 0);
            for (int j = lid; j < quads; j += lsz)
            {
                Apply2(s, 0, t0, t1, ctrl, 0, mats, mo, j);
            }
        }
        else
        {
            long mo = ((((long)ops[o + 6] * a.SampleCount) + b) * SampleMatrixDoubles) + (adj ? 32 : 0);
            for (int j = lid; j < quads; j += lsz)
            {
                Apply2(s, 0, t0, t1, ctrl, 0, smats, mo, j);
            }
        }
    }

    // One pair or quad j of gate g (global path).
    internal static void ApplyGroup(
        ArrayView<double> s,
        long baseAmp,
        long hb,
        ArrayView<int> ops,
        ArrayView<double> opd,
        ArrayView<double> mats,
        ArrayView<double> smats,
        ArrayView<double> data,
        IlgpuKernelArgs a,
        int g,
        long b,
        bool adj,
        long j)
    {
        int o = g * OpInts;
        long ctrl = ops[o + 4];
        if (ops[o + 1] == 1)
        {
            var m = Matrix1(ops, opd, mats, data, a, g, b, adj);
            Apply1(s, baseAmp, ops[o + 2], ctrl, hb, m, ops[o + 17] != 0, j);
            return;
        }

        int off = ops[o + 5];
        if (off >= 0)
        {
            Apply2(s, baseAmp, ops[o + 2], ops[o + 3], ctrl, hb, mats, off + (adj ? 32 : 0), j);
        }
        else
        {
            long mo = ((((long)ops[o + 6] * a.SampleCount) + b) * SampleMatrixDoubles) + (adj ? 32 : 0);
            Apply2(s, baseAmp, ops[o + 2], ops[o + 3], ctrl, hb, smats, mo, j);
        }
    }

    internal static void Apply1(ArrayView<double> s, long baseAmp, int t, long ctrl, long hb, IlgpuMatrix2 m, bool isX, long j)
    {
        long i0 = IlgpuMath.InsertZero(j, t);
        if (((i0 | hb) & ctrl) != ctrl)
        {
            return;
        }

        long p0 = 2 * (baseAmp + i0), p1 = 2 * (baseAmp + i0 + (1L << t));
        double ar = s[p0], ai = s[p0 + 1], br = s[p1], bi = s[p1 + 1];
        if (isX)
        {
            s[p0] = br;
            s[p0 + 1] = bi;
            s[p1] = ar;
            s[p1 + 1] = ai;
            return;
        }

        s[p0] = (m.R00 * ar) - (m.I00 * ai) + (m.R01 * br) - (m.I01 * bi);
        s[p0 + 1] = (m.R00 * ai) + (m.I00 * ar) + (m.R01 * bi) + (m.I01 * br);
        s[p1] = (m.R10 * ar) - (m.I10 * ai) + (m.R11 * br) - (m.I11 * bi);
        s[p1 + 1] = (m.R10 * ai) + (m.I10 * ar) + (m.R11 * bi) + (m.I11 * br);
    }

    internal static void Apply2(ArrayView<double> s, long baseAmp, int t0, int t1, long ctrl, long hb, ArrayView<double> mt, long mo, long j)
    {
        int lo = t0 < t1 ? t0 : t1, hi = t0 < t1 ? t1 : t0;
        long i = IlgpuMath.InsertZero(IlgpuMath.InsertZero(j, lo), hi);
        if (((i | hb) & ctrl) != ctrl)
        {
            return;
        }

        long q0 = 2 * (baseAmp + i), q1 = 2 * (baseAmp + i + (1L << t1));
        long q2 = 2 * (baseAmp + i + (1L << t0)), q3 = 2 * (baseAmp + i + (1L << t0) + (1L << t1));
        double r0 = s[q0], i0 = s[q0 + 1], r1 = s[q1], i1 = s[q1 + 1];
        double r2 = s[q2], i2 = s[q2 + 1], r3 = s[q3], i3 = s[q3 + 1];
        for (int r = 0; r < 4; r++)
        {
            long row = mo + (8 * r);
            double accR = (mt[row] * r0) - (mt[row + 1] * i0);
            double accI = (mt[row] * i0) + (mt[row + 1] * r0);
            accR += (mt[row + 2] * r1) - (mt[row + 3] * i1);
            accI += (mt[row + 2] * i1) + (mt[row + 3] * r1);
            accR += (mt[row + 4] * r2) - (mt[row + 5] * i2);
            accI += (mt[row + 4] * i2) + (mt[row + 5] * r2);
            accR += (mt[row + 6] * r3) - (mt[row + 7] * i3);
            accI += (mt[row + 6] * i3) + (mt[row + 7] * r3);
            long q = r == 0 ? q0 : r == 1 ? q1 : r == 2 ? q2 : q3;
            s[q] = accR;
            s[q + 1] = accI;
        }
    }

    internal static double Angle(ArrayView<int> ops, ArrayView<double> opd, ArrayView<double> data, IlgpuKernelArgs a, int g, long b, int k)
    {
        int src = ops[(g * OpInts) + 18];
        double v = opd[(src * OpDoubles) + 3 + k];
        int slot = ops[(g * OpInts) + 8 + k];
        if (slot >= 0)
        {
            v = (opd[(src * OpDoubles) + k] * data[(b * a.DataWidth) + slot]) + v;
        }

        return v;
    }

    internal static IlgpuMatrix2 Matrix1(ArrayView<int> ops, ArrayView<double> opd, ArrayView<double> mats, ArrayView<double> data, IlgpuKernelArgs a, int g, long b, bool adj)
    {
        int o = g * OpInts;
        int off = ops[o + 5];
        if (off >= 0)
        {
            return IlgpuMatrix2.Load(mats, off + (adj ? 8 : 0));
        }

        var m = IlgpuMatrix2.Build(ops[o], Angle(ops, opd, data, a, g, b, 0), Angle(ops, opd, data, a, g, b, 1), Angle(ops, opd, data, a, g, b, 2));
        return adj ? m.Dagger() : m;
    }

    // Scatters the low bits of j into the set bits of mask (software PDEP; at most 30 rounds).
    internal static long Deposit(long j, long mask)
    {
        long r = 0;
        long bit = 1;
        for (long m = mask; m != 0; m &= m - 1)
        {
            if ((j & bit) != 0)
            {
                r |= m & -m;
            }

            bit <<= 1;
        }

        return r;
    }
}
