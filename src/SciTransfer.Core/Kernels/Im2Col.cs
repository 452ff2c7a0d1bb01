namespace SciTransfer.Core.Kernels;

/// <summary>
/// The im2col / col2im layout that turns a 2-D convolution into one matrix product: for one image x [C, H, W]
/// (row-major) and a kh x kw window with stride s and zero padding p, cols [C*kh*kw, Ho*Wo] holds in row
/// (c*kh + i)*kw + j, column oy*Wo + ox the input pixel x[c, oy*s + i - p, ox*s + j - p] (0 outside the image).
/// Ho = (H + 2p - kh) / s + 1, likewise Wo. Kernels take inputs first and the destination last and allocate nothing.
/// </summary>
public static class Im2Col
{
    /// <summary>Output side of a window sweep: (size + 2 padding - kernel) / stride + 1 (0 when the window does not fit).</summary>
    public static int OutputSize(int size, int kernel, int stride, int padding)
    {
        int span = size + (2 * padding) - kernel;
        return span < 0 ? 0 : (span / stride) + 1;
    }

    /// <summary>Writes cols [C*kh*kw, Ho*Wo] of image x [C, H, W] (every element of cols is written).</summary>
    public static void Unfold(ReadOnlySpan<double> x, int channels, int height, int width, int kh, int kw, int stride, int padding, Span<double> cols)
    {
        int ho = OutputSize(height, kh, stride, padding), wo = OutputSize(width, kw, stride, padding);
        int p = ho * wo;
        for (int c = 0; c < channels; c++)
        {
            ReadOnlySpan<double> plane = x.Slice(c * height * width, height * width);
            for (int i = 0; i < kh; i++)
            {
                for (int j = 0; j < kw; j++)
                {
                    Span<double> row = cols.Slice((((c * kh) + i) * kw + j) * p, p);
                    for (int oy = 0; oy < ho; oy++)
                    {
                        int iy = (oy * stride) + i - padding;
                        Span<double> dst = row.Slice(oy * wo, wo);
                        if (iy < 0 || iy >= height)
                        {
                            dst.Clear();
                            continue;
                        }

                        ReadOnlySpan<double> src = plane.Slice(iy * width, width);
                        for (int ox = 0; ox < wo; ox++)
                        {
                            int ix = (ox * stride) + j - padding;
                            dst[ox] = ix >= 0 && ix < width ? src[ix] : 0.0;
                        }
                    }
                }
            }
        }
    }

    /// <summary>The adjoint of <see cref="Unfold"/>: adds every entry of cols back onto its pixel of dx [C, H, W] (accumulates).</summary>
    public static void FoldAdd(ReadOnlySpan<double> cols, int channels, int height, int width, int kh, int kw, int stride, int padding, Span<double> dx)
    {
        int ho = OutputSize(height, kh, stride, padding), wo = OutputSize(width, kw, stride, padding);
        int p = ho * wo;
        for (int c = 0; c < channels; c++)
        {
            Span<double> plane = dx.Slice(c * height * width, height * width);
            for (int i = 0; i < kh; i++)
            {
                for (int j = 0; j < kw; j++)
                {
                    ReadOnlySpan<double> row = cols.Slice((((c * kh) + i) * kw + j) * p, p);
                    for (int oy = 0; oy < ho; oy++)
                    {
                        int iy = (oy * stride) + i - padding;
                        if (iy < 0 || iy >= height)
                        {
                            continue;
                        }

                        Span<double> dst = plane.Slice(iy * width, width);
                        ReadOnlySpan<double> src = row.Slice(oy * wo, wo);
                        for (int ox = 0; ox < wo; ox++)
                        {
                            int ix = (ox * stride) + j - padding;
                            if (ix >= 0 && ix < width)
                            {
                                dst[ix] += src[ox];
                            }
                        }
                    }
                }
            }
        }
    }
}
