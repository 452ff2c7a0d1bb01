using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Random;
using SciTransfer.Core.Tensors;

namespace SciTransfer.Core.Nn;

/// <summary>
/// 2-D convolution layer (cross-correlation, PyTorch's Conv2d layout): weight [out, in, k, k], bias [out];
/// x [N, in, H, W] -> [N, out, Ho, Wo], Ho = (H + 2 padding - k) / stride + 1. Parameters: out*in*k*k + out
/// (out*in*k*k without bias). Weights are He-uniform over fan-in in*k*k (Glorot-uniform unless followed by a ReLU),
/// biases zero.
/// </summary>
public sealed class Conv2d : IModule
{
    /// <summary>Creates the layer with parameters "<paramref name="name"/>.weight" and ".bias".</summary>
    public Conv2d(string name, int inChannels, int outChannels, int kernel, Rng rng, int stride = 1, int padding = 0, bool useBias = true, Activation followedBy = Activation.Relu)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfLessThan(inChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(kernel, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        InChannels = inChannels;
        OutChannels = outChannels;
        Kernel = kernel;
        Stride = stride;
        Padding = padding;
        int fanIn = inChannels * kernel * kernel;
        Weight = new Parameter(name + ".weight", new Tensor(outChannels, inChannels, kernel, kernel));
        if (followedBy == Activation.Relu)
        {
            Init.HeUniform(Weight.Value, fanIn, rng);
        }
        else
        {
            Init.GlorotUniform(Weight.Value, fanIn, outChannels * kernel * kernel, rng);
        }

        Bias = useBias ? new Parameter(name + ".bias", new Tensor(outChannels)) : null;
        Parameters = Bias is null ? [Weight] : [Weight, Bias];
    }

    /// <summary>Input channels.</summary>
    public int InChannels { get; }

    /// <summary>Output channels.</summary>
    public int OutChannels { get; }

    /// <summary>Square kernel side.</summary>
    public int Kernel { get; }

    /// <summary>Step between windows.</summary>
    public int Stride { get; }

    /// <summary>Zero padding on each side.</summary>
    public int Padding { get; }

    /// <summary>Weight [out, in, k, k].</summary>
    public Parameter Weight { get; }

    /// <summary>Bias [out], or null.</summary>
    public Parameter? Bias { get; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>x [N, in, H, W] -> [N, out, Ho, Wo].</summary>
    public Var Forward(Tape tape, Var x)
    {
        ArgumentNullException.ThrowIfNull(tape);
        ArgumentNullException.ThrowIfNull(x);
        if (x.Value.Rank != 4 || x.Value.Dim(1) != InChannels)
        {
            throw new ArgumentException($"Conv2d({Weight.Name}): input {x.ShapeText} is not [N, {InChannels}, H, W].");
        }

        return Ops.Conv2d(x, tape.Param(Weight), Bias is null ? null : tape.Param(Bias), Stride, Padding);
    }

    /// <summary>Output side for an input side (same formula for height and width).</summary>
    public int OutputSize(int inputSize) => Kernels.Im2Col.OutputSize(inputSize, Kernel, Stride, Padding);
}
