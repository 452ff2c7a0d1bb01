using ILGPU;
using static SciTransfer.Quantum.Backends.Ilgpu.IlgpuGateFunctions;
using static SciTransfer.Quantum.Backends.Ilgpu.IlgpuOpTable;
using static SciTransfer.Quantum.Backends.Ilgpu.IlgpuReductions;

namespace SciTransfer.Quantum.Backends.Ilgpu;

/// <summary>
/// ILGPU kernels (C# compiled by ILGPU to PTX, OpenCL C or run by its CPU accelerator). States are
/// interleaved complex128 doubles, little-endian. Op table layout: <see cref="IlgpuOpTable"/>.
/// <list type="bullet">
/// <item><see cref="Batch"/>: one group per sample, the state in shared memory; the whole circuit, the
/// observable and the adjoint sweep in one launch (n up to <see cref="IlgpuBackend.MaxSharedQubits"/>).</item>
/// <item><see cref="Tile"/>: a run of gates spanning at most k target wires on tiles of 2^k amplitudes in
/// shared memory (one pass over global memory for the whole run, see <see cref="IlgpuTilePlan"/>);
/// <see cref="Gate"/>: one gate, one thread per amplitude pair or quad of every sample; <see cref="Expect"/>,
/// <see cref="Element"/>: per-sample reductions; <see cref="ReduceOccurrences"/>: sums gradient terms over
/// samples on the device.</item>
/// </list>
/// Gate application lives in <see cref="IlgpuGateFunctions"/>, reductions in <see cref="IlgpuReductions"/>;
/// reductions add in a fixed order (per-thread strided partials, then a tree), so results do not depend on timing.
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
}
