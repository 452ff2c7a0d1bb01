namespace SciTransfer.FuelMoisture.Model;

/// <summary>Which parameters a training run updates.</summary>
public enum GradientScope
{
    /// <summary>Every parameter (full training, fine-tuning).</summary>
    All,

    /// <summary>The dense head only, LSTM frozen (freeze-lstm).</summary>
    HeadOnly,
}
