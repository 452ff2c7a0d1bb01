using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Diagnostics;
using SciTransfer.Core.Kernels;
using SciTransfer.Core.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace SciTransfer.Core.Nn;

/// <summary>
/// The fused LSTM tape node. Internally time-major: the step-t inputs [x_t | h_{t-1}] of the
/// whole batch are one contiguous [B, in + H] block, so each step is ONE product with the packed
/// [Wx; Wh] ([in + H, 4H]) and the activations run over contiguous [B, 4H] blocks. Backward is
/// hand-written BPTT: per step the elementwise gate derivatives and one product with Wh^T; the
/// weight gradients of all steps are then ONE product [in + H, T B] x [T B, 4H].
/// </summary>
internal static class LstmNode
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Var Forward(Tape tape, Lstm layer, Var x, Var wx, Var wh, Var bias, Var? shiftI, Var? shiftF)
    {
        int batch = x.Value.Dim(0), steps = x.Value.Dim(1), nIn = layer.InputSize, h = layer.HiddenSize, g4 = 4 * h;
        int kx = nIn + h, kb = kx + 1, threads = tape.Threads;

        // [Wx; Wh; b_eff] packed once for all steps; xh carries a constant 1 in its last column, so
        // the bias is one more row of the product (and its gradient one more row of dW).
        long t0 = EngineProfile.Begin();
        var wcat = tape.Rent([kb, g4]);
        wx.Value.Span.CopyTo(wcat.Span);
        wh.Value.Span.CopyTo(wcat.Span[(nIn * g4)..]);
        Span<double> be = wcat.Span.Slice(kx * g4, g4);
        bias.Value.Span.CopyTo(be);
        if (shiftI is not null)
        {
            TensorPrimitives.Add(be[..h], shiftI.Value[0], be[..h]);
        }

        if (shiftF is not null)
        {
            TensorPrimitives.Add(be.Slice(h, h), shiftF.Value[0], be.Slice(h, h));
        }

        var packed = tape.Rent([Gemm.PackedLength(kb, g4)]);
        Gemm.Pack(wcat.Span, g4, false, kb, g4, packed.Span);
        EngineProfile.End(EnginePhase.LstmPack, t0);

        // Time-major buffers: xh [T, B, in + H + 1] = [x_t | h_{t-1} | 1], gates [T, B, 4H] (activated), cell and tanh(cell) [T, B, H].
        var xh = tape.Rent([steps, batch, kb]);
        var gates = tape.Rent([steps, batch, g4]);
        var cell = tape.Rent([steps, batch, h]);
        var tanhCell = tape.Rent([steps, batch, h]);
        var hidden = tape.Rent([batch, steps, h]);
        Span<double> xhs = xh.Span, gs = gates.Span, cs = cell.Span, tcs = tanhCell.Span, hs = hidden.Span;
        ReadOnlySpan<double> xs = x.Value.Span;
        int stepBlock = batch * g4;
        for (int t = 0; t < steps; t++)
        {
            t0 = EngineProfile.Begin();
            Span<double> xht = xhs.Slice(t * batch * kb, batch * kb);
            for (int b = 0; b < batch; b++)
            {
                xs.Slice(((b * steps) + t) * nIn, nIn).CopyTo(xht.Slice(b * kb, nIn));
                if (t == 0)
                {
                    xht.Slice((b * kb) + nIn, h).Clear();
                }

                xht[(b * kb) + kx] = 1.0;
            }

            Span<double> gt = gs.Slice(t * stepBlock, stepBlock);
            EngineProfile.End(EnginePhase.LstmCellForward, t0);
            t0 = EngineProfile.Begin();
            Gemm.MultiplyPacked(xht, kb, false, packed.Span, gt, g4, batch, g4, kb, accumulate: false, threads);
            EngineProfile.End(EnginePhase.LstmGemmForward, t0);
            t0 = EngineProfile.Begin();

            // Per row, one fused pass: activate the gates in place, c_t, tanh(c_t), h_t (also into the next step's xh).
            Span<double> ct = cs.Slice(t * batch * h, batch * h);
            Span<double> tct = tcs.Slice(t * batch * h, batch * h);
            Span<double> next = t + 1 < steps ? xhs.Slice((t + 1) * batch * kb, batch * kb) : default;
            for (int b = 0; b < batch; b++)
            {
                ReadOnlySpan<double> cPrev = t > 0 ? cs.Slice(((t - 1) * batch * h) + (b * h), h) : default;
                Span<double> hb = hs.Slice(((b * steps) + t) * h, h);
                CellForward(gt.Slice(b * g4, g4), cPrev, ct.Slice(b * h, h), tct.Slice(b * h, h), hb, h);
                if (t + 1 < steps)
                {
                    hb.CopyTo(next.Slice((b * kb) + nIn, h));
                }
            }

            EngineProfile.End(EnginePhase.LstmCellForward, t0);
        }

        bool grad = x.RequiresGrad || wx.RequiresGrad || wh.RequiresGrad || bias.RequiresGrad
            || (shiftI?.RequiresGrad ?? false) || (shiftF?.RequiresGrad ?? false);
        var result = tape.Result(hidden, grad);
        if (grad)
        {
            var state = new State(x, wx, wh, bias, shiftI, shiftF, xh, gates, cell, tanhCell, batch, steps, nIn, h);
            tape.Record(result, dH => Backward(tape, state, dH));
        }

        return result;
    }

    private sealed record State(
        Var X, Var Wx, Var Wh, Var Bias, Var? ShiftI, Var? ShiftF,
        Tensor Xh, Tensor Gates, Tensor Cell, Tensor TanhCell, int Batch, int Steps, int NIn, int H);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Backward(Tape tape, State st, Tensor dHidden)
    {
        int batch = st.Batch, steps = st.Steps, nIn = st.NIn, h = st.H, g4 = 4 * h, kx = nIn + h, kb = kx + 1;
        int rows = batch * steps, threads = tape.Threads;
        long t0 = EngineProfile.Begin();
        var dA = tape.Rent([steps, batch, g4]);
        var dhNext = tape.RentZeroed([batch, h]);
        var dcNext = tape.RentZeroed([batch, h]);
        var packedWhT = tape.Rent([Gemm.PackedLength(g4, h)]);
        Gemm.Pack(st.Wh.Value.Span, g4, true, g4, h, packedWhT.Span);
        EngineProfile.End(EnginePhase.LstmGemmRecurrent, t0);
        Span<double> gs = st.Gates.Span, cs = st.Cell.Span, tcs = st.TanhCell.Span, das = dA.Span, dhs = dHidden.Span;
        Span<double> dhn = dhNext.Span, dcn = dcNext.Span;
        for (int t = steps - 1; t >= 0; t--)
        {
            t0 = EngineProfile.Begin();
            for (int b = 0; b < batch; b++)
            {
                int r = (t * batch) + b;
                ReadOnlySpan<double> cPrev = t > 0 ? cs.Slice((r - batch) * h, h) : default;
                GateBackward(gs.Slice(r * g4, g4), tcs.Slice(r * h, h), cPrev, dhn.Slice(b * h, h), dhs.Slice(((b * steps) + t) * h, h), dcn.Slice(b * h, h), das.Slice(r * g4, g4), h);
            }

            EngineProfile.End(EnginePhase.LstmGateBackward, t0);
            if (t > 0)
            {
                t0 = EngineProfile.Begin();
                // dh_{t-1} = dA_t Wh^T (overwrites; the direct term of step t-1 is added at its turn).
                Gemm.MultiplyPacked(das.Slice(t * batch * g4, batch * g4), g4, false, packedWhT.Span, dhn, h, batch, h, g4, accumulate: false, threads);
                EngineProfile.End(EnginePhase.LstmGemmRecurrent, t0);
            }
        }

        bool biasGrad = st.Bias.RequiresGrad || (st.ShiftI?.RequiresGrad ?? false) || (st.ShiftF?.RequiresGrad ?? false);
        Tensor? colSum = null;
        if (st.Wx.RequiresGrad || st.Wh.RequiresGrad)
        {
            // d[Wx; Wh; b] = sum over steps [x_t | h_{t-1} | 1]^T dA_t: one product over all T B rows,
            // computed transposed (dA^T [x | h | 1], [4H, kd]: ~20 % faster than the A^T-strided form
            // for these shapes) and added back transposed. The last column, the column sums of dA,
            // only when a bias gradient is needed.
            t0 = EngineProfile.Begin();
            int kd = biasGrad ? kb : kx;
            var dWt = tape.Rent([g4, kd]);
            Gemm.Multiply(das, g4, true, st.Xh.Span, kb, false, dWt.Span, kd, g4, kd, rows, accumulate: false, threads);
            ReadOnlySpan<double> dwt = dWt.Span;
            if (st.Wx.RequiresGrad)
            {
                AddTransposed(dwt, kd, 0, nIn, st.Wx.EnsureGrad().Span, g4);
            }

            if (st.Wh.RequiresGrad)
            {
                AddTransposed(dwt, kd, nIn, h, st.Wh.EnsureGrad().Span, g4);
            }

            if (biasGrad)
            {
                colSum = tape.Rent([1, g4]);
                Span<double> cols = colSum.Span;
                for (int j = 0; j < g4; j++)
                {
                    cols[j] = dwt[(j * kd) + kx];
                }
            }

            EngineProfile.End(EnginePhase.LstmGemmWeights, t0);
        }

        if (st.X.RequiresGrad)
        {
            // dx_t = dA_t Wx^T, time-major, then scattered back to [B, T, in].
            var dxT = tape.Rent([steps, batch, nIn]);
            Gemm.Multiply(das, g4, false, st.Wx.Value.Span, g4, true, dxT.Span, nIn, rows, nIn, g4, accumulate: false, threads);
            Span<double> gx = st.X.EnsureGrad().Span;
            for (int t = 0; t < steps; t++)
            {
                for (int b = 0; b < batch; b++)
                {
                    Span<double> dst = gx.Slice(((b * steps) + t) * nIn, nIn);
                    TensorPrimitives.Add(dst, dxT.Span.Slice(((t * batch) + b) * nIn, nIn), dst);
                }
            }
        }

        if (biasGrad)
        {
            // Column sums of dA: the last row of dW when it was computed, else the same product alone.
            Span<double> db;
            if (colSum is not null)
            {
                db = colSum.Span;
            }
            else
            {
                colSum = tape.Rent([1, g4]);
                Gemm.Multiply(st.Xh.Span[kx..], kb, true, das, g4, false, colSum.Span, g4, 1, g4, rows, accumulate: false, threads);
                db = colSum.Span;
            }

            if (st.Bias.RequiresGrad)
            {
                Span<double> gb = st.Bias.EnsureGrad().Span;
                TensorPrimitives.Add(gb, db, gb);
            }

            if (st.ShiftI is { RequiresGrad: true } si)
            {
                si.EnsureGrad()[0] += TensorPrimitives.Sum(db[..h]);
            }

            if (st.ShiftF is { RequiresGrad: true } sf)
            {
                sf.EnsureGrad()[0] += TensorPrimitives.Sum(db.Slice(h, h));
            }
        }
    }

    /// <summary>dst[r, j] += src[j, c0 + r] for r &lt; count, j &lt; n (src [n, lds], dst [count, n]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddTransposed(ReadOnlySpan<double> src, int lds, int c0, int count, Span<double> dst, int n)
    {
        for (int j = 0; j < n; j++)
        {
            ReadOnlySpan<double> row = src.Slice((j * lds) + c0, count);
            for (int r = 0; r < count; r++)
            {
                dst[(r * n) + j] += row[r];
            }
        }
    }

    /// <summary>
    /// One (batch row, step) forward: <paramref name="a"/> = pre-activations [i | f | g | o] (4H),
    /// replaced by the activated gates; writes c = f cPrev + i g, tc = tanh(c) and h = o tc.
    /// <paramref name="cPrev"/> is empty at t = 0. Lanes past a multiple of 8 use the same vector
    /// functions on broadcast values, so every element is computed the same way.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CellForward(Span<double> a, ReadOnlySpan<double> cPrev, Span<double> c, Span<double> tc, Span<double> hOut, int h)
    {
        ref double ra = ref MemoryMarshal.GetReference(a);
        ref double rcp = ref MemoryMarshal.GetReference(cPrev);
        ref double rc = ref MemoryMarshal.GetReference(c);
        ref double rtc = ref MemoryMarshal.GetReference(tc);
        ref double rh = ref MemoryMarshal.GetReference(hOut);
        bool hasPrev = !cPrev.IsEmpty;
        nuint hh = (nuint)h;
        int j = 0;
        for (; j + 8 <= h; j += 8)
        {
            nuint u = (nuint)j;
            var ig = VectorMath.SigmoidVector(Vector512.LoadUnsafe(ref ra, u));
            var fg = VectorMath.SigmoidVector(Vector512.LoadUnsafe(ref ra, u + hh));
            var gg = VectorMath.TanhVector(Vector512.LoadUnsafe(ref ra, u + (2 * hh)));
            var og = VectorMath.SigmoidVector(Vector512.LoadUnsafe(ref ra, u + (3 * hh)));
            ig.StoreUnsafe(ref ra, u);
            fg.StoreUnsafe(ref ra, u + hh);
            gg.StoreUnsafe(ref ra, u + (2 * hh));
            og.StoreUnsafe(ref ra, u + (3 * hh));
            var cv = hasPrev ? Vector512.FusedMultiplyAdd(fg, Vector512.LoadUnsafe(ref rcp, u), ig * gg) : ig * gg;
            var tcv = VectorMath.TanhVector(cv);
            cv.StoreUnsafe(ref rc, u);
            tcv.StoreUnsafe(ref rtc, u);
            (og * tcv).StoreUnsafe(ref rh, u);
        }

        for (; j < h; j++)
        {
            double i = VectorMath.SigmoidVector(Vector512.Create(a[j]))[0];
            double f = VectorMath.SigmoidVector(Vector512.Create(a[h + j]))[0];
            double g = VectorMath.TanhVector(Vector512.Create(a[(2 * h) + j]))[0];
            double o = VectorMath.SigmoidVector(Vector512.Create(a[(3 * h) + j]))[0];
            a[j] = i;
            a[h + j] = f;
            a[(2 * h) + j] = g;
            a[(3 * h) + j] = o;
            double cj = hasPrev ? Math.FusedMultiplyAdd(f, cPrev[j], i * g) : i * g;
            double tcj = VectorMath.TanhVector(Vector512.Create(cj))[0];
            c[j] = cj;
            tc[j] = tcj;
            hOut[j] = o * tcj;
        }
    }

    /// <summary>
    /// One (batch row, step): from dh + dhDirect (carried from step t+1 plus this step's own output
    /// gradient = total d loss / d h_t) and dc (carried d loss / d c_t from
    /// step t+1), writes the pre-activation gradients dA = [di | df | dg | do] and replaces dc by
    /// d loss / d c_{t-1}. <paramref name="cPrev"/> is empty at t = 0 (c_{-1} = 0).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void GateBackward(ReadOnlySpan<double> a, ReadOnlySpan<double> tc, ReadOnlySpan<double> cPrev, ReadOnlySpan<double> dh, ReadOnlySpan<double> dhDirect, Span<double> dc, Span<double> d, int h)
    {
        int j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            ref double ra = ref MemoryMarshal.GetReference(a);
            ref double rtc = ref MemoryMarshal.GetReference(tc);
            ref double rdh = ref MemoryMarshal.GetReference(dh);
            ref double rdd = ref MemoryMarshal.GetReference(dhDirect);
            ref double rdc = ref MemoryMarshal.GetReference(dc);
            ref double rd = ref MemoryMarshal.GetReference(d);
            ref double rcp = ref MemoryMarshal.GetReference(cPrev);
            bool hasPrev = !cPrev.IsEmpty;
            var one = Vector512<double>.One;
            nuint hh = (nuint)h;
            for (; j + 8 <= h; j += 8)
            {
                nuint u = (nuint)j;
                var ig = Vector512.LoadUnsafe(ref ra, u);
                var fg = Vector512.LoadUnsafe(ref ra, u + hh);
                var gg = Vector512.LoadUnsafe(ref ra, u + (2 * hh));
                var og = Vector512.LoadUnsafe(ref ra, u + (3 * hh));
                var tcv = Vector512.LoadUnsafe(ref rtc, u);
                var dhv = Vector512.LoadUnsafe(ref rdh, u) + Vector512.LoadUnsafe(ref rdd, u);
                var dcv = Vector512.FusedMultiplyAdd(dhv * og, one - (tcv * tcv), Vector512.LoadUnsafe(ref rdc, u));
                var cp = hasPrev ? Vector512.LoadUnsafe(ref rcp, u) : Vector512<double>.Zero;
                (dcv * gg * ig * (one - ig)).StoreUnsafe(ref rd, u);
                (dcv * cp * fg * (one - fg)).StoreUnsafe(ref rd, u + hh);
                (dcv * ig * (one - (gg * gg))).StoreUnsafe(ref rd, u + (2 * hh));
                (dhv * tcv * og * (one - og)).StoreUnsafe(ref rd, u + (3 * hh));
                (dcv * fg).StoreUnsafe(ref rdc, u);
            }
        }

        for (; j < h; j++)
        {
            double i = a[j], f = a[h + j], g = a[(2 * h) + j], o = a[(3 * h) + j], tcj = tc[j], dhj = dh[j] + dhDirect[j];
            double dcj = dc[j] + (dhj * o * (1 - (tcj * tcj)));
            double cp = cPrev.IsEmpty ? 0.0 : cPrev[j];
            d[j] = dcj * g * i * (1 - i);
            d[h + j] = dcj * cp * f * (1 - f);
            d[(2 * h) + j] = dcj * i * (1 - (g * g));
            d[(3 * h) + j] = dhj * tcj * o * (1 - o);
            dc[j] = dcj * f;
        }
    }
}
