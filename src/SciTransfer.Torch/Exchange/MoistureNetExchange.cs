using System.Globalization;
using SciTransfer.Core.Random;
using SciTransfer.FuelMoisture.Model;
using Tensor = SciTransfer.Core.Tensors.Tensor;

namespace SciTransfer.Torch.Exchange;

/// <summary>
/// The fuel-moisture network (<see cref="MoistureNet"/>) as PyTorch modules <c>lstm = torch.nn.LSTM(I, H, batch_first=True)</c>
/// and <c>head = torch.nn.Sequential(Linear(H, 32), ReLU(), Linear(32, 16), ReLU(), Linear(16, 1))</c> (dropout is
/// identity at prediction), state dict names "lstm.weight_ih_l0" ... "head.4.bias"; inputs standardised with the
/// source scaler, output moisture (%) = net * std + mean.
/// </summary>
public static class MoistureNetExchange
{
    /// <summary>The card's architecture name.</summary>
    public const string Architecture = MoistureExchange.Architecture;

    /// <summary>The state dict in PyTorch's layout.</summary>
    public static List<(string Name, Tensor Value)> StateDict(MoistureNet net)
    {
        ArgumentNullException.ThrowIfNull(net);
        return
        [
            .. TorchLayout.FromLstm("lstm.", net.Lstm),
            .. TorchLayout.FromLinear("head.0.", net.Dense1),
            .. TorchLayout.FromLinear("head.2.", net.Dense2),
            .. TorchLayout.FromLinear("head.4.", net.Output),
        ];
    }

    /// <summary>The sidecar: sizes, feature order (<see cref="Features.Names"/> unless given) and both scalings.</summary>
    public static ModelCard Card(MoistureNet net, FeatureScaler scaler, IReadOnlyList<string>? featureNames = null)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(scaler);
        var names = featureNames ?? Features.Names;
        if (names.Count != net.Inputs || scaler.Mean.Count != net.Inputs)
        {
            throw new ArgumentException($"MoistureNetExchange: the network reads {net.Inputs} inputs but there are {names.Count} feature names and {scaler.Mean.Count} scaler entries.");
        }

        return new ModelCard
        {
            Architecture = Architecture,
            Pytorch = string.Create(CultureInfo.InvariantCulture,
                $"lstm = torch.nn.LSTM({net.Inputs}, {net.Hidden}, batch_first=True); head = torch.nn.Sequential(torch.nn.Linear({net.Hidden}, {MoistureNet.Dense1Width}), torch.nn.ReLU(), torch.nn.Linear({MoistureNet.Dense1Width}, {MoistureNet.Dense2Width}), torch.nn.ReLU(), torch.nn.Linear({MoistureNet.Dense2Width}, 1)); y = head(lstm(x_hat)[0]) for x [batch, hours, {net.Inputs}]"),
            Widths = [net.Inputs, net.Hidden, MoistureNet.Dense1Width, MoistureNet.Dense2Width, 1],
            Activation = "relu",
            Dropout = net.Dropout,
            Features = [.. names],
            InputCentre = [.. scaler.Mean],
            InputScale = [.. scaler.Std],
            Output = "fuel moisture (%) at every hour",
            OutputCentre = scaler.OutputMean,
            OutputScale = scaler.OutputStd,
        };
    }

    /// <summary>Rebuilds the network and its scaler from a state dict and card (torch's two LSTM biases are summed).</summary>
    public static (MoistureNet Net, FeatureScaler Scaler) Import(IReadOnlyDictionary<string, Tensor> state, ModelCard card, string source = "state dict")
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(card);
        card.Expect(Architecture, source);
        if (card.Widths.Count != 5 || card.Widths[2] != MoistureNet.Dense1Width || card.Widths[3] != MoistureNet.Dense2Width || card.Widths[4] != 1)
        {
            throw new InvalidDataException($"{source}: widths [{string.Join(", ", card.Widths)}] are not [inputs, hidden, {MoistureNet.Dense1Width}, {MoistureNet.Dense2Width}, 1].");
        }

        var net = MoistureNet.CreateChrono(card.Widths[0], card.Widths[1], 2.0, new Rng(0), card.Dropout);
        TorchLayout.ToLstm(state, "lstm.", net.Lstm);
        TorchLayout.ToLinear(state, "head.0.", net.Dense1);
        TorchLayout.ToLinear(state, "head.2.", net.Dense2);
        TorchLayout.ToLinear(state, "head.4.", net.Output);
        int expected = StateDict(net).Count;
        if (state.Count != expected)
        {
            throw new InvalidDataException($"{source}: {state.Count} entries, a {Architecture} has {expected} ({string.Join(", ", state.Keys.Order(StringComparer.Ordinal))}).");
        }

        return (net, FeatureScaler.FromStatistics(card.InputCentre, card.InputScale, card.OutputCentre, card.OutputScale));
    }
}
