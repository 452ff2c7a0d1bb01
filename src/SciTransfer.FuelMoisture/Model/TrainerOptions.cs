namespace SciTransfer.FuelMoisture.Model;

/// <summary>How <see cref="Trainer"/> trains: windows, batches, optimiser and early stopping.</summary>
/// <param name="WindowHours">Window length in hours (48 as published).</param>
/// <param name="Stride">Hours between window starts (1 for the source, 12 for fine-tuning, as published).</param>
/// <param name="BatchSize">Windows per batch (64).</param>
/// <param name="LearningRate">Adam learning rate (1e-3).</param>
/// <param name="MaxEpochs">Upper bound on epochs.</param>
/// <param name="Patience">Epochs without validation improvement before stopping (the best weights are restored).</param>
/// <param name="WindowsPerEpoch">When &gt; 0, each epoch visits this many windows drawn from the shuffled list
/// (a cost cap for the source; 0 visits every window).</param>
/// <param name="Scope">Which parameters train.</param>
public sealed record TrainerOptions(
    int WindowHours = 48,
    int Stride = 1,
    int BatchSize = 64,
    double LearningRate = 1e-3,
    int MaxEpochs = 100,
    int Patience = 5,
    int WindowsPerEpoch = 0,
    GradientScope Scope = GradientScope.All);
