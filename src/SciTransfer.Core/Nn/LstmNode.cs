using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Kernels;
using SciTransfer.Core.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace SciTransfer.Core.Nn;

/// <summary>
/// The fused LSTM tape node: forward over all time steps with the input projection done as one
/// product for the whole sequence, then hand-written back-propagation through time. Rows of the
/// [B*T, .] buffers are ordered (b, t), so step t of the batch is a strided row set (stride T).
/// </summary>
internal static class LstmNode
{
    public static Var Forward(Tape tape, Lstm layer, Var x, Var wx, Var wh, Var bias, Var? shiftI, Var? shiftF)
    {
        int batch = x.Value.Dim(0), steps = x.Value.Dim(1), nIn = layer.InputSize, h = layer.HiddenSize, g4 = 4 * h;
        int rows = batch * steps;
        int threads = tape.Threads;

        // Effective bias with the warp shifts.
        var bEff = tape.Rent([g4]);
        bias.Value.Span.CopyTo(bEff.Span);
        if (shiftI is not null)
        {
            TensorPrimitives.Add(bEff.Span.Slice(0, h), shiftI.Value[0], bEff.Span.Slice(0, h));
        }

        if (shiftF is not null)
        {
            TensorPrimitives.Add(bEff.Span.Slice(h, h), shiftF.Value[0], bEff.Span.Slice(h, h));
        }

        // gates[(b,t), 4H]: pre-activations, then activated in place.
        var gates = tape.Rent([rows, g4]);
        Span<double> gs = gates.Span;
        for (int r = 0; r < rows; r++)
        {
            bEff.Span.CopyTo(gs.Slice(r * g4, g4));
        }

        Gemm.Multiply(x.Value.Span, nIn, false, wx.Value.Span, g4, false, gs, g4, rows, g4, nIn, accumulate: true, threads);

        var packedWh = tape.Rent([Gemm.PackedLength(h, g4)]);
        Gemm.Pack(wh.Value.Span, g4, false, h, g4, packedWh.Span);

        var hidden = tape.Rent([batch, steps, h]);
        var cell = tape.Rent([rows, h]);
        var tanhCell = tape.Rent([rows, h]);
        Span<double> hs = hidden.Span, cs = cell.Span, tcs = tanhCell.Span;
        for (int t = 0; t < steps; t++)
        {
            if (t > 0)
            {
                // gates[:, t] += h[:, t-1] Wh : A rows stride T*H, C rows stride T*4H.
                Gemm.MultiplyPacked(hs[((t - 1) * h)..], steps * h, false, packedWh.Span, gs[(t * g4)..], steps * g4, batch, g4, h, accumulate: true, threads);
            }

            for (int bi = 0; bi < batch; bi++)
            {
                int r = (bi * steps) + t;
                Span<double> a = gs.Slice(r * g4, g4);
                TensorPrimitives.Sigmoid(a.Slice(0, 2 * h), a.Slice(0, 2 * h));
                TensorPrimitives.Tanh(a.Slice(2 * h, h), a.Slice(2 * h, h));
                TensorPrimitives.Sigmoid(a.Slice(3 * h, h), a.Slice(3 * h, h));
                Span<double> c = cs.Slice(r * h, h);
                ReadOnlySpan<double> ig = a.Slice(0, h), fg = a.Slice(h, h), gg = a.Slice(2 * h, h), og = a.Slice(3 * h, h);
                TensorPrimitives.Multiply(ig, gg, c);
                if (t > 0)
                {
                    TensorPrimitives.FusedMultiplyAdd(fg, cs.Slice((r - 1) * h, h), c, c);
                }

                Span<double> tc = tcs.Slice(r * h, h);
                TensorPrimitives.Tanh(c, tc);
                TensorPrimitives.Multiply(og, tc, hs.Slice(r * h, h));
            }
        }

        bool grad = x.RequiresGrad || wx.RequiresGrad || wh.RequiresGrad || bias.RequiresGrad
            || (shiftI?.RequiresGrad ?? false) || (shiftF?.RequiresGrad ?? false);
        var result = tape.Result(hidden, grad);
        if (grad)
        {
            tape.Record(result, dH => Backward(tape, x, wx, wh, bias, shiftI, shiftF, gates, cell, tanhCell, hidden, dH, batch, steps, h));
        }

        return result;
    }

    private static void Backward(
        Tape tape, Var x, Var wx, Var wh, Var bias, Var? shiftI, Var? shiftF,
        Tensor gates, Tensor cell, Tensor tanhCell, Tensor hidden, Tensor dHidden, int batch, int steps, int h)
    {
        int g4 = 4 * h, rows = batch * steps, nIn = x.Value.Dim(2), threads = tape.Threads;
        var dA = tape.Rent([rows, g4]);
        var dhNext = tape.RentZeroed([batch, h]);
        var dcNext = tape.RentZeroed([batch, h]);
        var packedWhT = tape.Rent([Gemm.PackedLength(g4, h)]);
        Gemm.Pack(wh.Value.Span, g4, true, g4, h, packedWhT.Span);
        Span<double> gs = gates.Span, cs = cell.Span, tcs = tanhCell.Span, das = dA.Span, dhs = dHidden.Span;
        Span<double> dhn = dhNext.Span, dcn = dcNext.Span;
        for (int t = steps - 1; t >= 0; t--)
        {
            for (int bi = 0; bi < batch; bi++)
            {
                int r = (bi * steps) + t;
                ReadOnlySpan<double> a = gs.Slice(r * g4, g4);
                ReadOnlySpan<double> ig = a.Slice(0, h), fg = a.Slice(h, h), gg = a.Slice(2 * h, h), og = a.Slice(3 * h, h);
                ReadOnlySpan<double> tc = tcs.Slice(r * h, h);
                Span<double> dh = dhn.Slice(bi * h, h);
                Span<double> dc = dcn.Slice(bi * h, h);
                Span<double> d = das.Slice(r * g4, g4);
                Span<double> dI = d.Slice(0, h), dF = d.Slice(h, h), dG = d.Slice(2 * h, h), dO = d.Slice(3 * h, h);
                TensorPrimitives.Add(dh, dhs.Slice(r * h, h), dh);
                for (int j = 0; j < h; j++)
                {
                    double dhj = dh[j], o = og[j], tcj = tc[j];
                    double dcj = dc[j] + (dhj * o * (1 - (tcj * tcj)));
                    double i = ig[j], f = fg[j], gv = gg[j];
                    double cPrev = t > 0 ? cs[((r - 1) * h) + j] : 0.0;
                    dO[j] = dhj * tcj * o * (1 - o);
                    dI[j] = dcj * gv * i * (1 - i);
                    dG[j] = dcj * i * (1 - (gv * gv));
                    dF[j] = dcj * cPrev * f * (1 - f);
                    dc[j] = dcj * f;
                }
            }

            // dh_{t-1} = dA_t Wh^T (overwrites: the direct term of step t-1 is added at its turn).
            if (t > 0)
            {
                Gemm.MultiplyPacked(das[(t * g4)..], steps * g4, false, packedWhT.Span, dhn, h, batch, h, g4, accumulate: false, threads);
            }
        }

        if (wh.RequiresGrad && steps > 1)
        {
            // dWh += sum over (b, t >= 1) h_{b,t-1}^T dA_{b,t}: per batch row, a [T-1, H]^T x [T-1, 4H] product.
            Span<double> gwh = wh.EnsureGrad().Span;
            ReadOnlySpan<double> hsp = hidden.Span;
            for (int bi = 0; bi < batch; bi++)
            {
                Gemm.Multiply(hsp.Slice(bi * steps * h, (steps - 1) * h), h, true, das.Slice(((bi * steps) + 1) * g4, (steps - 1) * g4), g4, false,
                    gwh, g4, h, g4, steps - 1, accumulate: true);
            }
        }

        if (wx.RequiresGrad)
        {
            Gemm.Multiply(x.Value.Span, nIn, true, das, g4, false, wx.EnsureGrad().Span, g4, nIn, g4, rows, accumulate: true, threads);
        }

        if (x.RequiresGrad)
        {
            Gemm.Multiply(das, g4, false, wx.Value.Span, g4, true, x.EnsureGrad().Span, nIn, rows, nIn, g4, accumulate: true, threads);
        }

        if (bias.RequiresGrad || (shiftI?.RequiresGrad ?? false) || (shiftF?.RequiresGrad ?? false))
        {
            var colSum = tape.RentZeroed([g4]);
            for (int r = 0; r < rows; r++)
            {
                TensorPrimitives.Add(colSum.Span, das.Slice(r * g4, g4), colSum.Span);
            }

            if (bias.RequiresGrad)
            {
                TensorPrimitives.Add(bias.EnsureGrad().Span, colSum.Span, bias.Grad!.Span);
            }

            if (shiftI is { RequiresGrad: true })
            {
                shiftI.EnsureGrad()[0] += TensorPrimitives.Sum(colSum.Span.Slice(0, h));
            }

            if (shiftF is { RequiresGrad: true })
            {
                shiftF.EnsureGrad()[0] += TensorPrimitives.Sum(colSum.Span.Slice(h, h));
            }
        }
    }
}
