namespace SciTransfer.HeatSink.Pinn.Balancing;

/// <summary>The three SoftAdapt variants of Heydari, Thompson and Mehmood (2019), section 3.1.</summary>
public enum SoftAdaptVariant
{
    /// <summary>w_k proportional to exp(beta s_k) on the raw slopes s_k.</summary>
    Original = 0,

    /// <summary>w_k proportional to exp(beta s_k / sum_j |s_j|): slopes normalised so beta means the same at any loss scale.</summary>
    Normalized = 1,

    /// <summary>w_k proportional to L_k exp(beta s_k): the loss value multiplies the softmax numerator.</summary>
    LossWeighted = 2,
}
