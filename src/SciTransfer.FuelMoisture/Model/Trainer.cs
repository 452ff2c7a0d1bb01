using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Random;
using SciTransfer.Transfer.FineTuning;
using SciTransfer.Transfer.Problems;
using Tensor = SciTransfer.Core.Tensors.Tensor;

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
    /// Returns the number of epochs run. <paramref name="hooks"/> (optional) extend each step (penalties, adapters:
    /// see <see cref="TrainingHooks"/>); <see cref="Core.Nn.Parameter.Frozen"/> parameters are left unchanged.
    /// </summary>
    public static int Train(MoistureNet net, IReadOnlyList<TrainingSequence> train, IReadOnlyList<TrainingSequence>? validation, TrainerOptions options, Rng rng, IProgress<TrainingProgress>? progress = null, string phase = "train", CancellationToken cancellationToken = default, TrainingHooks? hooks = null)
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

        var trainable = options.Scope == GradientScope.HeadOnly ? net.HeadParameters : net.Parameters;
        var adam = new Core.Optim.Adam(hooks is null ? trainable : [.. trainable, .. hooks.ExtraParameters], options.LearningRate);
        var tape = new Tape();
        return RunEpochs(net, train, windows, validation, options, rng, (x, y, w) =>
        {
            tape.Reset();
            adam.ZeroGrad();
            hooks?.BeforeStep?.Invoke();
            var loss = Ops.MaskedMseLoss(net.Forward(tape, tape.Constant(x), rng), tape.Constant(y), w);
            tape.Backward(loss);
            hooks?.AfterGradients?.Invoke();
            adam.Step();
            return loss.Item;
        }, syncParameters: null, progress, phase, cancellationToken);
    }

    /// <summary>
    /// The epoch loop of <see cref="Train"/>, shared with <see cref="DeviceTrainer.Train"/> so that both draw the same
    /// shuffles and batches from <paramref name="rng"/>: per epoch the windows are shuffled, cut into mini-batches
    /// (X [b, hours, inputs], Y and W [b, hours, 1]) and each batch goes to <paramref name="step"/>, which trains on it
    /// and returns its loss; with validation sequences the epoch ends with the validation loss and early stopping
    /// (best parameters restored at the end). <paramref name="syncParameters"/> (optional) copies trained parameters
    /// into <paramref name="net"/> before each validation and at the end (a device keeps its own copy).
    /// Returns the number of epochs run.
    /// </summary>
    internal static int RunEpochs(MoistureNet net, IReadOnlyList<TrainingSequence> train, List<(int Sequence, int Start)> windows, IReadOnlyList<TrainingSequence>? validation, TrainerOptions options, Rng rng, Func<Tensor, Tensor, Tensor, double> step, Action? syncParameters, IProgress<TrainingProgress>? progress, string phase, CancellationToken cancellationToken)
    {
        var buffers = new Dictionary<int, (Tensor X, Tensor Y, Tensor W)>();
        int w = options.WindowHours, inputs = net.Inputs;
        // Early stopping on the validation loss (a snapshot of the best parameters, restored at the end).
        var stopper = validation is null || validation.Count == 0 ? null : new Core.Optim.EarlyStopping(net.Parameters, options.Patience);
        int epoch;
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
                if (!buffers.TryGetValue(b, out var buf))
                {
                    buf = (new Tensor(b, w, inputs), new Tensor(b, w, 1), new Tensor(b, w, 1));
                    buffers[b] = buf;
                }

                Gather(train, order.AsSpan(start, b), w, inputs, buf.X, buf.Y, buf.W);
                lossSum += step(buf.X, buf.Y, buf.W);
                batches++;
            }

            double trainLoss = lossSum / Math.Max(1, batches);
            if (validation is null || validation.Count == 0)
            {
                progress?.Report(new TrainingProgress(phase, epoch, options.MaxEpochs, trainLoss));
                continue;
            }

            syncParameters?.Invoke();
            double valLoss = Evaluate(net, validation);
            progress?.Report(new TrainingProgress(phase, epoch, options.MaxEpochs, valLoss));
            if (stopper!.Report(valLoss))
            {
                break;
            }
        }

        syncParameters?.Invoke();
        if (stopper is { BestEpoch: >= 0 })
        {
            stopper.RestoreBest(); // never when no validation loss improved (e.g. all NaN): as before, keep the last weights
        }

        return Math.Min(epoch, options.MaxEpochs);
    }

    /// <summary>
    /// Trains on whole sequences (all of the same length, stacked in one batch, cut after the last weighted
    /// hour): each of <paramref name="steps"/> Adam steps backpropagates the masked loss through every hour
    /// from the zero initial state, the same way predictions are made. Used for the target, where a 48-h
    /// window from a zero state cannot show a slow (100-h, 1000-h) LSTM its own operating state.
    /// </summary>
    /// <paramref name="hooks"/> (optional) extend each step as in <see cref="Train"/>.
    public static void TrainSequences(MoistureNet net, IReadOnlyList<TrainingSequence> sequences, int steps, double learningRate, GradientScope scope, Rng rng, IProgress<TrainingProgress>? progress = null, string phase = "train", CancellationToken cancellationToken = default, TrainingHooks? hooks = null)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(sequences);
        if (sequences.Count == 0)
        {
            return;
        }

        var batch = SequenceBatch.Create(sequences, net.Inputs);
        var trainable = scope == GradientScope.HeadOnly ? net.HeadParameters : net.Parameters;
        var adam = new Core.Optim.Adam(hooks is null ? trainable : [.. trainable, .. hooks.ExtraParameters], learningRate);
        var tape = new Tape();

        // With the LSTM frozen its hidden states never change: compute them once, train the head on them.
        Tensor? hidden = null;
        if (scope == GradientScope.HeadOnly)
        {
            hidden = net.Lstm.Forward(tape, tape.Constant(batch.X)).Value.Clone();
        }

        for (int step = 1; step <= steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            tape.Reset();
            adam.ZeroGrad();
            hooks?.BeforeStep?.Invoke();
            var output = hidden is null ? net.Forward(tape, tape.Constant(batch.X), rng) : net.ForwardHead(tape, tape.Constant(hidden), rng);
            var loss = Ops.MaskedMseLoss(output, tape.Constant(batch.Y), batch.W);
            tape.Backward(loss);
            hooks?.AfterGradients?.Invoke();
            adam.Step();
            if (step % 10 == 0 || step == steps)
            {
                progress?.Report(new TrainingProgress(phase, step, steps, loss.Item));
            }
        }
    }

    /// <summary>Weighted MSE (network units) of <paramref name="net"/> over whole sequences, pooled over all weighted hours.</summary>
    public static double Evaluate(MoistureNet net, IReadOnlyList<TrainingSequence> sequences)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(sequences);
        double s = 0, sw = 0;
        foreach (var seq in sequences)
        {
            var pred = net.Predict(seq.X);
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

    internal static void Gather(IReadOnlyList<TrainingSequence> seqs, ReadOnlySpan<(int Sequence, int Start)> windows, int hours, int inputs, Tensor x, Tensor y, Tensor w)
    {
        for (int k = 0; k < windows.Length; k++)
        {
            var (s, start) = windows[k];
            var seq = seqs[s];
            seq.X.AsSpan(start * inputs, hours * inputs).CopyTo(x.Span.Slice(k * hours * inputs, hours * inputs));
            seq.Y.AsSpan(start, hours).CopyTo(y.Span.Slice(k * hours, hours));
            seq.W.AsSpan(start, hours).CopyTo(w.Span.Slice(k * hours, hours));
        }
    }
}
