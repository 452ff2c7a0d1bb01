using MathNet.Numerics.LinearAlgebra;
using SciTransfer.HeatSink.Data;
using SciTransfer.HeatSink.Models;
using SciTransfer.Transfer.Adaptation;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.HeatSink.Problems;

/// <summary>
/// The Nusselt repeat as an <see cref="IInputAdaptationInstance"/> (coral, importance-weighting): the inputs are the
/// network's six design features (log10 Pe, D_h, aspect ratio, L, W, log10 L/D); source = the water designs, target =
/// the sodium pool's designs (no sodium Nu read). The adapted water rows are turned back into designs whose features
/// are exactly those rows (<see cref="DesignWithFeatures"/>: the features are invertible, though an aligned row need not
/// be a consistent channel), a fresh network is trained on them with the source model's own training (water data +
/// the water prior at those designs, source steps and learning rate), then, when n &gt; 0, fine-tuned on the cell's
/// sodium designs exactly as <c>fine-tune</c> fine-tunes the water network.
/// </summary>
internal sealed partial class NusseltInstance : IInputAdaptationInstance
{
    /// <summary>The water designs (the source set).</summary>
    public IReadOnlyList<NusseltSample> Water => _water;

    /// <summary>The water designs' features, n_water x 6.</summary>
    public Matrix<double> SourceInputs => DesignRows(_water);

    /// <summary>The sodium pool's design features (labels unused), n_pool x 6.</summary>
    public Matrix<double> TargetInputs => DesignRows(_pool);

    /// <inheritdoc/>
    public CellResult TrainOnSource(Matrix<double> sourceInputs, Vector<double>? sourceWeights, StrategyCell cell)
    {
        ArgumentNullException.ThrowIfNull(sourceInputs);
        ArgumentNullException.ThrowIfNull(cell);
        if (sourceInputs.RowCount != _water.Count || sourceInputs.ColumnCount != NusseltSample.FeatureCount)
        {
            throw new ArgumentException($"Nusselt TrainOnSource: inputs are {sourceInputs.RowCount} x {sourceInputs.ColumnCount}, the water set is {_water.Count} x {NusseltSample.FeatureCount}");
        }

        var adapted = new List<NusseltSample>(_water.Count);
        var row = new double[NusseltSample.FeatureCount];
        for (int i = 0; i < _water.Count; i++)
        {
            for (int j = 0; j < row.Length; j++)
            {
                row[j] = sourceInputs[i, j];
            }

            adapted.Add(DesignWithFeatures(_water[i], row));
        }

        if (sourceWeights is not null)
        {
            // The trainer takes no sample weights (full-batch Adam on the mean loss): importance resampling instead.
            adapted = [.. ImportanceResampling.Draw(sourceWeights, adapted.Count, cell.Seeds.Child("resample").CreateRng()).Select(i => adapted[i])];
        }

        var net = NusseltTrainer.NewNetwork(_water, _s.Hidden, cell.Seeds.Child("init").CreateRng());
        NusseltTrainer.Train(net, adapted, adapted, WaterPrior(), _s.Balancing, _s.SourceSteps, _s.LearningRate, cell.Seeds.Child("source-train").CreateRng());
        var subset = Subset(cell);
        if (subset.Count == 0)
        {
            return Score(rows => NusseltTrainer.Predict(net, rows));
        }

        var priorPoints = PriorPoints(subset);
        var weights = NusseltTrainer.Train(net, subset, priorPoints, SodiumPrior(), _s.Balancing, _s.Steps, _s.FineTuneLearningRate, cell.Seeds.Child("train").CreateRng(), boundPriorWeight: _s.BoundPriorWeight, pairedPrior: _s.PriorAt == "collocation");
        return Score(rows => NusseltTrainer.Predict(net, rows), BlendWeights(weights, true, priorPoints.Count > 0));
    }

    /// <summary>
    /// A copy of <paramref name="design"/> (fluid and Nu kept) whose <see cref="NusseltSample.Features"/> are
    /// <paramref name="features"/>: Pe = 10^f0, D_h = f1 mm, aspect ratio f2, L = f3 cm, W = f4 mm, L/D = 10^f5.
    /// </summary>
    public static NusseltSample DesignWithFeatures(NusseltSample design, ReadOnlySpan<double> features)
    {
        ArgumentNullException.ThrowIfNull(design);
        return design with
        {
            Peclet = Math.Pow(10, features[0]),
            HydraulicDiameter = features[1] * 1e-3,
            AspectRatio = features[2],
            Length = features[3] * 1e-2,
            Width = features[4] * 1e-3,
            LengthOverDiameter = Math.Pow(10, features[5]),
        };
    }
}
