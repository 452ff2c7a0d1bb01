using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Nn;
using SciTransfer.Core.Optim;
using SciTransfer.Core.Random;
using Tensor = SciTransfer.Core.Tensors.Tensor;

namespace SciTransfer.Quantum.Models;

/// <summary>
/// The classical half of the classical-to-quantum protocol (Kim, Huh &amp; Park, arXiv 2208.14708): a LeNet-style
/// CNN on 28 x 28 grey images, trained on the 10 Fashion-MNIST classes, then frozen and cut at its 256-wide layer.
/// Layers: conv 1->6 (5x5) ReLU, max-pool 2 -> [6, 12, 12]; conv 6->16 (5x5) ReLU, max-pool 2 -> [16, 4, 4] = the
/// 256 features (the cut); linear 256->120 ReLU, 120->84 ReLU, 84->10 logits. Parameters: 156 + 2 416 + 30 840 +
/// 10 164 + 850 = 44 426. Inputs are intensities in [0, 1], row-major, 784 per image.
/// </summary>
public sealed class FeatureCnn : IModule
{
    /// <summary>Image side.</summary>
    public const int Side = 28;

    /// <summary>Width of the cut layer (16 channels x 4 x 4).</summary>
    public const int FeatureCount = 256;

    /// <summary>Channels of the cut layer.</summary>
    public const int FeatureChannels = 16;

    /// <summary>Classes of the pre-training task.</summary>
    public const int Classes = 10;

    private readonly Conv2d _conv1;
    private readonly Conv2d _conv2;
    private readonly Mlp _head;

    /// <summary>Creates the network with weights drawn from <paramref name="rng"/>.</summary>
    public FeatureCnn(Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        _conv1 = new Conv2d("cnn.conv1", 1, 6, 5, rng);
        _conv2 = new Conv2d("cnn.conv2", 6, FeatureChannels, 5, rng);
        _head = new Mlp("cnn.fc", [FeatureCount, 120, 84, Classes], Activation.Relu, rng);
        Parameters = [.. _conv1.Parameters, .. _conv2.Parameters, .. _head.Parameters];
    }

    /// <inheritdoc/>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Images x [N, 784] -> the cut layer [N, 256] (channel-major: feature c*16 + 4y + x).</summary>
    public Var Features(Tape tape, Var x)
    {
        ArgumentNullException.ThrowIfNull(tape);
        ArgumentNullException.ThrowIfNull(x);
        int n = x.Value.Length / (Side * Side);
        if (x.Value.Length != n * Side * Side)
        {
            throw new ArgumentException($"FeatureCnn: input {x.ShapeText} is not N x {Side * Side} pixels.");
        }

        var h = Ops.Reshape(x, n, 1, Side, Side);
        h = Ops.MaxPool2d(Ops.Relu(_conv1.Forward(tape, h)), 2);
        h = Ops.MaxPool2d(Ops.Relu(_conv2.Forward(tape, h)), 2);
        return Ops.Reshape(h, n, FeatureCount);
    }

    /// <summary>Images x [N, 784] -> class logits [N, 10].</summary>
    public Var Logits(Tape tape, Var x) => _head.Forward(tape, Features(tape, x));

    /// <summary>
    /// Trains on the images <paramref name="rows"/> of <paramref name="pixels"/> (Count x 784) with their 0..9
    /// <paramref name="labels"/>: <paramref name="epochs"/> shuffled passes of Adam on mean softmax cross-entropy.
    /// Returns the mean loss of the last epoch.
    /// </summary>
    public double Train(double[] pixels, byte[] labels, int[] rows, int epochs, int batchSize, double learningRate, Rng rng, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(rng);
        const int P = Side * Side;
        var adam = new Adam(Parameters, learningRate);
        var tape = new Tape();
        var order = (int[])rows.Clone();
        double last = double.NaN;
        for (int e = 0; e < epochs; e++)
        {
            rng.Shuffle(order.AsSpan());
            double sum = 0;
            int batches = 0;
            for (int start = 0; start < order.Length; start += batchSize)
            {
                ct.ThrowIfCancellationRequested();
                int b = Math.Min(batchSize, order.Length - start);
                var x = new double[b * P];
                var y = new int[b];
                for (int i = 0; i < b; i++)
                {
                    int r = order[start + i];
                    pixels.AsSpan(r * P, P).CopyTo(x.AsSpan(i * P));
                    y[i] = labels[r];
                }

                tape.Reset();
                this.ZeroGrad();
                var loss = Ops.SoftmaxCrossEntropy(Logits(tape, tape.Constant(Tensor.FromArray(x, b, P))), y);
                tape.Backward(loss);
                adam.Step();
                sum += loss.Item;
                batches++;
            }

            last = sum / Math.Max(1, batches);
        }

        return last;
    }

    /// <summary>The cut-layer features of every image of <paramref name="pixels"/> (Count x 784) -> Count x 256.</summary>
    public double[] Extract(double[] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        const int P = Side * Side, Chunk = 256;
        int n = pixels.Length / P;
        var result = new double[n * FeatureCount];
        var tape = new Tape();
        for (int start = 0; start < n; start += Chunk)
        {
            int b = Math.Min(Chunk, n - start);
            tape.Reset();
            var f = Features(tape, tape.Constant(Tensor.FromArray(pixels.AsSpan(start * P, b * P).ToArray(), b, P)));
            f.Value.Span.CopyTo(result.AsSpan(start * FeatureCount));
        }

        return result;
    }

    /// <summary>Fraction of <paramref name="rows"/> whose arg-max logit equals the label.</summary>
    public double Accuracy(double[] pixels, byte[] labels, int[] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        const int P = Side * Side;
        var x = new double[rows.Length * P];
        for (int i = 0; i < rows.Length; i++)
        {
            pixels.AsSpan(rows[i] * P, P).CopyTo(x.AsSpan(i * P));
        }

        var tape = new Tape();
        var logits = Logits(tape, tape.Constant(Tensor.FromArray(x, rows.Length, P))).Value;
        int correct = 0;
        for (int i = 0; i < rows.Length; i++)
        {
            int best = 0;
            for (int c = 1; c < Classes; c++)
            {
                best = logits[i, c] > logits[i, best] ? c : best;
            }

            correct += best == labels[rows[i]] ? 1 : 0;
        }

        return (double)correct / Math.Max(1, rows.Length);
    }
}
