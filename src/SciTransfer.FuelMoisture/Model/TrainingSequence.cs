namespace SciTransfer.FuelMoisture.Model;

/// <summary>
/// One station's standardised hourly inputs X [L, I], targets Y [L] in network units and loss weights
/// W [L] (1 where an observation exists, 0 elsewhere: unobserved hours are masked out of the loss).
/// </summary>
public sealed record TrainingSequence(double[] X, double[] Y, double[] W)
{
    /// <summary>Hours in the sequence.</summary>
    public int Length => Y.Length;
}
