using SciTransfer.Core.Kernels;
using SciTransfer.Core.Tensors;

namespace SciTransfer.Core.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// 2-D cross-correlation (PyTorch's conv2d): x [N, C, H, W], weight [O, C, kh, kw], bias [O] or null ->
    /// y [N, O, Ho, Wo] with y[n, o, oy, ox] = bias[o] + sum_{c,i,j} weight[o, c, i, j] x[n, c, oy*s + i - p, ox*s + j - p]
    /// (zero outside the image), Ho = (H + 2p - kh) / s + 1. Computed per image as im2col then one GEMM
    /// W[O, C*kh*kw] x cols[C*kh*kw, Ho*Wo]; the backward pass reuses the columns (dW += dY cols^T, dcols = W^T dY,
    /// col2im into dx).
    /// </summary>
    public static Var Conv2d(Var x, Var weight, Var? bias, int stride = 1, int padding = 0)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(weight);
        CheckSameTape(x, weight, "Conv2d");
        Tensor xv = x.Value, wv = weight.Value;
        if (xv.Rank != 4 || wv.Rank != 4 || xv.Dim(1) != wv.Dim(1))
        {
            throw new ArgumentException($"Conv2d: input {xv.ShapeText} and weight {wv.ShapeText} do not fit (need [N, C, H, W] and [O, C, kh, kw]).");
        }

        if (stride < 1 || padding < 0)
        {
            throw new ArgumentException($"Conv2d: stride {stride} must be >= 1 and padding {padding} >= 0.");
        }

        int n = xv.Dim(0), c = xv.Dim(1), h = xv.Dim(2), w = xv.Dim(3);
        int o = wv.Dim(0), kh = wv.Dim(2), kw = wv.Dim(3);
        int ho = Im2Col.OutputSize(h, kh, stride, padding), wo = Im2Col.OutputSize(w, kw, stride, padding);
        if (ho < 1 || wo < 1)
        {
            throw new ArgumentException($"Conv2d: a {kh}x{kw} kernel (padding {padding}) does not fit input {xv.ShapeText}.");
        }

        if (bias is not null)
        {
            CheckSameTape(x, bias, "Conv2d");
            if (bias.Value.Length != o)
            {
                throw new ArgumentException($"Conv2d: bias {bias.ShapeText} does not match {o} output channels of weight {wv.ShapeText}.");
            }
        }

        int k = c * kh * kw, p = ho * wo, image = c * h * w;
        var tape = x.Tape;
        var cols = tape.Rent([n, k, p]);
        var y = tape.Rent([n, o, ho, wo]);
        for (int s = 0; s < n; s++)
        {
            Span<double> colsS = cols.Span.Slice(s * k * p, k * p);
            Span<double> yS = y.Span.Slice(s * o * p, o * p);
            Im2Col.Unfold(xv.Span.Slice(s * image, image), c, h, w, kh, kw, stride, padding, colsS);
            if (bias is not null)
            {
                for (int ch = 0; ch < o; ch++)
                {
                    yS.Slice(ch * p, p).Fill(bias.Value[ch]);
                }
            }

            Gemm.Multiply(wv.Span, k, false, colsS, p, false, yS, p, o, p, k, accumulate: bias is not null, tape.Threads);
        }

        bool grad = x.RequiresGrad || weight.RequiresGrad || (bias?.RequiresGrad ?? false);
        var r = tape.Result(y, grad);
        if (grad)
        {
            tape.Record(r, g =>
            {
                Tensor? dcols = x.RequiresGrad ? tape.Rent([k, p]) : null;
                for (int s = 0; s < n; s++)
                {
                    ReadOnlySpan<double> gS = g.Span.Slice(s * o * p, o * p);
                    ReadOnlySpan<double> colsS = cols.Span.Slice(s * k * p, k * p);
                    if (weight.RequiresGrad)
                    {
                        Gemm.Multiply(gS, p, false, colsS, p, true, weight.EnsureGrad().Span, k, o, k, p, accumulate: true, tape.Threads);
                    }

                    if (bias is { RequiresGrad: true })
                    {
                        Span<double> gb = bias.EnsureGrad().Span;
                        for (int ch = 0; ch < o; ch++)
                        {
                            double sum = 0;
                            foreach (double v in gS.Slice(ch * p, p))
                            {
                                sum += v;
                            }

                            gb[ch] += sum;
                        }
                    }

                    if (dcols is not null)
                    {
                        Gemm.Multiply(wv.Span, k, true, gS, p, false, dcols.Span, p, k, p, o, accumulate: false, tape.Threads);
                        Im2Col.FoldAdd(dcols.Span, c, h, w, kh, kw, stride, padding, x.EnsureGrad().Span.Slice(s * image, image));
                    }
                }
            });
        }

        return r;
    }

    /// <summary>
    /// Max pooling x [N, C, H, W] -> [N, C, Ho, Wo] over kernel x kernel windows at <paramref name="stride"/>
    /// (default = kernel; no padding, windows that do not fit are dropped as in PyTorch's floor mode). The gradient
    /// goes to the first maximum of each window (row-major), as libtorch does.
    /// </summary>
    public static Var MaxPool2d(Var x, int kernel, int stride = 0) => Pool2d(x, kernel, stride, max: true);

    /// <summary>Average pooling x [N, C, H, W] -> [N, C, Ho, Wo] over kernel x kernel windows (stride default = kernel, no padding).</summary>
    public static Var AvgPool2d(Var x, int kernel, int stride = 0) => Pool2d(x, kernel, stride, max: false);

    private static Var Pool2d(Var x, int kernel, int stride, bool max)
    {
        ArgumentNullException.ThrowIfNull(x);
        string op = max ? "MaxPool2d" : "AvgPool2d";
        Tensor xv = x.Value;
        stride = stride == 0 ? kernel : stride;
        if (xv.Rank != 4 || kernel < 1 || stride < 1)
        {
            throw new ArgumentException($"{op}: needs input [N, C, H, W] (got {xv.ShapeText}), kernel >= 1 (got {kernel}) and stride >= 1 (got {stride}).");
        }

        int planes = xv.Dim(0) * xv.Dim(1), h = xv.Dim(2), w = xv.Dim(3);
        int ho = Im2Col.OutputSize(h, kernel, stride, 0), wo = Im2Col.OutputSize(w, kernel, stride, 0);
        if (ho < 1 || wo < 1)
        {
            throw new ArgumentException($"{op}: a {kernel}x{kernel} window does not fit input {xv.ShapeText}.");
        }

        var tape = x.Tape;
        var y = tape.Rent([xv.Dim(0), xv.Dim(1), ho, wo]);
        int[]? argmax = max && x.RequiresGrad ? new int[y.Length] : null;
        double inv = 1.0 / (kernel * kernel);
        ReadOnlySpan<double> xs = xv.Span;
        Span<double> ys = y.Span;
        for (int pl = 0; pl < planes; pl++)
        {
            int inBase = pl * h * w, outBase = pl * ho * wo;
            for (int oy = 0; oy < ho; oy++)
            {
                for (int ox = 0; ox < wo; ox++)
                {
                    int top = inBase + (oy * stride * w) + (ox * stride);
                    double acc = max ? double.NegativeInfinity : 0.0;
                    int best = top;
                    for (int i = 0; i < kernel; i++)
                    {
                        for (int j = 0; j < kernel; j++)
                        {
                            int at = top + (i * w) + j;
                            double v = xs[at];
                            if (!max)
                            {
                                acc += v;
                            }
                            else if (v > acc || double.IsNaN(v))
                            {
                                // NaN wins and stays (as in libtorch), so a bad input is not hidden.
                                acc = v;
                                best = at;
                                if (double.IsNaN(v))
                                {
                                    goto done;
                                }
                            }
                        }
                    }

                done:
                    int outAt = outBase + (oy * wo) + ox;
                    ys[outAt] = max ? acc : acc * inv;
                    if (argmax is not null)
                    {
                        argmax[outAt] = best;
                    }
                }
            }
        }

        var r = tape.Result(y, x.RequiresGrad);
        if (x.RequiresGrad)
        {
            tape.Record(r, g =>
            {
                Span<double> gx = x.EnsureGrad().Span;
                ReadOnlySpan<double> gs = g.Span;
                if (argmax is not null)
                {
                    for (int q = 0; q < gs.Length; q++)
                    {
                        gx[argmax[q]] += gs[q];
                    }

                    return;
                }

                for (int pl = 0; pl < planes; pl++)
                {
                    for (int oy = 0; oy < ho; oy++)
                    {
                        for (int ox = 0; ox < wo; ox++)
                        {
                            double share = gs[(pl * ho * wo) + (oy * wo) + ox] * inv;
                            int top = (pl * h * w) + (oy * stride * w) + (ox * stride);
                            for (int i = 0; i < kernel; i++)
                            {
                                for (int j = 0; j < kernel; j++)
                                {
                                    gx[top + (i * w) + j] += share;
                                }
                            }
                        }
                    }
                }
            });
        }

        return r;
    }
}
