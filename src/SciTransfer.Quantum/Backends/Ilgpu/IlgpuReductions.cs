using ILGPU;
using static SciTransfer.Quantum.Backends.Ilgpu.IlgpuGateFunctions;
using static SciTransfer.Quantum.Backends.Ilgpu.IlgpuOpTable;

namespace SciTransfer.Quantum.Backends.Ilgpu;

/// <summary>
/// Device functions that reduce for <see cref="IlgpuKernels"/>: per-thread parts of a Pauli expectation and
/// of an adjoint gradient term, and group and warp sums in a fixed order (results do not depend on timing).
/// </summary>
internal static class IlgpuReductions
{
    // This thread's part of Re <lam| dU_g/d(angle k) |phi> over the gate's control subspace.
    internal static double ElementPart(
        ArrayView<double> lam,
        ArrayView<double> phi,
        long baseAmp,
        int bits,
        ArrayView<int> ops,
        ArrayView<double> opd,
        ArrayView<double> mats,
        ArrayView<double> data,
        IlgpuKernelArgs a,
        int g,
        int k,
        long b,
        int lid,
        int lsz)
    {
        int o = g * OpInts;
        long ctrl = ops[o + 4];
        int doff = ops[o + 11 + k];
        double acc = 0.0;
        if (ops[o + 1] == 1)
        {
            var m = doff >= 0
                ? IlgpuMatrix2.Load(mats, doff)
                : IlgpuMatrix2.Derivative(ops[o], Angle(ops, opd, data, a, g, b, 0), Angle(ops, opd, data, a, g, b, 1), Angle(ops, opd, data, a, g, b, 2), k);
            int t = ops[o + 2];
            long pairs = 1L << (bits - 1);
            for (long j = lid; j < pairs; j += lsz)
            {
                long i0 = IlgpuMath.InsertZero(j, t);
                if ((i0 & ctrl) != ctrl)
                {
                    continue;
                }

                long p0 = 2 * (baseAmp + i0), p1 = 2 * (baseAmp + i0 + (1L << t));
                double ar = phi[p0], ai = phi[p0 + 1], br = phi[p1], bi = phi[p1 + 1];
                double o0r = (m.R00 * ar) - (m.I00 * ai) + (m.R01 * br) - (m.I01 * bi);
                double o0i = (m.R00 * ai) + (m.I00 * ar) + (m.R01 * bi) + (m.I01 * br);
                double o1r = (m.R10 * ar) - (m.I10 * ai) + (m.R11 * br) - (m.I11 * bi);
                double o1i = (m.R10 * ai) + (m.I10 * ar) + (m.R11 * bi) + (m.I11 * br);
                acc += (lam[p0] * o0r) + (lam[p0 + 1] * o0i) + (lam[p1] * o1r) + (lam[p1 + 1] * o1i);
            }

            return acc;
        }

        int t0 = ops[o + 2], t1 = ops[o + 3];
        int lo = t0 < t1 ? t0 : t1, hi = t0 < t1 ? t1 : t0;
        long quads = 1L << (bits - 2);
        for (long j = lid; j < quads; j += lsz)
        {
            long i = IlgpuMath.InsertZero(IlgpuMath.InsertZero(j, lo), hi);
            if ((i & ctrl) != ctrl)
            {
                continue;
            }

            for (int r = 0; r < 4; r++)
            {
                double accR = 0.0, accI = 0.0;
                for (int c = 0; c < 4; c++)
                {
                    long ic = baseAmp + i + (c >= 2 ? 1L << t0 : 0) + ((c & 1) != 0 ? 1L << t1 : 0);
                    double mr = mats[doff + (8 * r) + (2 * c)], mi = mats[doff + (8 * r) + (2 * c) + 1];
                    double pr = phi[2 * ic], pi = phi[(2 * ic) + 1];
                    accR += (mr * pr) - (mi * pi);
                    accI += (mr * pi) + (mi * pr);
                }

                long ir = baseAmp + i + (r >= 2 ? 1L << t0 : 0) + ((r & 1) != 0 ? 1L << t1 : 0);
                acc += (lam[2 * ir] * accR) + (lam[(2 * ir) + 1] * accI);
            }
        }

        return acc;
    }

    // This thread's part of <phi|P|phi>; with writeLam, lam = w P phi (each thread writes the images of its indices).
    internal static double PauliPart(
        ArrayView<double> phi,
        long phiBase,
        ArrayView<double> lam,
        long lamBase,
        bool writeLam,
        long dim,
        IlgpuKernelArgs a,
        double w,
        int lid,
        int lsz)
    {
        long flip = a.XMask | a.YMask, signMask = a.YMask | a.ZMask;
        int ny = (int)(PopCount(a.YMask) & 3);
        double pr = ny == 0 ? 1.0 : ny == 2 ? -1.0 : 0.0;
        double pim = ny == 1 ? 1.0 : ny == 3 ? -1.0 : 0.0;
        double acc = 0.0;
        for (long i = lid; i < dim; i += lsz)
        {
            double sign = IlgpuMath.Parity(i & signMask) == 0 ? 1.0 : -1.0;
            long j = i ^ flip;
            double xr = phi[2 * (phiBase + i)], xi = phi[(2 * (phiBase + i)) + 1];
            double yr = phi[2 * (phiBase + j)], yi = phi[(2 * (phiBase + j)) + 1];
            double re = (yr * xr) + (yi * xi);
            double im = (yr * xi) - (yi * xr);
            acc += sign * (ny == 0 ? re : ny == 1 ? -im : ny == 2 ? -re : im);
            if (writeLam)
            {
                lam[2 * (lamBase + j)] = sign * ((w * pr * xr) - (w * pim * xi));
                lam[(2 * (lamBase + j)) + 1] = sign * ((w * pr * xi) + (w * pim * xr));
            }
        }

        return acc;
    }

    internal static long PopCount(long v)
    {
        long c = 0;
        for (int k = 0; k < 64; k++)
        {
            c += (v >> k) & 1;
        }

        return c;
    }

    // Sum over a warp by shuffles in a fixed order; lane 0 holds the result.
    internal static double WarpSum(double v)
    {
        for (int d = Warp.WarpSize / 2; d > 0; d >>= 1)
        {
            v += Warp.ShuffleDown(v, d);
        }

        return v;
    }

    // Sum over the group: partials into shared memory, then a tree in a fixed order (group size a power of two).
    internal static double GroupSum(ArrayView<double> red, double v, int lid, int lsz)
    {
        red[lid] = v;
        Group.Barrier();
        for (int s = lsz / 2; s > 0; s >>= 1)
        {
            if (lid < s)
            {
                red[lid] += red[lid + s];
            }

            Group.Barrier();
        }

        double r = red[0];
        Group.Barrier();
        return r;
    }
}
