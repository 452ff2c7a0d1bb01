using SciTransfer.Core.Autodiff;

namespace SciTransfer.Core.Nn;

/// <summary>Pointwise activation of a layer.</summary>
public enum Activation
{
    /// <summary>Hyperbolic tangent.</summary>
    Tanh,

    /// <summary>max(x, 0).</summary>
    Relu,

    /// <summary>Logistic sigmoid.</summary>
    Sigmoid,

    /// <summary>No activation.</summary>
    Identity,
}

/// <summary>Applies an <see cref="Activation"/> as a tape op.</summary>
public static class ActivationOps
{
    /// <summary>The activation of <paramref name="x"/>.</summary>
    public static Var Apply(Activation activation, Var x) => activation switch
    {
        Activation.Tanh => Ops.Tanh(x),
        Activation.Relu => Ops.Relu(x),
        Activation.Sigmoid => Ops.Sigmoid(x),
        Activation.Identity => x,
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "unknown activation"),
    };
}
