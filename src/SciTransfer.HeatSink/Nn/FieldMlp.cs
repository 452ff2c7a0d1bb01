using System.Numerics.Tensors;
using SciTransfer.Core.Random;

namespace SciTransfer.HeatSink.Nn;

/// <summary>
/// A tanh multilayer perceptron u(x) : R^D -> R with a fixed input affine map x_hat = (x - centre) / scale,
/// whose forward pass propagates (value, gradient, Laplacian) wrt the raw inputs in one sweep
/// (the "forward Laplacian"), and whose reverse pass takes adjoints of all three and accumulates
/// parameter gradients. Parameters live in one flat array: per layer W (out x in, row-major) then b (out).
/// Thread safety: the parameters are read-only during <see cref="Forward"/>; all per-call state lives in
/// a <see cref="MlpWorkspace"/> owned by the caller.
/// </summary>
public sealed class FieldMlp
{
    /// <summary>Creates a network with zero parameters; call <see cref="Initialise"/> or load parameters.</summary>
    /// <param name="sizes">Layer widths, input first, output (1) last, e.g. [2, 32, 32, 1].</param>
    /// <param name="inputCentre">Per-input centre (length D).</param>
    /// <param name="inputScale">Per-input scale (length D, positive).</param>
    /// <param name="mirrorPeriod">When positive, input 0 enters as cos(pi x_0 / mirrorPeriod) instead of its affine
    /// scaling: the network is then even about x_0 = 0 and x_0 = mirrorPeriod, so zero-flux symmetry planes
    /// there hold exactly (a hard constraint).</param>
    public FieldMlp(int[] sizes, double[] inputCentre, double[] inputScale, double mirrorPeriod = 0)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(inputCentre);
        ArgumentNullException.ThrowIfNull(inputScale);
        if (sizes.Length < 2 || sizes[^1] != 1 || sizes.Any(s => s < 1))
        {
            throw new ArgumentException($"FieldMlp: sizes must be at least [D, 1] with one output, got [{string.Join(", ", sizes)}]");
        }

        if (inputCentre.Length != sizes[0] || inputScale.Length != sizes[0] || inputScale.Any(s => !(s > 0)))
        {
            throw new ArgumentException($"FieldMlp: input centre/scale must have {sizes[0]} entries with positive scales");
        }

        if (mirrorPeriod < 0 || double.IsNaN(mirrorPeriod))
        {
            throw new ArgumentException($"FieldMlp: mirror period must be 0 (off) or positive, got {mirrorPeriod}");
        }

        MirrorPeriod = mirrorPeriod;
        Sizes = [.. sizes];
        InputCentre = [.. inputCentre];
        InputScale = [.. inputScale];
        Offsets = new int[sizes.Length - 1];
        int count = 0;
        for (int l = 0; l < sizes.Length - 1; l++)
        {
            Offsets[l] = count;
            count += (sizes[l] * sizes[l + 1]) + sizes[l + 1];
        }

        Parameters = new double[count];
    }

    /// <summary>Layer widths.</summary>
    public int[] Sizes { get; }

    /// <summary>Input dimension D.</summary>
    public int InputDim => Sizes[0];

    /// <summary>Number of linear layers.</summary>
    public int LayerCount => Sizes.Length - 1;

    /// <summary>Input centres.</summary>
    public double[] InputCentre { get; }

    /// <summary>Input scales.</summary>
    public double[] InputScale { get; }

    /// <summary>Period of the mirror feature on input 0 (0: off).</summary>
    public double MirrorPeriod { get; }

    /// <summary>Offset of each layer's W in <see cref="Parameters"/>.</summary>
    public int[] Offsets { get; }

    /// <summary>All parameters (sum over layers of in*out + out).</summary>
    public double[] Parameters { get; }

    /// <summary>Glorot-normal weights, zero biases.</summary>
    public void Initialise(Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        Array.Clear(Parameters);
        for (int l = 0; l < LayerCount; l++)
        {
            int fanIn = Sizes[l];
            int fanOut = Sizes[l + 1];
            rng.FillNormal(Parameters.AsSpan(Offsets[l], fanIn * fanOut), Math.Sqrt(2.0 / (fanIn + fanOut)));
        }
    }

    /// <summary>A deep copy (parameters and scaling).</summary>
    public FieldMlp Clone()
    {
        var c = new FieldMlp(Sizes, InputCentre, InputScale, MirrorPeriod);
        Parameters.CopyTo(c.Parameters, 0);
        return c;
    }

    /// <summary>Range [start, start+length) of layer l's parameters (W and b).</summary>
    public (int Start, int Length) LayerRange(int layer) => (Offsets[layer], (Sizes[layer] * Sizes[layer + 1]) + Sizes[layer + 1]);

    /// <summary>
    /// Forward pass over <paramref name="batch"/> points (x row-major, batch x D). Afterwards
    /// <see cref="MlpWorkspace.Output"/> holds channels [value | d/dx_1 .. d/dx_D | Laplacian] (per order), each of length batch.
    /// </summary>
    public void Forward(ReadOnlySpan<double> x, int batch, DerivativeOrder order, MlpWorkspace ws)
    {
        ArgumentNullException.ThrowIfNull(ws);
        int d = InputDim;
        if (x.Length != batch * d)
        {
            throw new ArgumentException($"FieldMlp.Forward: x has {x.Length} values, expected batch {batch} x D {d}");
        }

        int channels = ChannelCount(order);
        ws.Prepare(this, batch, channels);
        var a0 = ws.Activations[0];
        for (int b = 0; b < batch; b++)
        {
            for (int j = 0; j < d; j++)
            {
                a0[(b * d) + j] = (x[(b * d) + j] - InputCentre[j]) / InputScale[j];
            }
        }

        if (channels > 1)
        {
            int stride = batch * d;
            a0.AsSpan(stride, (channels - 1) * stride).Clear();
            for (int j = 0; j < d; j++)
            {
                for (int b = 0; b < batch; b++)
                {
                    a0[((1 + j) * stride) + (b * d) + j] = 1.0 / InputScale[j];
                }
            }
        }

        if (MirrorPeriod > 0)
        {
            double k = Math.PI / MirrorPeriod;
            int stride = batch * d;
            for (int b = 0; b < batch; b++)
            {
                double kx = k * x[b * d];
                a0[b * d] = Math.Cos(kx);
                if (channels > 1)
                {
                    a0[stride + (b * d)] = -k * Math.Sin(kx);
                }

                if (channels == d + 2)
                {
                    a0[((d + 1) * stride) + (b * d)] = -k * k * Math.Cos(kx);
                }
            }
        }

        for (int l = 0; l < LayerCount; l++)
        {
            int nin = Sizes[l];
            int nout = Sizes[l + 1];
            var w = Parameters.AsSpan(Offsets[l], nin * nout);
            var bias = Parameters.AsSpan(Offsets[l] + (nin * nout), nout);
            var input = ws.Activations[l];
            var z = ws.PreActivations[l];
            int rows = channels * batch;
            DenseKernels.MultiplyTransposed(input.AsSpan(0, rows * nin), w, rows, nin, nout, z.AsSpan(0, rows * nout));
            for (int r = 0; r < batch; r++)
            {
                var zr = z.AsSpan(r * nout, nout);
                TensorPrimitives.Add(zr, bias, zr);
            }

            if (l < LayerCount - 1)
            {
                TanhForward(z, ws.Activations[l + 1], batch * nout, channels, d);
            }
        }

        var zo = ws.PreActivations[LayerCount - 1];
        zo.AsSpan(0, channels * batch).CopyTo(ws.Output);
    }

    /// <summary>
    /// Reverse pass after <see cref="Forward"/>: <paramref name="outputAdjoint"/> holds dLoss/d(channel)
    /// in the same layout as the output (channels x batch); gradients are added to <paramref name="gradient"/>.
    /// </summary>
    public void Backward(ReadOnlySpan<double> outputAdjoint, MlpWorkspace ws, Span<double> gradient)
    {
        ArgumentNullException.ThrowIfNull(ws);
        int batch = ws.Batch;
        int channels = ws.Channels;
        int d = InputDim;
        if (outputAdjoint.Length != channels * batch || gradient.Length != Parameters.Length)
        {
            throw new ArgumentException($"FieldMlp.Backward: adjoint has {outputAdjoint.Length} values (expected {channels * batch}), gradient {gradient.Length} (expected {Parameters.Length})");
        }

        var dz = ws.AdjointZ;
        outputAdjoint.CopyTo(dz);
        for (int l = LayerCount - 1; l >= 0; l--)
        {
            int nin = Sizes[l];
            int nout = Sizes[l + 1];
            var w = Parameters.AsSpan(Offsets[l], nin * nout);
            var gw = gradient.Slice(Offsets[l], nin * nout);
            var gb = gradient.Slice(Offsets[l] + (nin * nout), nout);
            var input = ws.Activations[l];
            var da = ws.AdjointA;
            int rows = channels * batch;
            bool needInputAdjoint = l > 0;
            var dzRows = dz.AsSpan(0, rows * nout);
            DenseKernels.AddTransposedProduct(dzRows, input.AsSpan(0, rows * nin), rows, nout, nin, gw);
            for (int r = 0; r < batch; r++)
            {
                TensorPrimitives.Add(gb, dz.AsSpan(r * nout, nout), gb);
            }

            if (needInputAdjoint)
            {
                DenseKernels.Multiply(dzRows, w, rows, nout, nin, da.AsSpan(0, rows * nin));
            }

            if (needInputAdjoint)
            {
                TanhBackward(ws.PreActivations[l - 1], ws.Activations[l], da, dz, batch * nin, channels, d);
            }
        }
    }

    /// <summary>Channels propagated for an order: 1, 1 + D or 2 + D.</summary>
    public int ChannelCount(DerivativeOrder order) => order switch
    {
        DerivativeOrder.Value => 1,
        DerivativeOrder.Gradient => 1 + InputDim,
        _ => 2 + InputDim,
    };

    // z, a: channel-major blocks of m = batch*width values; channel 0 value, 1..D gradient, D+1 Laplacian.
    private static void TanhForward(double[] z, double[] a, int m, int channels, int d)
    {
        TensorPrimitives.Tanh(z.AsSpan(0, m), a.AsSpan(0, m));
        if (channels == 1)
        {
            return;
        }

        for (int e = 0; e < m; e++)
        {
            double t = a[e];
            double s1 = 1 - (t * t);

            double sq = 0;
            for (int j = 1; j <= d; j++)
            {
                double zj = z[(j * m) + e];
                a[(j * m) + e] = s1 * zj;
                sq += zj * zj;
            }

            if (channels == d + 2)
            {
                double s2 = -2 * t * s1;
                a[((d + 1) * m) + e] = (s1 * z[((d + 1) * m) + e]) + (s2 * sq);
            }
        }
    }

    // Given adjoints da of the tanh outputs (all channels) and the outputs a (channel 0 = tanh z), writes
    // adjoints dz of its inputs.
    private static void TanhBackward(double[] z, double[] a, double[] da, double[] dz, int m, int channels, int d)
    {
        for (int e = 0; e < m; e++)
        {
            double t = a[e];
            double s1 = 1 - (t * t);
            double s2 = -2 * t * s1;
            double g0 = s1 * da[e];
            if (channels == 1)
            {
                dz[e] = g0;
                continue;
            }

            double lapAdj = channels == d + 2 ? da[((d + 1) * m) + e] : 0;
            double cross = 0;
            double sq = 0;
            for (int j = 1; j <= d; j++)
            {
                double zj = z[(j * m) + e];
                double aj = da[(j * m) + e];
                dz[(j * m) + e] = (s1 * aj) + (2 * s2 * zj * lapAdj);
                cross += zj * aj;
                sq += zj * zj;
            }

            if (channels == d + 2)
            {
                double zl = z[((d + 1) * m) + e];
                dz[((d + 1) * m) + e] = s1 * lapAdj;
                cross += zl * lapAdj;
                double s3 = (-2 * s1 * s1) + (4 * t * t * s1);
                g0 += s3 * sq * lapAdj;
            }

            dz[e] = g0 + (s2 * cross);
        }
    }
}
