using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace SciTransfer.Core.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// Gradient reversal (Ganin &amp; Lempitsky 2015, DANN): forward the identity, backward -<paramref name="lambda"/>
    /// times the incoming gradient. Placed between a feature extractor and a domain classifier, one backward pass
    /// trains the classifier to tell the domains apart and the features to confuse it. Not a gradient of any function
    /// of x, so it has no finite-difference check of its own; the composition f(GRL(x)) has the gradient
    /// -lambda df/dx, which is what the tests check.
    /// </summary>
    public static Var GradientReversal(Var x, double lambda)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (!double.IsFinite(lambda))
        {
            throw new ArgumentException($"GradientReversal: lambda must be finite, got {lambda}");
        }

        var tape = x.Tape;
        var y = tape.Rent(x.Shape);
        x.Value.Span.CopyTo(y.Span);
        var r = tape.Result(y, x.RequiresGrad);
        if (x.RequiresGrad)
        {
            tape.Record(r, g => TensorPrimitives.MultiplyAdd(g.Span, -lambda, x.EnsureGrad().Span, x.Grad!.Span));
        }

        return r;
    }
}
