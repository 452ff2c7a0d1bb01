namespace SciTransfer.HeatSink.Nn;

/// <summary>What <see cref="FieldMlp.Forward"/> propagates besides the value.</summary>
public enum DerivativeOrder
{
    /// <summary>Value only (one channel).</summary>
    Value = 0,

    /// <summary>Value and gradient wrt the inputs (the pass also carries the Laplacian: 2 + D channels).</summary>
    Gradient = 1,

    /// <summary>Value, gradient and Laplacian wrt the inputs (2 + D channels): the forward Laplacian.</summary>
    Laplacian = 2,
}
