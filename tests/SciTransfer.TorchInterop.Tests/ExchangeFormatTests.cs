using SciTransfer.Core.Random;
using SciTransfer.HeatSink.Nn;
using SciTransfer.Torch;
using SciTransfer.Torch.Exchange;
using static SciTransfer.TorchInterop.Tests.Agreement;
using Tensor = SciTransfer.Core.Tensors.Tensor;

namespace SciTransfer.TorchInterop.Tests;

public sealed class ExchangeFormatTests
{
    [Fact]
    public void Safetensors_round_trips_every_value_bit_exactly_with_order_and_metadata()
    {
        using var dir = new TempDir();
        var rng = new Rng(3);
        List<(string, Tensor)> state = [("b.weight", Random(rng, 3, 4)), ("a", Random(rng, 5)), ("c", Tensor.FromArray([double.Epsilon, -0.0, double.MaxValue], 3))];
        string path = Path.Combine(dir.Path, "s.safetensors");
        SafetensorsFile.Write(path, state, new Dictionary<string, string> { ["by"] = "scitransfer" });
        var (read, meta) = SafetensorsFile.Read(path);
        Assert.Equal(["b.weight", "a", "c"], read.Select(e => e.Name));
        Assert.Equal("scitransfer", meta["by"]);
        for (int i = 0; i < state.Count; i++)
        {
            Assert.Equal(state[i].Item2.Shape.ToArray(), read[i].Value.Shape.ToArray());
            Assert.Equal(state[i].Item2.Span.ToArray().Select(BitConverter.DoubleToInt64Bits), read[i].Value.Span.ToArray().Select(BitConverter.DoubleToInt64Bits));
        }
    }

    [TorchFact]
    public void TorchSharp_PyBridge_reads_our_safetensors_and_we_read_its_pt_files_back_exactly()
    {
        using var dir = new TempDir();
        var rng = new Rng(4);
        List<(string Name, Tensor Value)> state = [("w", Random(rng, 2, 3)), ("b", Random(rng, 3))];
        string st = Path.Combine(dir.Path, "s.safetensors");
        TorchExchange.SaveStateDict(state, st);
        var theirs = TorchSharp.PyBridge.Safetensors.LoadStateDict(st);
        string pt = Path.Combine(dir.Path, "s.pt");
        TorchExchange.SaveStateDict(state, pt);
        var back = TorchExchange.LoadStateDict(pt);
        foreach (var (name, value) in state)
        {
            Assert.Equal(value.Span.ToArray(), TorchTensors.FromTorch(theirs[name]).Span.ToArray());
            Assert.Equal(value.Span.ToArray(), back[name].Span.ToArray());
        }
    }

    [Fact]
    public void Importing_a_state_dict_of_the_wrong_shape_or_architecture_fails_naming_the_entry()
    {
        var net = new FieldMlp([2, 4, 1], [0, 0], [1, 1]);
        var state = FieldMlpExchange.StateDict(net).ToDictionary(e => e.Name, e => e.Value);
        var card = FieldMlpExchange.FieldCard(net);
        var wide = new FieldMlp([2, 5, 1], [0, 0], [1, 1]);
        var e = Assert.Throws<InvalidDataException>(() => FieldMlpExchange.Import(state, FieldMlpExchange.FieldCard(wide), FieldMlpExchange.FieldArchitecture, "m.pt"));
        Assert.Contains("'net.0.weight' is [4, 2], expected [5, 2]", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<InvalidDataException>(() => FieldMlpExchange.Import(state, card, FieldMlpExchange.NusseltArchitecture, "m.pt"));
        Assert.Contains("m.pt: model card is for 'field-mlp', not 'nusselt-mlp'", e.Message, StringComparison.Ordinal);
        state.Remove("net.2.bias");
        e = Assert.Throws<InvalidDataException>(() => FieldMlpExchange.Import(state, card, FieldMlpExchange.FieldArchitecture, "m.pt"));
        Assert.Contains("no entry 'net.2.bias'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_model_card_round_trips_through_its_json_file()
    {
        using var dir = new TempDir();
        var net = new FieldMlp([6, 3, 1], [1, 2, 3, 4, 5, 6], [0.1, 0.2, 0.3, 0.4, 0.5, 1.0 / 3]);
        var card = FieldMlpExchange.NusseltCard(net);
        string path = Path.Combine(dir.Path, "n.json");
        card.Save(path);
        var back = ModelCard.Load(path);
        Assert.Equal(card.InputScale, back.InputScale);
        Assert.Equal(card.Features, back.Features);
        Assert.Equal("exp", back.OutputTransform);
        Assert.Contains("\"input_centre\"", File.ReadAllText(path), StringComparison.Ordinal);
    }
}
