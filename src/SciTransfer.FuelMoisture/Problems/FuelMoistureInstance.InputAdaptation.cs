using System.Collections.Concurrent;
using MathNet.Numerics.LinearAlgebra;
using SciTransfer.FuelMoisture.Model;
using SciTransfer.Transfer.Adaptation;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.FuelMoisture.Problems;

/// <summary>
/// The fuel-moisture repeat as an <see cref="IInputAdaptationInstance"/> (coral, importance-weighting on the weather
/// inputs). A sample is one hour of one station: the rows of <see cref="SourceInputs"/> are the standardised inputs
/// of every hour of the source training stations (station after station), those of <see cref="TargetInputs"/> every
/// hour of the pool stations' target sequences (their weighings unused): unlabelled target weather is plentiful. The
/// LSTM reads whole sequences, so an aligned row replaces that hour's input in its sequence, and a weight multiplies
/// that hour's loss weight (the ratio is of single hours' inputs, not of their histories).
/// </summary>
public sealed partial class FuelMoistureInstance : IInputAdaptationInstance
{
    private readonly ConcurrentDictionary<ulong, (Matrix<double> Inputs, Vector<double>? Weights, Lazy<MoistureNet> Net)> _adaptedSources = new();
    private Matrix<double>? _sourceInputs, _targetInputs;

    /// <summary>Every hour of the source training stations, [sum of their lengths, 10], standardised.</summary>
    public Matrix<double> SourceInputs => _sourceInputs ??= Rows([.. _scenario.SourceTrain.Select(s => s.X)]);

    /// <summary>Every hour of the pool stations' target sequences, [pool stations x target length, 10], standardised.</summary>
    public Matrix<double> TargetInputs => _targetInputs ??= Rows(_scenario.PoolInputs);

    /// <summary>
    /// Continues training the source network (or, without one, trains a fresh network for source_epochs) on the source labels at <paramref name="sourceInputs"/> (per-hour loss
    /// weights times <paramref name="sourceWeights"/>) for <see cref="FuelMoistureOptions.AdaptationEpochs"/> epochs of
    /// source windows, once per repeat and input set (every n and cell shares it), then fine-tunes a copy on the cell's
    /// subset as the fine-tune strategy does (none at n = 0), and scores it.
    /// </summary>
    public CellResult TrainOnSource(Matrix<double> sourceInputs, Vector<double>? sourceWeights, StrategyCell cell)
    {
        ArgumentNullException.ThrowIfNull(sourceInputs);
        ArgumentNullException.ThrowIfNull(cell);
        int rows = SourceInputs.RowCount;
        if (sourceInputs.RowCount != rows || sourceInputs.ColumnCount != Features.Count || (sourceWeights is not null && sourceWeights.Count != rows))
        {
            throw new ArgumentException($"fuel-moisture TrainOnSource: inputs {sourceInputs.RowCount} x {sourceInputs.ColumnCount} and {sourceWeights?.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no"} weights for {rows} source hours x {Features.Count} features");
        }

        var ct = cell.CancellationToken;
        ulong key = Hash(sourceInputs, sourceWeights);
        var entry = _adaptedSources.GetOrAdd(key, _ => (sourceInputs.Clone(), sourceWeights?.Clone(), new Lazy<MoistureNet>(() => AdaptSource(sourceInputs, sourceWeights, ct))));

        // A hash collision of different inputs would share a network: check, and train afresh if so.
        bool same = entry.Inputs.Equals(sourceInputs) && (entry.Weights is null ? sourceWeights is null : sourceWeights is not null && entry.Weights.Equals(sourceWeights));
        var net = (same ? entry.Net.Value : AdaptSource(sourceInputs, sourceWeights, ct)).Clone();
        FineTune(net, FitSequences(cell), _o.FineTuneEpochs, GradientScope.All, cell, "input-adaptation");
        return Score(net);
    }

    /// <summary>The source network trained on, from the repeat's "input-adaptation" stream (the same for every cell).</summary>
    private MoistureNet AdaptSource(Matrix<double> inputs, Vector<double>? weights, CancellationToken ct)
    {
        var sequences = new List<TrainingSequence>(_scenario.SourceTrain.Count);
        int row = 0;
        foreach (var s in _scenario.SourceTrain)
        {
            var x = new double[s.X.Length];
            var w = (double[])s.W.Clone();
            for (int t = 0; t < s.Length; t++, row++)
            {
                for (int j = 0; j < Features.Count; j++)
                {
                    x[(t * Features.Count) + j] = inputs[row, j];
                }

                w[t] *= weights?[row] ?? 1.0;
            }

            sequences.Add(new TrainingSequence(x, s.Y, w));
        }

        // These strategies do not declare a need for the source network (they re-train on the adapted source); when a
        // study runs none that does, the network is trained afresh for source_epochs instead of continued.
        var net = HasSource ? Source.Clone() : MoistureNet.CreateChrono(Features.Count, _o.Hidden, _o.ChronoMaxHours, _seeds.Child("input-adaptation-init").CreateRng());
        var options = new TrainerOptions(Stride: 1, MaxEpochs: HasSource ? _o.AdaptationEpochs : _o.SourceEpochs, WindowsPerEpoch: _o.SourceWindowsPerEpoch);
        Trainer.Train(net, sequences, null, options, _seeds.Child("input-adaptation").CreateRng(), null, "input-adaptation", ct);
        return net;
    }

    private static Matrix<double> Rows(IReadOnlyList<double[]> blocks)
    {
        int n = blocks.Sum(b => b.Length / Features.Count);
        var m = Matrix<double>.Build.Dense(n, Features.Count);
        int r = 0;
        foreach (var b in blocks)
        {
            for (int t = 0; t < b.Length / Features.Count; t++, r++)
            {
                for (int j = 0; j < Features.Count; j++)
                {
                    m[r, j] = b[(t * Features.Count) + j];
                }
            }
        }

        return m;
    }

    // FNV-1a over the bits of every value: the aligned inputs are recomputed bit-identically by every cell of a repeat.
    private static ulong Hash(Matrix<double> inputs, Vector<double>? weights)
    {
        ulong h = 14695981039346656037UL;
        void Add(double v)
        {
            h ^= (ulong)BitConverter.DoubleToInt64Bits(v);
            h *= 1099511628211UL;
        }

        for (int i = 0; i < inputs.RowCount; i++)
        {
            for (int j = 0; j < inputs.ColumnCount; j++)
            {
                Add(inputs[i, j]);
            }
        }

        Add(weights is null ? 0 : 1);
        if (weights is not null)
        {
            foreach (double w in weights)
            {
                Add(w);
            }
        }

        return h;
    }
}
