using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Nn;
using SciTransfer.Core.Random;

namespace SciTransfer.HeatSink.Nn;

/// <summary>
/// A tanh multilayer perceptron u(x) : R^D -> R on the core engine (<see cref="Mlp"/>, parameters "field.l.weight"
/// [in, out] and "field.l.bias" [out]) with a fixed input transform: x_hat = (x - centre) / scale, or, when
/// <see cref="MirrorPeriod"/> is positive, cos(pi x_0 / MirrorPeriod) for input 0. Value-only passes use the
/// engine's <see cref="Mlp.Forward"/>; passes that need input derivatives feed the engine's forward-Laplacian
/// layers (<see cref="ForwardLaplacian.Dense"/>) with the stacked (value, gradient, Laplacian) of the transformed
/// features wrt the raw inputs, computed analytically here, so the output carries u, grad u and lap u wrt the raw
/// coordinates. Reverse mode is the engine tape's. Thread safety: parameters are only read during
/// <see cref="Forward"/>; all per-call state lives in a caller-owned <see cref="MlpWorkspace"/>. <see cref="Backward"/>
/// writes <see cref="Parameter.Grad"/>, so a network that trains belongs to one thread.
/// </summary>
public sealed class FieldMlp : IModule
{
    private IReadOnlyList<Parameter> _parameters;

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

        // The engine initialises on construction; the values are cleared so a new FieldMlp starts at zero as documented.
        Network = new Mlp("field", Sizes, Activation.Tanh, new Rng(0));
        foreach (var p in Network.Parameters)
        {
            p.Value.Span.Clear();
        }

        _parameters = Network.Parameters;
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

    /// <summary>The engine network (tanh hidden layers, identity output).</summary>
    public Mlp Network { get; }

    /// <summary>The singular corner term added to the output (null: none), see <see cref="Enrich"/>.</summary>
    public CornerEnrichment? Enrichment { get; private set; }

    /// <inheritdoc/>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>Number of scalar parameters (sum over layers of in*out + out, plus 1 for the corner coefficient of an enriched network).</summary>
    public int ParameterCount => Network.ParameterCount() + (Enrichment is null ? 0 : 1);

    /// <summary>
    /// Adds the singular corner term c S to the output (u = NN + c S, with all derivative channels), or removes it
    /// (null). The coefficient becomes the last parameter (<see cref="Parameters"/>, <see cref="CopyValuesTo"/>).
    /// </summary>
    public void Enrich(CornerEnrichment? enrichment)
    {
        Enrichment = enrichment;
        _parameters = enrichment is null ? Network.Parameters : [.. Network.Parameters, enrichment.Coefficient];
    }

    /// <summary>Glorot-normal weights (std sqrt(2 / (fan_in + fan_out))), zero biases.</summary>
    public void Initialise(Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        for (int l = 0; l < LayerCount; l++)
        {
            var layer = Network.Layers[l];
            rng.FillNormal(layer.Weight.Value.Span, Math.Sqrt(2.0 / (Sizes[l] + Sizes[l + 1])));
            layer.Bias!.Value.Span.Clear();
        }
    }

    /// <summary>A deep copy (parameter values, scaling and corner enrichment; frozen flags are not copied).</summary>
    public FieldMlp Clone()
    {
        var c = new FieldMlp(Sizes, InputCentre, InputScale, MirrorPeriod);
        c.Network.CopyParametersFrom(Network);
        if (Enrichment is { } e)
        {
            c.Enrich(e.Clone());
        }

        return c;
    }

    /// <summary>The weight [in, out] and bias [out] of linear layer <paramref name="layer"/>.</summary>
    public (Parameter Weight, Parameter Bias) Layer(int layer) => (Network.Layers[layer].Weight, Network.Layers[layer].Bias!);

    /// <summary>Freezes (or unfreezes) the first <paramref name="layers"/> linear layers and unfreezes the rest.</summary>
    public void FreezeLeadingLayers(int layers)
    {
        for (int l = 0; l < LayerCount; l++)
        {
            var (w, b) = Layer(l);
            w.Frozen = b.Frozen = l < layers;
        }
    }

    /// <summary>Copies every parameter value, in <see cref="Parameters"/> order, into <paramref name="destination"/> (length <see cref="ParameterCount"/>).</summary>
    public void CopyValuesTo(Span<double> destination)
    {
        if (destination.Length != ParameterCount)
        {
            throw new ArgumentException($"FieldMlp.CopyValuesTo: {destination.Length} values for {ParameterCount} parameters");
        }

        int o = 0;
        foreach (var p in Parameters)
        {
            p.Value.Span.CopyTo(destination.Slice(o, p.Count));
            o += p.Count;
        }
    }

    /// <summary>Sets every parameter value from <paramref name="values"/> (the layout of <see cref="CopyValuesTo"/>).</summary>
    public void SetValues(ReadOnlySpan<double> values)
    {
        if (values.Length != ParameterCount)
        {
            throw new ArgumentException($"FieldMlp.SetValues: {values.Length} values for {ParameterCount} parameters");
        }

        int o = 0;
        foreach (var p in Parameters)
        {
            values.Slice(o, p.Count).CopyTo(p.Value.Span);
            o += p.Count;
        }
    }

    /// <summary>Sets every <see cref="Parameter.Grad"/> from a flat gradient (the layout of <see cref="CopyValuesTo"/>), e.g. a balanced sum of term gradients before an optimizer step.</summary>
    public void SetGradients(ReadOnlySpan<double> gradient)
    {
        if (gradient.Length != ParameterCount)
        {
            throw new ArgumentException($"FieldMlp.SetGradients: {gradient.Length} values for {ParameterCount} parameters");
        }

        int o = 0;
        foreach (var p in Parameters)
        {
            gradient.Slice(o, p.Count).CopyTo(p.Grad.Span);
            o += p.Count;
        }
    }

    /// <summary>
    /// Forward pass over <paramref name="batch"/> points (x row-major, batch x D). Afterwards
    /// <see cref="MlpWorkspace.Output"/> holds the channels [value | d/dx_1 .. d/dx_D | Laplacian] (value only for
    /// <see cref="DerivativeOrder.Value"/>), each of length batch. The Gradient order also carries the Laplacian
    /// block, because the engine's forward-Laplacian layers always propagate it.
    /// </summary>
    public void Forward(ReadOnlySpan<double> x, int batch, DerivativeOrder order, MlpWorkspace ws)
    {
        ArgumentNullException.ThrowIfNull(ws);
        int d = InputDim;
        if (x.Length != batch * d)
        {
            throw new ArgumentException($"FieldMlp.Forward: x has {x.Length} values, expected batch {batch} x D {d}");
        }

        var tape = ws.Tape;
        tape.Reset();
        tape.Threads = 1;
        int channels = ChannelCount(order);
        var input = ws.Input(channels * batch, d);
        var a = input.Span;
        for (int b = 0; b < batch; b++)
        {
            for (int j = 0; j < d; j++)
            {
                a[(b * d) + j] = (x[(b * d) + j] - InputCentre[j]) / InputScale[j];
            }
        }

        if (channels > 1)
        {
            // Stacked derivative blocks of the features wrt the raw inputs: d x_hat_j / d x_k = delta_jk / scale_j, zero Laplacian.
            int stride = batch * d;
            a[stride..].Clear();
            for (int k = 0; k < d; k++)
            {
                for (int b = 0; b < batch; b++)
                {
                    a[((1 + k) * stride) + (b * d) + k] = 1.0 / InputScale[k];
                }
            }
        }

        if (MirrorPeriod > 0)
        {
            // Feature 0 = cos(k x_0): d/dx_0 = -k sin(k x_0), Laplacian -k^2 cos(k x_0).
            double k = Math.PI / MirrorPeriod;
            int stride = batch * d;
            for (int b = 0; b < batch; b++)
            {
                double kx = k * x[b * d];
                a[b * d] = Math.Cos(kx);
                if (channels > 1)
                {
                    a[stride + (b * d)] = -k * Math.Sin(kx);
                    a[((d + 1) * stride) + (b * d)] = -k * k * Math.Cos(kx);
                }
            }
        }

        Var s = tape.Constant(input);
        if (channels == 1)
        {
            s = Network.Forward(tape, s);
        }
        else
        {
            for (int l = 0; l < LayerCount; l++)
            {
                var (w, bias) = Layer(l);
                s = ForwardLaplacian.Dense(s, tape.Param(w), tape.Param(bias), l < LayerCount - 1 ? Activation.Tanh : Activation.Identity, batch, d);
            }
        }

        ws.Finish(s, batch, channels);
        if (Enrichment is { } en)
        {
            AddEnrichment(en, x, batch, channels, ws);
        }
    }

    /// <summary>
    /// Reverse pass after <see cref="Forward"/> (once per forward): <paramref name="outputAdjoint"/> holds dLoss/d(channel)
    /// in the layout of the output (channels x batch). The parameter gradients are ADDED to <paramref name="gradient"/>
    /// (layout of <see cref="CopyValuesTo"/>; frozen parameters get none); <see cref="Parameter.Grad"/> is overwritten.
    /// </summary>
    public void Backward(ReadOnlySpan<double> outputAdjoint, MlpWorkspace ws, Span<double> gradient)
    {
        ArgumentNullException.ThrowIfNull(ws);
        var output = ws.OutputVar ?? throw new InvalidOperationException("FieldMlp.Backward: no forward pass in this workspace");
        if (outputAdjoint.Length != output.Value.Length || gradient.Length != ParameterCount)
        {
            throw new ArgumentException($"FieldMlp.Backward: adjoint has {outputAdjoint.Length} values (expected {output.Value.Length}), gradient {gradient.Length} (expected {ParameterCount})");
        }

        Network.ZeroGrad();
        var seed = ws.Seed(outputAdjoint.Length);
        outputAdjoint.CopyTo(seed.Span);
        ws.Tape.Backward(output, seed);
        if (Enrichment is { } en)
        {
            // The output is linear in c: dLoss/dc = sum over channels and points of adjoint x basis channel.
            en.Coefficient.Grad.Span[0] = en.Coefficient.Frozen ? 0 : en.CoefficientScale * System.Numerics.Tensors.TensorPrimitives.Dot(outputAdjoint, ws.EnrichmentBasis);
        }

        int o = 0;
        foreach (var p in Parameters)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(gradient.Slice(o, p.Count), p.Grad.Span, gradient.Slice(o, p.Count));
            o += p.Count;
        }
    }

    // Output = NN + c S channel by channel (value; value, d/dx, d/dy, Laplacian); the basis is kept for Backward.
    private static void AddEnrichment(CornerEnrichment en, ReadOnlySpan<double> x, int batch, int channels, MlpWorkspace ws)
    {
        int n = channels * batch;
        var (outArray, basisArray) = ws.Enriched(n);
        var output = outArray.AsSpan(0, n);
        var basis = basisArray.AsSpan(0, n);
        ws.OutputVar!.Value.Span.CopyTo(output);
        double c = en.C;
        for (int b = 0; b < batch; b++)
        {
            var (s, sx, sy, lap) = en.Basis(x[2 * b], x[(2 * b) + 1]);
            basis[b] = s;
            if (channels > 1)
            {
                basis[batch + b] = sx;
                basis[(2 * batch) + b] = sy;
                basis[(3 * batch) + b] = lap;
            }
        }

        System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(basis, c, output, output);
    }

    /// <summary>Channels a pass of this order produces: 1 (value) or 2 + D (value, gradient, Laplacian).</summary>
    public int ChannelCount(DerivativeOrder order) => order == DerivativeOrder.Value ? 1 : 2 + InputDim;
}
