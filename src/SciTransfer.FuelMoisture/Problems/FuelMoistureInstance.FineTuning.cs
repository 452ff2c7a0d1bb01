using SciTransfer.Core.Nn;
using SciTransfer.Core.Random;
using SciTransfer.FuelMoisture.Data;
using SciTransfer.FuelMoisture.Model;
using SciTransfer.FuelMoisture.Strategies;
using SciTransfer.Transfer.FineTuning;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.FuelMoisture.Problems;

/// <summary>
/// The fuel-moisture repeat as an <see cref="IEngineNetworkInstance"/>: the generic regularised and parameter-efficient
/// fine-tunes (l2-sp, bitfit, head-only, lora) run on a copy of the source <see cref="MoistureNet"/> with the problem's
/// own fine-tune (<see cref="FuelMoistureOptions.FineTuneEpochs"/> Adam steps over whole sequences, or epochs over
/// windows, at <see cref="FuelMoistureOptions.TargetLearningRate"/>). The LSTM is not a linear layer, so its gate
/// biases are listed with the biases (bitfit; the time warp's two shifts are a special case of training them) and its
/// input and recurrent matrices with the low-rank weights (lora).
/// </summary>
public sealed partial class FuelMoistureInstance : IEngineNetworkInstance
{
    /// <summary>A trainable copy of the source network (a <see cref="MoistureNet"/>).</summary>
    public IModule CloneSource() => Source.Clone();

    /// <summary>Dense(32), Dense(16) and the output layer, input to output (the LSTM is not among them).</summary>
    public IReadOnlyList<LinearLayerParameters> LinearLayers(IModule model)
    {
        var net = AsNetwork(model);
        return [.. new[] { net.Dense1, net.Dense2, net.Output }.Select(l => new LinearLayerParameters(l.Weight, l.Bias))];
    }

    /// <summary>The LSTM's gate biases [4H] and the dense layers' biases.</summary>
    public IReadOnlyList<Parameter> Biases(IModule model)
    {
        var net = AsNetwork(model);
        return [net.Lstm.Bias, net.Dense1.Bias!, net.Dense2.Bias!, net.Output.Bias!];
    }

    /// <summary>The LSTM's input matrix Wx [10, 4H] and recurrent matrix Wh [H, 4H], then the dense layers' weights.</summary>
    public IReadOnlyList<Parameter> LowRankWeights(IModule model)
    {
        var net = AsNetwork(model);
        return [net.Lstm.WeightInput, net.Lstm.WeightHidden, net.Dense1.Weight, net.Dense2.Weight, net.Output.Weight];
    }

    /// <summary>The fine-tune strategy's training on the fit sequences of the pool rows <paramref name="targetIndices"/>, with the hooks.</summary>
    public void Train(IModule model, ReadOnlySpan<int> targetIndices, TrainingHooks hooks, Rng rng, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(hooks);
        ArgumentNullException.ThrowIfNull(rng);
        FineTune(AsNetwork(model), FitSequences(PoolRows(targetIndices)), _o.FineTuneEpochs, GradientScope.All, rng, hooks, null, "fine-tune", ct);
    }

    /// <summary>
    /// Weighted MSE (network units) over the fitted observations of the pool rows, predicted over whole sequences; NaN
    /// when none is fitted (1-h rows all above 30 %), which makes strength selection fall back to its default.
    /// </summary>
    public double Loss(IModule model, ReadOnlySpan<int> targetIndices)
    {
        var fit = FitSequences(PoolRows(targetIndices));
        return fit.Count == 0 ? double.NaN : Trainer.Evaluate(AsNetwork(model), fit);
    }

    /// <summary>RMSE (%) on the test set (and rmse_le30 for 1-h fuels), the warp and auto diagnostics NaN.</summary>
    public CellResult Score(IModule model)
    {
        var values = Score(Predict(AsNetwork(model)));
        values[FuelMoistureMetrics.WarpForgetShift] = double.NaN;
        values[FuelMoistureMetrics.WarpInputShift] = double.NaN;
        values[FuelMoistureMetrics.AutoChoice] = double.NaN;
        return new CellResult(values);
    }

    private List<FuelObservation> PoolRows(ReadOnlySpan<int> indices)
    {
        var rows = new List<FuelObservation>(indices.Length);
        foreach (int i in indices)
        {
            rows.Add(_scenario.Pool[i]);
        }

        return rows;
    }

    private static MoistureNet AsNetwork(IModule model) =>
        model as MoistureNet ?? throw new ArgumentException($"fuel-moisture: expected the MoistureNet from CloneSource, got {model?.GetType().Name ?? "null"}");
}
