namespace SciTransfer.Transfer.Problems;

/// <summary>A progress report from training inside a cell or source pre-training.</summary>
/// <param name="Phase">What is running, e.g. "source", "fine-tune".</param>
/// <param name="Step">Steps (epochs, iterations) done.</param>
/// <param name="TotalSteps">Planned steps (0 when unknown).</param>
/// <param name="Loss">Latest training loss, if any.</param>
public sealed record TrainingProgress(string Phase, int Step, int TotalSteps, double? Loss = null);
