namespace SciTransfer.Quantum.Models;

/// <summary>
/// A model seen as a function of its LoRA adapters: parameters phi (<see cref="FlatLora"/>) map to the inner model's
/// theta = <see cref="FlatLora.Merge"/>(source, phi), and the loss gradient is pulled back onto phi, so the ordinary
/// <see cref="BinaryTrainer"/> trains only the adapters (source weights and biases fixed).
/// </summary>
public sealed class LoraModel : BinaryModelKind
{
    private readonly BinaryModelKind _inner;
    private readonly double[] _source;
    private readonly FlatLora _lora;

    /// <summary>Wraps <paramref name="inner"/> around the source parameters <paramref name="source"/> (not modified).</summary>
    public LoraModel(BinaryModelKind inner, double[] source, FlatLora lora)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(lora);
        if (source.Length != inner.ParameterCount)
        {
            throw new ArgumentException($"LoraModel: {source.Length} source parameters for a model of {inner.ParameterCount}");
        }

        _inner = inner;
        _source = (double[])source.Clone();
        _lora = lora;
        FrozenByFreezeConv = new bool[lora.AdapterCount];
    }

    /// <inheritdoc/>
    public override string Name => _inner.Name + "+lora";

    /// <inheritdoc/>
    public override int ParameterCount => _lora.AdapterCount;

    /// <inheritdoc/>
    public override bool[] FrozenByFreezeConv { get; }

    /// <inheritdoc/>
    public override int Classes => _inner.Classes;

    /// <summary>The inner model's parameters for adapters <paramref name="adapters"/>.</summary>
    public double[] Merge(double[] adapters) => _lora.Merge(_source, adapters);

    /// <inheritdoc/>
    public override double[] Initialize(Core.Random.Rng rng) => _lora.InitialAdapters(rng);

    /// <inheritdoc/>
    public override void Probabilities(double[] parameters, LabelledSet data, Span<double> probabilities) =>
        _inner.Probabilities(Merge(parameters), data, probabilities);

    /// <inheritdoc/>
    public override int[] Classify(double[] parameters, LabelledSet data) => _inner.Classify(Merge(parameters), data);

    /// <inheritdoc/>
    public override double LossAndGradient(double[] parameters, LabelledSet batch, Span<double> gradient)
    {
        var thetaGradient = new double[_inner.ParameterCount];
        double loss = _inner.LossAndGradient(Merge(parameters), batch, thetaGradient);
        _lora.AdapterGradient(parameters, thetaGradient, gradient);
        return loss;
    }
}
