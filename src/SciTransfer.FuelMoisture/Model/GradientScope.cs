namespace SciTransfer.FuelMoisture.Model;

/// <summary>Which parameter gradients a backward pass computes (the rest stay zero and cost nothing).</summary>
public enum GradientScope
{
    /// <summary>Every parameter (full training, fine-tuning).</summary>
    All,

    /// <summary>The dense head only: no backpropagation through time (freeze-lstm).</summary>
    HeadOnly,

    /// <summary>The LSTM bias only (time-warp shifts): backpropagation through time without weight gradients.</summary>
    LstmBiasOnly,
}
