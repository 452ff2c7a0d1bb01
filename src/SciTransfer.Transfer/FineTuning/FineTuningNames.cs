namespace SciTransfer.Transfer.FineTuning;

/// <summary>Names of the regularised and parameter-efficient fine-tuning strategies.</summary>
public static class FineTuningNames
{
    /// <summary><see cref="L2SpStrategy"/>.</summary>
    public const string L2Sp = "l2-sp";

    /// <summary><see cref="BitFitStrategy"/>.</summary>
    public const string BitFit = "bitfit";

    /// <summary><see cref="HeadOnlyStrategy"/>.</summary>
    public const string HeadOnly = "head-only";

    /// <summary><see cref="LoraStrategy"/>.</summary>
    public const string Lora = "lora";
}
