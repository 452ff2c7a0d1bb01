using SciTransfer.FuelMoisture.Model;
using SciTransfer.HeatSink.Nn;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.Torch.Exchange;

/// <summary>
/// Model files (weights + card NAME.json) to and from the harness's exchange form (<see cref="ExchangeModel"/>):
/// what <c>scitransfer export</c> writes and the <c>source_model</c> option reads. The format follows the extension:
/// <c>.pt</c> / <c>.pth</c> (torch.save's format, loads libtorch) or <c>.safetensors</c> (managed code only).
/// </summary>
public static class ModelFiles
{
    /// <summary>The architectures this class reads and writes.</summary>
    public static IReadOnlyList<string> Architectures { get; } = [MoistureNetExchange.Architecture, FieldMlpExchange.FieldArchitecture, FieldMlpExchange.NusseltArchitecture];

    /// <summary>Makes <see cref="SourceModelFiles"/> read <c>source_model</c> files with <see cref="Read"/>.</summary>
    public static void Install() => SourceModelFiles.UseReader(Read);

    /// <summary>Writes the weights to <paramref name="weightsPath"/> and the card next to it; returns the card's path.</summary>
    public static string Write(ExchangeModel model, string weightsPath)
    {
        ArgumentNullException.ThrowIfNull(model);
        switch (model.Architecture)
        {
            case MoistureNetExchange.Architecture:
            {
                var (net, scaler) = model.As<(MoistureNet Net, FeatureScaler Scaler)>(model.Architecture);
                return TorchExchange.SaveModel(MoistureNetExchange.StateDict(net), MoistureNetExchange.Card(net, scaler, model.Features), weightsPath);
            }

            case FieldMlpExchange.FieldArchitecture:
            {
                var net = model.As<FieldMlp>(model.Architecture);
                return TorchExchange.SaveModel(FieldMlpExchange.StateDict(net), FieldMlpExchange.FieldCard(net, model.Features), weightsPath);
            }

            case FieldMlpExchange.NusseltArchitecture:
            {
                var net = model.As<FieldMlp>(model.Architecture, FieldMlpExchange.NusseltFeatures);
                return TorchExchange.SaveModel(FieldMlpExchange.StateDict(net), FieldMlpExchange.NusseltCard(net), weightsPath);
            }

            default:
                throw new ArgumentException($"ModelFiles.Write: no file format for architecture '{model.Architecture}' (known: {string.Join(", ", Architectures)})");
        }
    }

    /// <summary>Reads weights and card into exchange form; errors (<see cref="InvalidDataException"/>, <see cref="FileNotFoundException"/>) name the file.</summary>
    public static ExchangeModel Read(string weightsPath)
    {
        var (state, card) = TorchExchange.LoadModel(weightsPath);
        return card.Architecture switch
        {
            MoistureNetExchange.Architecture => new ExchangeModel(card.Architecture, MoistureNetExchange.Import(state, card, weightsPath), card.Features),
            FieldMlpExchange.FieldArchitecture or FieldMlpExchange.NusseltArchitecture =>
                new ExchangeModel(card.Architecture, FieldMlpExchange.Import(state, card, card.Architecture, weightsPath), card.Features),
            _ => throw new InvalidDataException($"{TorchExchange.CardPath(weightsPath)}: architecture '{card.Architecture}' is not one SciTransfer reads ({string.Join(", ", Architectures)})."),
        };
    }
}
