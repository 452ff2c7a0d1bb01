using System.Globalization;
using SciTransfer.HeatSink.Nn;
using Tensor = SciTransfer.Core.Tensors.Tensor;

namespace SciTransfer.Torch.Exchange;

/// <summary>
/// The heat-sink networks (<see cref="FieldMlp"/>) as <c>net = torch.nn.Sequential(Linear, Tanh, ..., Linear)</c>, state
/// dict names "net.0.weight" ... (Linear l = module 2l), with the fixed input transform in the card: the temperature
/// field MLP ("field-mlp", features x, y[, z] in the problem's coordinates) and the Nusselt network ("nusselt-mlp",
/// the six features of NusseltSample.Features, output log Nu, so Nu = exp(net)).
/// </summary>
public static class FieldMlpExchange
{
    /// <summary>Architecture name of the temperature-field MLP.</summary>
    public const string FieldArchitecture = HeatSinkExchange.FieldArchitecture;

    /// <summary>Architecture name of the Nusselt network.</summary>
    public const string NusseltArchitecture = HeatSinkExchange.NusseltArchitecture;

    /// <summary>The Nusselt network's features, in NusseltSample.Features order.</summary>
    public static IReadOnlyList<string> NusseltFeatures => HeatSinkExchange.NusseltFeatures;

    /// <summary>The state dict in PyTorch's layout.</summary>
    public static List<(string Name, Tensor Value)> StateDict(FieldMlp net)
    {
        ArgumentNullException.ThrowIfNull(net);
        return [.. TorchLayout.FromMlp("net.", net.Network)];
    }

    /// <summary>Card of a temperature-field network; <paramref name="features"/> names its coordinates (default x0, x1, ...).</summary>
    public static ModelCard FieldCard(FieldMlp net, IReadOnlyList<string>? features = null, string output = "temperature rise (problem units)") =>
        Card(net, FieldArchitecture, features ?? Enumerable.Range(0, net.InputDim).Select(i => "x" + i.ToString(CultureInfo.InvariantCulture)).ToArray(), output, "identity");

    /// <summary>Card of the Nusselt network: six design features, prediction Nu = exp(net output).</summary>
    public static ModelCard NusseltCard(FieldMlp net) => Card(net, NusseltArchitecture, NusseltFeatures, "Nusselt number (exp of the network's log Nu)", "exp");

    /// <summary>Rebuilds a network of <paramref name="architecture"/> from a state dict and card.</summary>
    public static FieldMlp Import(IReadOnlyDictionary<string, Tensor> state, ModelCard card, string architecture, string source = "state dict")
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(card);
        card.Expect(architecture, source);
        if (card.Activation != "tanh" || card.Widths.Count < 2 || card.Widths[0] != card.Features.Count || card.Widths[^1] != 1)
        {
            throw new InvalidDataException($"{source}: a {architecture} is a tanh MLP [{card.Features.Count}, ..., 1]; the card says {card.Activation} [{string.Join(", ", card.Widths)}].");
        }

        // FieldMlp has no output scaling: the card must say the prediction is the network output (field) or its exp (Nusselt).
        string transform = architecture == NusseltArchitecture ? "exp" : "identity";
        if (card.OutputCentre != 0 || card.OutputScale != 1 || card.OutputTransform != transform)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{source}: a {architecture} predicts {transform}(net(x_hat)); the card has output_centre {card.OutputCentre}, output_scale {card.OutputScale}, output_transform '{card.OutputTransform}' (expected 0, 1, '{transform}')."));
        }

        var net = new FieldMlp([.. card.Widths], [.. card.InputCentre], [.. card.InputScale], card.InputMirrorPeriod);
        TorchLayout.ToMlp(state, "net.", net.Network);
        if (state.Count != 2 * net.LayerCount)
        {
            throw new InvalidDataException($"{source}: {state.Count} entries, this {architecture} has {2 * net.LayerCount} ({string.Join(", ", state.Keys.Order(StringComparer.Ordinal))}).");
        }

        return net;
    }

    /// <summary>Network outputs (before the card's output transform) at points x [batch, D] row-major.</summary>
    public static double[] Predict(FieldMlp net, ReadOnlySpan<double> x, int batch)
    {
        ArgumentNullException.ThrowIfNull(net);
        var ws = new MlpWorkspace();
        net.Forward(x, batch, DerivativeOrder.Value, ws);
        return ws.Output.ToArray();
    }

    private static ModelCard Card(FieldMlp net, string architecture, IReadOnlyList<string> features, string output, string transform)
    {
        ArgumentNullException.ThrowIfNull(net);
        if (features.Count != net.InputDim)
        {
            throw new ArgumentException($"FieldMlpExchange: {features.Count} feature names for a network of {net.InputDim} inputs.");
        }

        string layers = string.Join(", ", Enumerable.Range(0, net.LayerCount).Select(l =>
            string.Create(CultureInfo.InvariantCulture, $"torch.nn.Linear({net.Sizes[l]}, {net.Sizes[l + 1]})") + (l < net.LayerCount - 1 ? ", torch.nn.Tanh()" : string.Empty)));
        return new ModelCard
        {
            Architecture = architecture,
            Pytorch = $"net = torch.nn.Sequential({layers}); y = net(x_hat)",
            Widths = [.. net.Sizes],
            Activation = "tanh",
            Features = [.. features],
            InputCentre = [.. net.InputCentre],
            InputScale = [.. net.InputScale],
            InputMirrorPeriod = net.MirrorPeriod,
            Output = output,
            OutputTransform = transform,
        };
    }
}
