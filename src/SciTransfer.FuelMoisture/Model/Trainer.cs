using SciTransfer.Core.Random;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.FuelMoisture.Model;

/// <summary>
/// Trains a <see cref="MoistureNet"/> as published: every window of <see cref="TrainerOptions.WindowHours"/>
/// hours (at the given stride, with at least one observed hour) shuffled each epoch, mini-batches, Adam,
/// masked MSE, early stopping on validation loss over whole sequences (restore best). Single-threaded and
/// deterministic given the <see cref="Rng"/>.
/// </summary>
public static class Trainer
{
    /// <summary>
    /// Trains <paramref name="net"/> in place on <paramref name="train"/>; with <paramref name="validation"/> it
    /// stops early and restores the best epoch, otherwise it runs <see cref="TrainerOptions.MaxEpochs"/>.
    /// Returns the number of epochs run.
    /// </summary>
    public static int Train(MoistureNet net, IReadOnlyList<TrainingSequence> train, IReadOnlyList<TrainingSequence>? validation, TrainerOptions options, Rng rng, IProgress<TrainingProgress>? progress = null, string phase = "train", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rng);
        var windows = Windows(train, options.WindowHours, options.Stride);
        if (windows.Count == 0)
        {
            return 0;
        }

        int from = options.Scope == GradientScope.HeadOnly ? net.LstmParameterCount : 0;
        var adam = new Adam(net.ParameterCount, options.LearningRate, from: from);
        var gradient = new double[net.ParameterCount];
        var passes = new Dictionary<int, SequencePass>();
        int w = options.WindowHours, inputs = net.Inputs;
        var x = new double[w * options.BatchSize * inputs];
        var y = new double[w * options.BatchSize];
        var wt = new double[w * options.BatchSize];
        double best = double.PositiveInfinity;
        double[]? bestParameters = null;
        int sinceBest = 0, epoch = 0;
        var order = windows.ToArray();
        for (epoch = 1; epoch <= options.MaxEpochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            rng.Shuffle(order.AsSpan());
            int count = options.WindowsPerEpoch > 0 ? Math.Min(options.WindowsPerEpoch, order.Length) : order.Length;
            double lossSum = 0;
            int batches = 0;
            for (int start = 0; start < count; start += options.BatchSize)
            {
                int b = Math.Min(options.BatchSize, count - start);
                if (!passes.TryGetValue(b, out var pass))
                {
                    pass = new SequencePass(net, w, b);
                    passes[b] = pass;
                }

                Gather(train, order.AsSpan(start, b), w, inputs, x, y, wt);
                int m = w * b;
                pass.Forward(x.AsSpan(0, m * inputs), rng);
                Array.Clear(gradient);
                lossSum += pass.Backward(x.AsSpan(0, m * inputs), y.AsSpan(0, m), wt.AsSpan(0, m), options.Scope, gradient);
                adam.Step(net.Parameters, gradient);
                batches++;
            }

            double trainLoss = lossSum / Math.Max(1, batches);
            if (validation is null || validation.Count == 0)
            {
                progress?.Report(new TrainingProgress(phase, epoch, options.MaxEpochs, trainLoss));
                continue;
            }

            double valLoss = Evaluate(net, validation);
            progress?.Report(new TrainingProgress(phase, epoch, options.MaxEpochs, valLoss));
            if (valLoss < best)
            {
                best = valLoss;
                bestParameters = (double[])net.Parameters.Clone();
                sinceBest = 0;
            }
            else if (++sinceBest >= options.Patience)
            {
                break;
            }
        }

        if (bestParameters is not null)
        {
            bestParameters.CopyTo(net.Parameters, 0);
        }

        return Math.Min(epoch, options.MaxEpochs);
    }

    /// <summary>Weighted MSE (network units) of <paramref name="net"/> over whole sequences, pooled over all weighted hours.</summary>
    public static double Evaluate(MoistureNet net, IReadOnlyList<TrainingSequence> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        double s = 0, sw = 0;
        foreach (var seq in sequences)
        {
            var pred = Predict(net, seq.X);
            for (int t = 0; t < seq.Length; t++)
            {
                if (seq.W[t] != 0)
                {
                    double e = pred[t] - seq.Y[t];
                    s += seq.W[t] * e * e;
                    sw += seq.W[t];
                }
            }
        }

        return sw > 0 ? s / sw : 0;
    }

    /// <summary>Network outputs over one whole sequence x [L, I] from a zero state, [L].</summary>
    public static double[] Predict(MoistureNet net, double[] x)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(x);
        var pass = new SequencePass(net, x.Length / net.Inputs, 1);
        return pass.Forward(x).ToArray();
    }

    /// <summary>All (sequence, start) windows of <paramref name="hours"/> at <paramref name="stride"/> with at least one weighted hour.</summary>
    public static List<(int Sequence, int Start)> Windows(IReadOnlyList<TrainingSequence> sequences, int hours, int stride)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var list = new List<(int, int)>();
        for (int s = 0; s < sequences.Count; s++)
        {
            var wts = sequences[s].W;
            for (int start = 0; start + hours <= wts.Length; start += stride)
            {
                if (wts.AsSpan(start, hours).ContainsAnyExcept(0.0))
                {
                    list.Add((s, start));
                }
            }
        }

        return list;
    }

    private static void Gather(IReadOnlyList<TrainingSequence> seqs, ReadOnlySpan<(int Sequence, int Start)> windows, int hours, int inputs, double[] x, double[] y, double[] w)
    {
        int b = windows.Length;
        for (int k = 0; k < b; k++)
        {
            var (s, start) = windows[k];
            var seq = seqs[s];
            for (int t = 0; t < hours; t++)
            {
                int row = (t * b) + k;
                seq.X.AsSpan((start + t) * inputs, inputs).CopyTo(x.AsSpan(row * inputs, inputs));
                y[row] = seq.Y[start + t];
                w[row] = seq.W[start + t];
            }
        }
    }
}
