using SciTransfer.Core.Random;
using SciTransfer.Quantum.Data;
using SciTransfer.Quantum.Simulation;

namespace SciTransfer.Quantum.Models;

/// <summary>
/// The frozen-feature half of the classical-to-quantum protocol (quantum/c2q): training the repeat's
/// <see cref="FeatureCnn"/> on Fashion-MNIST and turning images into the QCNN's amplitude states and the classical
/// head's inputs.
/// </summary>
public static class C2qFeatures
{
    private const int Qubits = 8;

    /// <summary>
    /// A repeat's CNN: <paramref name="samples"/> Fashion-MNIST images of all ten classes drawn from
    /// seeds/"cnn-data", weights from seeds/"cnn-init", <paramref name="epochs"/> passes of Adam shuffled by seeds/"cnn-train".
    /// </summary>
    public static FeatureCnn TrainCnn(ImageSet fashion, int samples, int epochs, int batchSize, double learningRate, SeedTree seeds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(fashion);
        ArgumentNullException.ThrowIfNull(seeds);
        var cs = (Samples: samples, Epochs: epochs, BatchSize: batchSize, LearningRate: learningRate);
        var rows = seeds.Child("cnn-data").CreateRng().Permutation(fashion.Count).AsSpan(0, Math.Min(cs.Samples, fashion.Count)).ToArray();
        var pixels = Images28.Of(fashion, rows);
        var labels = rows.Select(r => fashion.Labels[r]).ToArray();
        var cnn = new FeatureCnn(seeds.Child("cnn-init").CreateRng());
        cnn.Train(pixels, labels, [.. Enumerable.Range(0, rows.Length)], cs.Epochs, cs.BatchSize, cs.LearningRate, seeds.Child("cnn-train").CreateRng(), ct);
        return cnn;
    }

    /// <summary>
    /// The frozen features of <paramref name="rows"/>: the 16 channel means (classical view) and the 256 cut-layer values
    /// as an 8-qubit amplitude state. An all-zero feature vector (every ReLU off) has no normalised state and is encoded
    /// as the uniform superposition, the state that carries no information.
    /// </summary>
    public static LabelledSet Encode(FeatureCnn cnn, ImageSet set, ReadOnlySpan<int> rows, int[] classes)
    {
        ArgumentNullException.ThrowIfNull(cnn);
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(classes);
        const int F = FeatureCnn.FeatureCount, C = FeatureCnn.FeatureChannels, PerChannel = F / C;
        var features = cnn.Extract(Images28.Of(set, rows));
        int stateDoubles = 2 << Qubits;
        var states = new double[rows.Length * stateDoubles];
        var means = new double[rows.Length * C];
        var y = new int[rows.Length];
        var uniform = Enumerable.Repeat(1.0, F).ToArray();
        for (int i = 0; i < rows.Length; i++)
        {
            var f = features.AsSpan(i * F, F);
            for (int c = 0; c < C; c++)
            {
                double s = 0;
                foreach (double v in f.Slice(c * PerChannel, PerChannel))
                {
                    s += v;
                }

                means[(i * C) + c] = s / PerChannel;
            }

            bool zero = !f.ContainsAnyExcept(0.0);
            Encodings.Amplitude(zero ? uniform : f, Qubits, states.AsSpan(i * stateDoubles, stateDoubles));
            y[i] = Array.IndexOf(classes, set.Labels[rows[i]]); // label = position in the class list
        }

        return new LabelledSet(C, means, y, states, stateDoubles, classes.Length);
    }
}
