using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Random;

namespace SciTransfer.Core.Nn;

/// <summary>
/// Multilayer perceptron: widths [w0, w1, ..., wL] give L Linear layers; every layer but the last
/// is followed by <see cref="HiddenActivation"/>, the last by <see cref="OutputActivation"/>.
/// Parameters: sum over layers of w_{l-1} * w_l + w_l.
/// </summary>
public sealed partial class Mlp : IModule
{
    private readonly Linear[] _layers;

    /// <summary>Creates the network; layer l's parameters are "<paramref name="name"/>.l.weight/bias".</summary>
    public Mlp(string name, IReadOnlyList<int> widths, Activation hiddenActivation, Rng rng, Activation outputActivation = Activation.Identity)
    {
        ArgumentNullException.ThrowIfNull(widths);
        if (widths.Count < 2)
        {
            throw new ArgumentException($"Mlp({name}): needs at least input and output widths, got {widths.Count}.", nameof(widths));
        }

        HiddenActivation = hiddenActivation;
        OutputActivation = outputActivation;
        Widths = widths.ToArray();
        _layers = new Linear[widths.Count - 1];
        for (int l = 0; l < _layers.Length; l++)
        {
            var act = l == _layers.Length - 1 ? outputActivation : hiddenActivation;
            _layers[l] = new Linear($"{name}.{l}", widths[l], widths[l + 1], rng, useBias: true, followedBy: act);
        }

        Parameters = _layers.SelectMany(l => l.Parameters).ToArray();
    }

    /// <summary>Layer widths, input first.</summary>
    public IReadOnlyList<int> Widths { get; }

    /// <summary>Activation after each hidden layer.</summary>
    public Activation HiddenActivation { get; }

    /// <summary>Activation after the last layer.</summary>
    public Activation OutputActivation { get; }

    /// <summary>The Linear layers in order.</summary>
    public IReadOnlyList<Linear> Layers => _layers;

    /// <inheritdoc />
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>x [..., w0] -> [..., wL].</summary>
    public Var Forward(Tape tape, Var x)
    {
        var h = x;
        for (int l = 0; l < _layers.Length; l++)
        {
            h = _layers[l].Forward(tape, h);
            h = ActivationOps.Apply(l == _layers.Length - 1 ? OutputActivation : HiddenActivation, h);
        }

        return h;
    }
}
