using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Tensors;

namespace SciTransfer.Core.Nn;

public sealed partial class Mlp
{
    /// <summary>
    /// Evaluates the network at points x [N, d] together with its input gradient and Laplacian,
    /// propagated forward through the layers in one pass ("forward Laplacian"): each layer is one
    /// matrix product over the stacked rows [value; d/dx_1..d/dx_d; laplacian] ((d + 2) N rows).
    /// The results are differentiable with respect to the parameters (e.g. for a PDE-residual loss);
    /// <paramref name="x"/> is treated as a constant. Exact for any activation; for ReLU the
    /// second-derivative terms are zero almost everywhere.
    /// </summary>
    public InputDerivatives ForwardWithDerivatives(Tape tape, Tensor x)
    {
        ArgumentNullException.ThrowIfNull(tape);
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 2 || x.Dim(1) != Widths[0])
        {
            throw new ArgumentException($"Mlp.ForwardWithDerivatives({Parameters[0].Name}): points {x.ShapeText} are not [N, {Widths[0]}].");
        }

        int n = x.Dim(0), d = x.Dim(1);
        var s = ForwardLaplacian.Stack(tape, x);
        for (int l = 0; l < _layers.Length; l++)
        {
            var layer = _layers[l];
            var act = l == _layers.Length - 1 ? OutputActivation : HiddenActivation;
            var b = layer.Bias is null ? tape.Constant(new Tensor(layer.OutFeatures)) : tape.Param(layer.Bias);
            s = ForwardLaplacian.Dense(s, tape.Param(layer.Weight), b, act, n, d);
        }

        return ForwardLaplacian.Split(s, n, d);
    }
}
