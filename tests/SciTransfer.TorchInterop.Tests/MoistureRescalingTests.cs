using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Random;
using SciTransfer.FuelMoisture.Model;
using static SciTransfer.TorchInterop.Tests.Agreement;
using Tensor = SciTransfer.Core.Tensors.Tensor;

namespace SciTransfer.TorchInterop.Tests;

/// <summary>
/// <see cref="MoistureExchange.CopyRescaled"/>, which lets a fuel-moisture model trained with one input and output scaling
/// (e.g. in PyTorch) run in a problem that standardises with another: same predictions in % from the same raw inputs.
/// </summary>
public sealed class MoistureRescalingTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_network_rescaled_to_another_scaler_predicts_the_same_moisture_from_the_same_raw_inputs(int seed)
    {
        var rng = new Rng((ulong)seed);
        var model = MoistureNet.CreateChrono(Features.Count, 6, 40, rng);
        foreach (var p in model.Parameters)
        {
            rng.FillUniform(p.Value.Span, -0.7, 0.7);
        }

        FeatureScaler Scaler() => FeatureScaler.FromStatistics(
            [.. Enumerable.Range(0, Features.Count).Select(_ => rng.Uniform(-5, 5))],
            [.. Enumerable.Range(0, Features.Count).Select(_ => rng.Uniform(0.2, 4))],
            rng.Uniform(5, 20),
            rng.Uniform(1, 8));
        var from = Scaler();
        var to = Scaler();
        var into = MoistureNet.CreateChrono(Features.Count, 6, 40, new Rng(99));
        MoistureExchange.CopyRescaled(model, from, into, to);

        var raw = Random(rng, 4, 11, Features.Count);
        var s = raw.Span;
        for (int i = 0; i < s.Length; i++)
        {
            s[i] = 10 * s[i];
        }

        double[] expected = Predict(model, from, raw);
        double[] actual = Predict(into, to, raw);
        Assert.True(RelativeError(actual, expected) <= 1e-12, $"rescaled vs original predictions differ by {RelativeError(actual, expected):E2}");
        Assert.NotEqual(model.Lstm.WeightInput.Value.Span[0], into.Lstm.WeightInput.Value.Span[0]); // the weights did change
        Assert.True(RelativeError(Predict(model, to, raw), expected) > 1e-3, "reading the other scaling without rescaling must differ, else the test proves nothing");
    }

    private static double[] Predict(MoistureNet net, FeatureScaler scaler, Tensor raw)
    {
        var x = raw.Clone();
        scaler.Transform(x.Span);
        var tape = new Tape();
        return [.. net.Forward(tape, tape.Constant(x)).Value.Span.ToArray().Select(scaler.UnscaleOutput)];
    }
}
