using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Random;
using SciTransfer.Core.Tensors;

namespace SciTransfer.Core.Nn;

/// <summary>
/// Affine layer y = x W + b with W [in, out] (row-major, so x [N, in] gives y [N, out]) and b [out].
/// Parameters: in*out + out (in*out without bias). Weights are Glorot-uniform (He-uniform when the
/// layer feeds a ReLU), biases zero.
/// </summary>
public sealed class Linear : IModule
{
    /// <summary>Creates the layer with parameters named "<paramref name="name"/>.weight" and ".bias".</summary>
    public Linear(string name, int inFeatures, int outFeatures, Rng rng, bool useBias = true, Activation followedBy = Activation.Identity)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfLessThan(inFeatures, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outFeatures, 1);
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = new Parameter(name + ".weight", new Tensor(inFeatures, outFeatures));
        if (followedBy == Activation.Relu)
        {
            Init.HeUniform(Weight.Value, inFeatures, rng);
        }
        else
        {
            Init.GlorotUniform(Weight.Value, inFeatures, outFeatures, rng);
        }

        Bias = useBias ? new Parameter(name + ".bias", new Tensor(outFeatures)) : null;
        Parameters = Bias is null ? [Weight] : [Weight, Bias];
    }

    /// <summary>Input width.</summary>
    public int InFeatures { get; }

    /// <summary>Output width.</summary>
    public int OutFeatures { get; }

    /// <summary>W [in, out].</summary>
    public Parameter Weight { get; }

    /// <summary>b [out], or null without bias.</summary>
    public Parameter? Bias { get; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>x [..., in] -> [..., out].</summary>
    public Var Forward(Tape tape, Var x)
    {
        ArgumentNullException.ThrowIfNull(tape);
        ArgumentNullException.ThrowIfNull(x);
        if (x.Value.Columns != InFeatures)
        {
            throw new ArgumentException($"Linear({Weight.Name}): input {x.ShapeText} does not end in {InFeatures} features.");
        }

        return Ops.Linear(x, tape.Param(Weight), Bias is null ? null : tape.Param(Bias));
    }
}
