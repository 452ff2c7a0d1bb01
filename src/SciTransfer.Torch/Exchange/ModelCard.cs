using System.Text.Json;
using System.Text.Json.Serialization;

namespace SciTransfer.Torch.Exchange;

/// <summary>
/// The JSON sidecar of an exported model (written next to the weights as NAME.json): which architecture, its sizes,
/// the input feature order and scaling, and the output scaling, so that PyTorch code can rebuild and use the
/// model without SciTransfer. Prediction = output_transform(net(x_hat) * output_scale + output_centre) with
/// x_hat_j = (x_j - input_centre_j) / input_scale_j (and, when input_mirror_period > 0, x_hat_0 = cos(pi x_0 / period)).
/// </summary>
public sealed record ModelCard
{
    /// <summary>The format tag written in every card.</summary>
    public const string CurrentFormat = "scitransfer-model/1";

    /// <summary>Always <see cref="CurrentFormat"/>.</summary>
    public string Format { get; init; } = CurrentFormat;

    /// <summary>"moisture-lstm", "field-mlp" or "nusselt-mlp".</summary>
    public required string Architecture { get; init; }

    /// <summary>The PyTorch module the state dict loads into, as Python.</summary>
    public required string Pytorch { get; init; }

    /// <summary>File name of the state dict (same folder as the card).</summary>
    public string StateDict { get; init; } = string.Empty;

    /// <summary>Layer widths, input first (MLPs), or [inputs, hidden] (LSTM).</summary>
    public required IReadOnlyList<int> Widths { get; init; }

    /// <summary>Hidden activation: "tanh" or "relu".</summary>
    public required string Activation { get; init; }

    /// <summary>Training dropout rate (identity at prediction; 0 when none).</summary>
    public double Dropout { get; init; }

    /// <summary>Input feature names in the order the network reads them.</summary>
    public required IReadOnlyList<string> Features { get; init; }

    /// <summary>Per-feature centre subtracted before the network.</summary>
    public required IReadOnlyList<double> InputCentre { get; init; }

    /// <summary>Per-feature scale divided by before the network.</summary>
    public required IReadOnlyList<double> InputScale { get; init; }

    /// <summary>When positive, feature 0 enters as cos(pi x_0 / period) instead (a hard mirror symmetry).</summary>
    public double InputMirrorPeriod { get; init; }

    /// <summary>What the prediction is, with units.</summary>
    public required string Output { get; init; }

    /// <summary>Added to the scaled network output.</summary>
    public double OutputCentre { get; init; }

    /// <summary>Multiplies the network output.</summary>
    public double OutputScale { get; init; } = 1.0;

    /// <summary>"identity" or "exp" (applied last).</summary>
    public string OutputTransform { get; init; } = "identity";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        // Cards are read by people: keep apostrophes and non-ASCII text as they are (no HTML-safe escaping).
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes the card as JSON (doubles round-trip exactly).</summary>
    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    /// <summary>Reads a card; errors name the file.</summary>
    public static ModelCard Load(string path)
    {
        try
        {
            var card = JsonSerializer.Deserialize<ModelCard>(File.ReadAllText(path), Json)
                ?? throw new InvalidDataException($"{path}: empty model card.");
            if (card.Format != CurrentFormat)
            {
                throw new InvalidDataException($"{path}: format '{card.Format}', expected '{CurrentFormat}'.");
            }

            return card;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a model card: {e.Message}");
        }
    }

    /// <summary>Checks that the card describes <paramref name="architecture"/> with this many features.</summary>
    public void Expect(string architecture, string source)
    {
        if (Architecture != architecture)
        {
            throw new InvalidDataException($"{source}: model card is for '{Architecture}', not '{architecture}'.");
        }

        if (InputCentre.Count != Features.Count || InputScale.Count != Features.Count)
        {
            throw new InvalidDataException($"{source}: {Features.Count} features but {InputCentre.Count} centres and {InputScale.Count} scales.");
        }
    }
}
