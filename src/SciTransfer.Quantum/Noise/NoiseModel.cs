namespace SciTransfer.Quantum.Noise;

/// <summary>
/// Gate noise of a NISQ device, applied after EVERY gate to the wires the gate touches (targets and
/// controls, the gate's support S): first the |S|-qubit depolarising channel
/// D_p(rho) = (1 - p) rho + p (I_S / 2^|S|) (x) Tr_S rho, then amplitude damping with probability gamma
/// on each wire of S (T1 decay towards |0>). Both are probabilities in [0, 1]; zero switches a channel off.
/// </summary>
/// <param name="Depolarizing">p: probability that the gate's wires are replaced by the maximally mixed state.</param>
/// <param name="AmplitudeDamping">gamma: probability that an excited wire decays |1> -> |0> after a gate.</param>
public sealed record NoiseModel(double Depolarizing, double AmplitudeDamping)
{
    /// <summary>No noise.</summary>
    public static NoiseModel None { get; } = new(0, 0);

    /// <summary>True when both channels are off (the state stays pure).</summary>
    public bool IsNoiseless => Depolarizing == 0 && AmplitudeDamping == 0;

    /// <summary>Throws when a probability lies outside [0, 1] or is not finite.</summary>
    public NoiseModel Validate()
    {
        if (!(Depolarizing is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Depolarizing), Depolarizing, "NoiseModel: depolarising probability must lie in [0, 1]");
        }

        if (!(AmplitudeDamping is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(AmplitudeDamping), AmplitudeDamping, "NoiseModel: amplitude damping gamma must lie in [0, 1]");
        }

        return this;
    }

    /// <inheritdoc/>
    public override string ToString() => IsNoiseless ? "noiseless" : $"depolarizing {Depolarizing}, amplitude damping {AmplitudeDamping}";
}
