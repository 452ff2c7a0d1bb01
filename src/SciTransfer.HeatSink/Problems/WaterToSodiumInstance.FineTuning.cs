using SciTransfer.Core.Nn;
using SciTransfer.Core.Random;
using SciTransfer.HeatSink.Pinn;
using SciTransfer.Transfer.FineTuning;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.HeatSink.Problems;

/// <summary>
/// The field PINN repeat as an <see cref="IEngineNetworkInstance"/>: the generic regularised and parameter-efficient
/// fine-tuning strategies (l2-sp, bitfit, head-only, lora) run on the water network with the fine-tune strategy's
/// own training (sodium physics + the n sensors, fixed loss weights, fine-tune learning rate, <see cref="PinnTrainer"/>
/// with the strategies' <see cref="TrainingHooks"/>) and are scored with the problem's own metrics, steps_to_target
/// included (the training log travels with the cell's <see cref="PinnCellModel"/>).
/// </summary>
internal sealed partial class WaterToSodiumInstance : IEngineNetworkInstance
{
    /// <summary>A trainable copy of the water network, with an empty training log.</summary>
    public IModule CloneSource() => new PinnCellModel(Source.Network.Clone());

    /// <inheritdoc/>
    public IReadOnlyList<LinearLayerParameters> LinearLayers(IModule model)
    {
        var net = AsCell(model).Network;
        return [.. Enumerable.Range(0, net.LayerCount).Select(l => new LinearLayerParameters(net.Layer(l).Weight, net.Layer(l).Bias))];
    }

    /// <summary>
    /// The fine-tune strategy's training (sodium physics + the sensors at the pool rows, fixed weights, fine-tune
    /// learning rate, no L-BFGS) with <paramref name="hooks"/>; probes the field error as fine-tune does, so the log
    /// carries steps_to_target. An empty subset trains on the physics alone.
    /// </summary>
    public void Train(IModule model, ReadOnlySpan<int> targetIndices, TrainingHooks hooks, Rng rng, CancellationToken ct)
    {
        var cell = AsCell(model);
        var task = new PinnTask(_s.Target, Subset(targetIndices));
        cell.Log = Train(cell.Network, task, FineTuneTraining, rng, _scoreProbe, ct, hooks);
    }

    /// <summary>Mean squared error of theta at the pool sensors <paramref name="targetIndices"/> (the sensor term's loss, for choosing strengths).</summary>
    public double Loss(IModule model, ReadOnlySpan<int> targetIndices)
    {
        var rows = Subset(targetIndices);
        if (rows.Count == 0)
        {
            return 0;
        }

        var probe = new FieldProbe(_targetProbe.Reference, rows.Points, rows.Theta);
        var predicted = probe.Predict(AsCell(model).Network, new PinnTask(_s.Target, rows));
        double sum = 0;
        for (int i = 0; i < predicted.Length; i++)
        {
            double r = predicted[i] - rows.Theta[i];
            sum += r * r;
        }

        return sum / predicted.Length;
    }

    /// <summary>The problem's metrics (rel_l2, peak_error, steps_to_target, ...) of the cell's trained copy; no figures.</summary>
    public CellResult Score(IModule model)
    {
        var cell = AsCell(model);
        var task = new PinnTask(_s.Target, SensorData.Empty);
        return new CellResult(Score(_scoreProbe?.Predict(cell.Network, task), _heldOut?.Predict(cell.Network, task), cell.Log, cell.Clock, cell.Network));
    }

    private static PinnCellModel AsCell(IModule model) =>
        model as PinnCellModel ?? throw new ArgumentException($"heat-sink PINN: expected the model from CloneSource, got {model?.GetType().Name ?? "null"}");
}
