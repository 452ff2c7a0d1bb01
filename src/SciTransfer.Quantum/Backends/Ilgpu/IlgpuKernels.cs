using ILGPU;
using static SciTransfer.Quantum.Backends.Ilgpu.IlgpuOpTable;

namespace SciTransfer.Quantum.Backends.Ilgpu;

/// <summary>
/// ILGPU kernels (C# compiled by ILGPU to PTX, OpenCL C or run by its CPU accelerator). States are
/// interleaved complex128 doubles, little-endian. Op table layout: <see cref="IlgpuOpTable"/>.
/// <list type="bullet">
/// <item><see cref="Batch"/>: one group per sample, the state in shared memory; the whole circuit, the
/// observable and the adjoint sweep in one launch (n up to <see cref="IlgpuBackend.MaxSharedQubits"/>).</item>
/// <item><see cref="Tile"/>: a run of gates whose targets are below k on tiles of 2^k amplitudes in shared
/// memory (one pass over global memory for the whole run); <see cref="Gate"/>: one gate, one thread per
/// amplitude pair or quad of every sample; <see cref="Expect"/>, <see cref="Element"/>: per-sample
/// reductions; <see cref="ReduceOccurrences"/>: sums gradient terms over samples on the device.</item>
/// </list>
/// Reductions add in a fixed order (per-thread strided partials, then a tree), so results do not depend on timing.
/// </summary>
internal static class IlgpuKernels
{
    /// <summary>
    /// Whole circuit per sample in shared memory (mode 0: states, rows from the launch's first sample;
    /// 1: values; 2: values and gradient terms [occ][B]). Inputs and outputs other than states use the global sample index.
    /// </summary>
    public static void Batch(
        ArrayView<int> ops,
        ArrayView<double> opd,
        ArrayView<double> mats,
        ArrayView<double> smats,
        ArrayView<double> data,
        ArrayView<double> init,
        ArrayView<double> weights,
        ArrayView<double> states,
        ArrayView<double> values,
        ArrayView<double> occ,
        IlgpuKernelArgs a)
    {
        var sh = SharedMemory.GetDynamic<double>();
        int lid = Group.IdxX, lsz = Group.DimX;
        long local = Grid.IdxX;
        long b = a.SampleOffset + local;
        long dim = 1L << a.N;
        int len = (int)(2 * dim);
        var phi = sh.SubView(0, len);
        var red = sh.SubView(a.Mode == 2 ? 2 * len : len, lsz);
        for (long i = lid; i < dim; i += lsz)
        {
            if (a.HasInit != 0)
            {
                phi[2 * i] = init[2 * ((b * dim) + i)];
                phi[(2 * i) + 1] = init[(2 * ((b * dim) + i)) + 1];
            }
            else
            {
                phi[2 * i] = i == 0 ? 1.0 : 0.0;
                phi[(2 * i) + 1] = 0.0;
            }
        }

        Group.Barrier();
        for (int g = 0; g < a.OpCount; g++)
        {
            ApplyOp(phi, a.N, ops, opd, mats, smats, data, a, g, b, false, lid, lsz);
            Group.Barrier();
        }

        if (a.Mode == 0)
        {
            for (long i = lid; i < dim; i += lsz)
            {
                states[2 * ((local * dim) + i)] = phi[2 * i];
                states[(2 * ((local * dim) + i)) + 1] = phi[(2 * i) + 1];
            }

            return;
        }

        if (a.Mode == 1)
        {
            double v = GroupSum(red, PauliPart(phi, 0, phi, 0, false, dim, a, 0.0, lid, lsz), lid, lsz);
            if (lid == 0)
            {
                values[b] = v;
            }

            return;
        }

        var lam = sh.SubView(len, len);
        double value = GroupSum(red, PauliPart(phi, 0, lam, 0, true, dim, a, weights[b], lid, lsz), lid, lsz);
        if (lid == 0)
        {
            values[b] = value;
        }

        // With whole warps, each angle's partials are summed by warp shuffles (no barrier) into red[k][warp],
        // and thread 0 adds the warps' sums after the barrier that follows the gate: 3 barriers per trainable
        // gate instead of a shared-memory tree per angle. Smaller groups use the tree.
        bool warps = Warp.WarpSize >= 4 && lsz >= Warp.WarpSize && lsz % Warp.WarpSize == 0;
        int nw = warps ? lsz / Warp.WarpSize : 1;
        for (int g = a.OpCount - 1; g >= 0; g--)
        {
            ApplyOp(phi, a.N, ops, opd, mats, smats, data, a, g, b, true, lid, lsz);
            Group.Barrier();
            int angleCount = ops[(g * OpInts) + 7];
            bool trainable = false;
            for (int k = 0; k < angleCount; k++)
            {
                int o = ops[(g * OpInts) + 14 + k];
                if (o < 0)
                {
                    continue;
                }

                trainable = true;
                double part = ElementPart(lam, phi, 0, a.N, ops, opd, mats, data, a, g, k, b, lid, lsz);
                if (warps)
                {
                    double v = WarpSum(part);
                    if (Warp.IsFirstLane)
                    {
                        red[(k * nw) + Warp.WarpIdx] = v;
                    }
                }
                else
                {
                    double e = GroupSum(red, part, lid, lsz);
                    if (lid == 0)
                    {
                        occ[((long)o * a.SampleCount) + b] = e;
                    }
                }
            }

            if (warps && trainable)
            {
                // lambda is read by the elements above and rewritten below.
                Group.Barrier();
            }

            ApplyOp(lam, a.N, ops, opd, mats, smats, data, a, g, b, true, lid, lsz);
            Group.Barrier();
            if (warps && lid == 0)
            {
                for (int k = 0; k < angleCount; k++)
                {
                    int o = ops[(g * OpInts) + 14 + k];
                    if (o >= 0)
                    {
                        double e = 0.0;
                        for (int w2 = 0; w2 < nw; w2++)
                        {
                            e += red[(k * nw) + w2];
                        }

                        occ[((long)o * a.SampleCount) + b] = e;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Gates [GateStart, GateEnd) of a tile run (ops remapped to the tile's local wires, see
    /// <see cref="IlgpuTilePlan"/>) on one tile per group: the 2^k amplitudes whose wires outside TileMask are
    /// fixed, gathered into shared memory, all gates applied, scattered back: one pass over global memory.
    /// </summary>
    public static void Tile(
        ArrayView<int> ops,
        ArrayView<double> opd,
        ArrayView<double> mats,
        ArrayView<double> smats,
        ArrayView<double> data,
        ArrayView<double> states,
        IlgpuKernelArgs a)
    {
        var sh = SharedMemory.GetDynamic<double>();
        int lid = Group.IdxX, lsz = Group.DimX;
        int k = a.TileQubits;
        long tilesPerSample = 1L << (a.N - k);
        long tile = Grid.IdxX;
        long local = tile / tilesPerSample;
        long t = tile - (local * tilesPerSample);
        long b = a.SampleOffset + local;
        long fixedBits = Deposit(t, ((1L << a.N) - 1) & ~a.TileMask);
        long sampleBase = local << a.N;
        long size = 1L << k;
        for (long i = lid; i < size; i += lsz)
        {
            long full = sampleBase + (Deposit(i, a.TileMask) | fixedBits);
            sh[2 * i] = states[2 * full];
            sh[(2 * i) + 1] = states[(2 * full) + 1];
        }

        Group.Barrier();
        for (int g = a.GateStart; g < a.GateEnd; g++)
        {
            long highCtrl = ops[(g * OpInts) + 19];
            if ((fixedBits & highCtrl) == highCtrl)
            {
                ApplyOp(sh, k, ops, opd, mats, smats, data, a, g, b, false, lid, lsz);
            }

            Group.Barrier();
        }

        for (long i = lid; i < size; i += lsz)
        {
            long full = sampleBase + (Deposit(i, a.TileMask) | fixedBits);
            states[2 * full] = sh[2 * i];
            states[(2 * full) + 1] = sh[(2 * i) + 1];
        }
    }

    /// <summary>One gate (or its adjoint) on every sample of the chunk: one thread per amplitude pair or quad.</summary>
    public static void Gate(
        Index1D index,
        ArrayView<int> ops,
        ArrayView<double> opd,
        ArrayView<double> mats,
        ArrayView<double> smats,
        ArrayView<double> data,
        ArrayView<double> states,
        IlgpuKernelArgs a)
    {
        int g = a.Gate;
        int arity = ops[(g * OpInts) + 1];
        int shift = a.N - arity;
        long idx = index.X;
        long local = idx >> shift;
        long j = idx & ((1L << shift) - 1);
        long b = a.SampleOffset + local;
        ApplyGroup(states, local << a.N, 0, ops, opd, mats, smats, data, a, g, b, a.Adjoint != 0, j);
    }

    /// <summary>Per sample (one group each): value = &lt;phi|P|phi&gt;; in mode 2 also lambda = w P phi.</summary>
    public static void Expect(
        ArrayView<double> phi,
        ArrayView<double> lam,
        ArrayView<double> weights,
        ArrayView<double> values,
        IlgpuKernelArgs a)
    {
        var red = SharedMemory.GetDynamic<double>();
        int lid = Group.IdxX, lsz = Group.DimX;
        long local = Grid.IdxX;
        long b = a.SampleOffset + local;
        long dim = 1L << a.N;
        double w = a.Mode == 2 ? weights[b] : 0.0;
        double v = GroupSum(red, PauliPart(phi, local << a.N, lam, local << a.N, a.Mode == 2, dim, a, w, lid, lsz), lid, lsz);
        if (lid == 0)
        {
            values[b] = v;
        }
    }

    /// <summary>Per sample (one group each): Re &lt;lambda| dU/dtheta |phi&gt; of gate Gate, angle Angle, into occ[o][b].</summary>
    public static void Element(
        ArrayView<int> ops,
        ArrayView<double> opd,
        ArrayView<double> mats,
        ArrayView<double> data,
        ArrayView<double> phi,
        ArrayView<double> lam,
        ArrayView<double> occ,
        IlgpuKernelArgs a)
    {
        var red = SharedMemory.GetDynamic<double>();
        int lid = Group.IdxX, lsz = Group.DimX;
        long local = Grid.IdxX;
        long b = a.SampleOffset + local;
        int o = ops[(a.Gate * OpInts) + 14 + a.Angle];
        double e = GroupSum(red, ElementPart(lam, phi, local << a.N, a.N, ops, opd, mats, data, a, a.Gate, a.Angle, b, lid, lsz), lid, lsz);
        if (lid == 0)
        {
            occ[((long)o * a.SampleCount) + b] = e;
        }
    }

    /// <summary>One group per occurrence o: sums[o] = sum over b of occ[o][b], in a fixed order.</summary>
    public static void ReduceOccurrences(ArrayView<double> occ, ArrayView<double> sums, IlgpuKernelArgs a)
    {
        var red = SharedMemory.GetDynamic<double>();
        int lid = Group.IdxX, lsz = Group.DimX;
        long o = Grid.IdxX;
        double acc = 0.0;
        for (long b = lid; b < a.SampleCount; b += lsz)
        {
            acc += occ[(o * a.SampleCount) + b];
        }

        double s = GroupSum(red, acc, lid, lsz);
        if (lid == 0)
        {
            sums[o] = s;
        }
    }

    /// <summary>Sets consecutive states to |0...0> (one thread per amplitude; mask = 2^n - 1).</summary>
    public static void SetZeroStates(Index1D index, ArrayView<double> state, long mask)
    {
        long i = index.X;
        state[2 * i] = (i & mask) == 0 ? 1.0 : 0.0;
        state[(2 * i) + 1] = 0.0;
    }

    /// <summary>Device copy (one thread per double), for the bench's bandwidth bound.</summary>
    public static void Copy(Index1D index, ArrayView<double> source, ArrayView<double> destination) => destination[index.X] = source[index.X];

    // Applies gate g to a state or tile of 'bits' <= 10 wires in shared memory (32-bit index arithmetic,
    // which GPUs do natively); threads stride over pairs or quads.
    private static void ApplyOp(
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
    private static void ApplyGroup(
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

    private static void Apply1(ArrayView<double> s, long baseAmp, int t, long ctrl, long hb, IlgpuMatrix2 m, bool isX, long j)
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

    private static void Apply2(ArrayView<double> s, long baseAmp, int t0, int t1, long ctrl, long hb, ArrayView<double> mt, long mo, long j)
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

    private static double Angle(ArrayView<int> ops, ArrayView<double> opd, ArrayView<double> data, IlgpuKernelArgs a, int g, long b, int k)
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

    private static IlgpuMatrix2 Matrix1(ArrayView<int> ops, ArrayView<double> opd, ArrayView<double> mats, ArrayView<double> data, IlgpuKernelArgs a, int g, long b, bool adj)
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

    // This thread's part of Re <lam| dU_g/d(angle k) |phi> over the gate's control subspace.
    private static double ElementPart(
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
    private static double PauliPart(
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

    // Scatters the low bits of j into the set bits of mask (software PDEP; at most 30 rounds).
    private static long Deposit(long j, long mask)
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

    private static long PopCount(long v)
    {
        long c = 0;
        for (int k = 0; k < 64; k++)
        {
            c += (v >> k) & 1;
        }

        return c;
    }

    // Sum over a warp by shuffles in a fixed order; lane 0 holds the result.
    private static double WarpSum(double v)
    {
        for (int d = Warp.WarpSize / 2; d > 0; d >>= 1)
        {
            v += Warp.ShuffleDown(v, d);
        }

        return v;
    }

    // Sum over the group: partials into shared memory, then a tree in a fixed order (group size a power of two).
    private static double GroupSum(ArrayView<double> red, double v, int lid, int lsz)
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
