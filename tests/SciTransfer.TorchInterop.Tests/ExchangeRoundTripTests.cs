using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Random;
using SciTransfer.FuelMoisture.Model;
using SciTransfer.HeatSink.Nn;
using SciTransfer.Torch.Exchange;
using static SciTransfer.TorchInterop.Tests.Agreement;
using Tensor = SciTransfer.Core.Tensors.Tensor;

namespace SciTransfer.TorchInterop.Tests;

/// <summary>
/// Model exchange against PyTorch itself: SciTransfer exports (.pt through TorchSharp.PyBridge, or safetensors) and
/// python3-torch rebuilds the model from the card with torch.nn modules and predicts the same values to 1e-12; and
/// the reverse, a model made and saved by PyTorch (torch.save / safetensors) predicts the same in SciTransfer.
/// </summary>
public sealed class ExchangeRoundTripTests
{
    private const double Tol = 1e-12;

    [PythonTorchTheory]
    [InlineData("moisture-lstm", ".pt")]
    [InlineData("moisture-lstm", ".safetensors")]
    [InlineData("field-mlp", ".pt")]
    [InlineData("field-mlp", ".safetensors")]
    [InlineData("nusselt-mlp", ".pt")]
    [InlineData("nusselt-mlp", ".safetensors")]
    public void A_model_exported_by_SciTransfer_predicts_the_same_in_PyTorch(string architecture, string extension)
    {
        using var dir = new TempDir();
        var rng = new Rng(5);
        string weights = Path.Combine(dir.Path, "model" + extension);
        var (state, card, x, predict) = Ours(architecture, rng);
        string cardPath = TorchExchange.SaveModel(state, card, weights);
        Assert.True(File.Exists(cardPath));
        string inputs = Path.Combine(dir.Path, "x.safetensors");
        SafetensorsFile.Write(inputs, [("x", x)]);

        double[] ours = predict();
        double[] theirs = PythonTorch.Exchange(Path.Combine(dir.Path, "y.json"), "predict", weights, inputs, Path.Combine(dir.Path, "y.json"));
        Assert.Equal(ours.Length, theirs.Length);
        Assert.Contains(theirs, v => v != 0);
        double err = RelativeError(ours, theirs);
        Assert.True(err <= Tol, $"{architecture}{extension}: SciTransfer vs PyTorch predictions differ by {err:E2} relative");
    }

    [PythonTorchTheory]
    [InlineData("moisture-lstm", ".pt")]
    [InlineData("moisture-lstm", ".safetensors")]
    [InlineData("field-mlp", ".pt")]
    [InlineData("field-mlp", ".safetensors")]
    [InlineData("nusselt-mlp", ".pt")]
    [InlineData("nusselt-mlp", ".safetensors")]
    public void A_model_made_and_saved_by_PyTorch_predicts_the_same_in_SciTransfer(string architecture, string extension)
    {
        using var dir = new TempDir();
        var rng = new Rng(9);
        var x = architecture == "moisture-lstm" ? Random(rng, 2, 7, 4) : Random(rng, 13, architecture == "nusselt-mlp" ? 6 : 3);
        string inputs = Path.Combine(dir.Path, "x.safetensors");
        SafetensorsFile.Write(inputs, [("x", x)]);
        string weights = Path.Combine(dir.Path, "torch-model" + extension);
        double[] theirs = PythonTorch.Exchange(Path.Combine(dir.Path, "y.json"), "make", architecture, weights, inputs, Path.Combine(dir.Path, "y.json"));

        var (state, card) = TorchExchange.LoadModel(weights);
        double[] ours;
        if (architecture == "moisture-lstm")
        {
            var (net, scaler) = MoistureNetExchange.Import(state, card, weights);
            ours = PredictMoisture(net, scaler, x);
        }
        else
        {
            var net = FieldMlpExchange.Import(state, card, architecture, weights);
            ours = FieldMlpExchange.Predict(net, x.Span, x.Dim(0));
            if (card.OutputTransform == "exp")
            {
                ours = ours.Select(Math.Exp).ToArray();
            }
        }

        Assert.Contains(theirs, v => v != 0);
        double err = RelativeError(ours, theirs);
        Assert.True(err <= Tol, $"{architecture}{extension}: PyTorch vs SciTransfer predictions differ by {err:E2} relative");
    }

    /// <summary>A model with random parameters (biases included), its export, random raw inputs and our prediction.</summary>
    private static (List<(string Name, Tensor Value)> State, ModelCard Card, Tensor X, Func<double[]> Predict) Ours(string architecture, Rng rng)
    {
        switch (architecture)
        {
            case "moisture-lstm":
            {
                var net = MoistureNet.CreateChrono(Features.Count, 8, 40.0, rng);
                foreach (var p in net.Parameters)
                {
                    rng.FillUniform(p.Value.Span, -0.6, 0.6);
                }

                var x = Random(rng, 3, 9, Features.Count);
                var scaler = FeatureScaler.FromStatistics(
                    Enumerable.Range(0, Features.Count).Select(_ => rng.Uniform(-1, 1)).ToArray(),
                    Enumerable.Range(0, Features.Count).Select(_ => rng.Uniform(0.5, 2)).ToArray(), 14.0, 6.5);
                return (MoistureNetExchange.StateDict(net), MoistureNetExchange.Card(net, scaler), x, () => PredictMoisture(net, scaler, x));
            }

            case "field-mlp":
            {
                var net = new FieldMlp([2, 12, 10, 1], [0.4, -0.2], [1.5, 0.75], mirrorPeriod: 0.8);
                net.Initialise(rng);
                foreach (var l in net.Network.Layers)
                {
                    rng.FillUniform(l.Bias!.Value.Span, -0.5, 0.5);
                }

                var x = Random(rng, 17, 2);
                return (FieldMlpExchange.StateDict(net), FieldMlpExchange.FieldCard(net, ["x_m", "y_m"]), x, () => FieldMlpExchange.Predict(net, x.Span, x.Dim(0)));
            }

            default:
            {
                var net = new FieldMlp([6, 16, 16, 1], [1, 2, 3, 4, 5, 6], [0.5, 1, 1.5, 2, 2.5, 3]);
                net.Initialise(rng);
                foreach (var l in net.Network.Layers)
                {
                    rng.FillUniform(l.Bias!.Value.Span, -0.5, 0.5);
                }

                var x = Random(rng, 11, 6);
                return (FieldMlpExchange.StateDict(net), FieldMlpExchange.NusseltCard(net), x,
                    () => FieldMlpExchange.Predict(net, x.Span, x.Dim(0)).Select(Math.Exp).ToArray());
            }
        }
    }

    private static double[] PredictMoisture(MoistureNet net, FeatureScaler scaler, Tensor x)
    {
        var xs = x.Clone();
        scaler.Transform(xs.Span);
        var tape = new Tape();
        return net.Forward(tape, tape.Constant(xs)).Value.Span.ToArray().Select(scaler.UnscaleOutput).ToArray();
    }
}
