using SciTransfer.Core.Random;
using SciTransfer.Quantum.Data;
using SciTransfer.Quantum.Models;
using SciTransfer.Quantum.Qcnn;
using SciTransfer.Transfer.Options;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.Quantum.Problems;

/// <summary>
/// quantum/c2q: the classical-to-quantum protocol of Kim, Huh &amp; Park (arXiv 2208.14708). Per repeat a LeNet-style
/// CNN (<see cref="FeatureCnn"/>) is trained on the 10 Fashion-MNIST classes, frozen and cut at its 256-wide layer;
/// the QCNN reads those 256 features amplitude-encoded into 8 qubits. Source task (for fine-tune / freeze-conv):
/// a Fashion-MNIST pair; target: a digit pair (MNIST from IDX files when <c>mnist_dir</c> names them, else the shipped
/// 8 x 8 UCI digits upsampled to 28 x 28). The classical model gets the same frozen features through a parameter-free
/// global average pool (16 channel means of the [16, 4, 4] cut) and an MLP head whose parameter count matches the
/// QCNN's (capacity 1) or doubles it (capacity 2): a head on all 256 features would need at least 257 parameters.
/// </summary>
public sealed class ClassicalToQuantumFactory : IProblemFactory
{
    /// <summary>Registered name.</summary>
    public const string ProblemName = "quantum/c2q";

    /// <inheritdoc/>
    public string Name => ProblemName;

    /// <inheritdoc/>
    public string Summary => "Kim-Huh-Park classical-to-quantum transfer: frozen Fashion-MNIST CNN features (256, amplitude-encoded) -> QCNN on digit pairs, vs a capacity-matched classical head; test accuracy";

    /// <inheritdoc/>
    public OptionSet Options { get; } = TransferOptions.Declare(
        400,
        160,
        150,
        OptionSpec.Text("fashion_dir", FashionMnistIdx.DefaultDirectory, "folder of the Fashion-MNIST training IDX files (Debian package dataset-fashion-mnist; when this default folder lacks them, the shipped subset datasets/fashion-mnist-subset is used and the description says so)"),
        OptionSpec.Text("mnist_dir", "", "folder of MNIST training IDX files (train-images-idx3-ubyte(.gz), train-labels-idx1-ubyte(.gz)) for the target; empty: the shipped 8x8 UCI digits upsampled to 28x28"),
        OptionSpec.Text("digits_file", DigitsCsv.DefaultRelativePath, "UCI digits CSV (label,p0..p63), the target when mnist_dir is empty"),
        OptionSpec.IntegerList("source_classes", [0, 1], 0, 9, "the Fashion-MNIST classes of the source task, label 0, label 1, ...: two (binary <Z> readout) or k > 2 (probabilities of ceil(log2 k) readout wires, cross-entropy)"),
        OptionSpec.IntegerList("target_classes", [0, 1], 0, 9, "the digits of the target task, label 0, label 1, ...: as many as source_classes"),
        OptionSpec.Integer("cnn_samples", 6000, 10, 60_000, "Fashion-MNIST images (all 10 classes) the CNN is trained on, per repeat", quick: 1000),
        OptionSpec.Integer("cnn_epochs", 3, 1, 1000, "passes over cnn_samples", quick: 1),
        OptionSpec.Integer("cnn_batch_size", 32, 1, 10_000, "CNN mini-batch size"),
        OptionSpec.Number("cnn_learning_rate", 1e-3, 1e-6, 1, "CNN Adam learning rate"));

    /// <inheritdoc/>
    public ITransferProblem Create(ProblemOptions options, ProblemSettings settings)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        int[] sourceClasses = Classes(options, "source_classes");
        int[] targetClasses = Classes(options, "target_classes");
        if (targetClasses.Length != sourceClasses.Length)
        {
            throw options.Error("target_classes", $"{targetClasses.Length} classes, but source_classes has {sourceClasses.Length}: the source model's readout must fit the target task");
        }

        var common = TransferOptions.From(options, QcnnCircuit.QubitCount, targetClasses.Length);
        var cnn = new CnnSettings(options.Int("cnn_samples"), options.Int("cnn_epochs"), options.Int("cnn_batch_size"), options.Number("cnn_learning_rate"));
        var fashion = DataLocation.FashionFolderOrSubset(options, "fashion_dir");
        bool mnist = options.Text("mnist_dir").Length > 0;
        var target = mnist ? DataLocation.FashionFolder(options, "mnist_dir") : DataLocation.File(options, "digits_file", DigitsCsv.DefaultRelativePath);
        string targetText = mnist ? $"MNIST digits {string.Join(" vs ", targetClasses)} from {target.Path ?? options.Text("mnist_dir")}" : $"UCI 8x8 digits {string.Join(" vs ", targetClasses)} upsampled to 28x28";
        return new QuantumTransferProblem(
            ProblemName,
            $"classical-to-quantum (Kim-Huh-Park): LeNet CNN trained on {cnn.Samples} Fashion-MNIST images x {cnn.Epochs} epochs, frozen, cut at 256 features "
                + $"(amplitude-encoded for the QCNN; 16 channel means for the classical head); source Fashion-MNIST classes {string.Join(" vs ", sourceClasses)} -> target {targetText}; Fashion-MNIST from "
                + (fashion.Note ?? fashion.Path ?? "(not found)"),
            common,
            QcnnEncoding.Amplitude,
            FeatureCnn.FeatureChannels,
            settings,
            ctx => Generate(ctx, common, cnn, fashion, target, mnist, sourceClasses, targetClasses),
            () => target.Path is null ? common.PoolSize : TargetSplit(TargetRows(LoadTarget(target.Path, mnist), targetClasses).Length, common).Pool);
    }

    private sealed record CnnSettings(int Samples, int Epochs, int BatchSize, double LearningRate);

    private static int[] Classes(ProblemOptions o, string name)
    {
        int[] c = o.IntList(name);
        return c.Length >= 2 && c.Distinct().Count() == c.Length ? c : throw o.Error(name, "expected two or more different classes [label 0, label 1, ...] in 0..9");
    }

    private static ImageSet LoadTarget(string path, bool mnist) => mnist ? FashionMnistIdx.LoadTrain(path) : DigitsCsv.Load(path);

    private static DomainSplit Generate(
        ProblemContext ctx, TransferOptions o, CnnSettings cs, DataLocation fashionDir, DataLocation targetLocation, bool mnist, int[] sourceClasses, int[] targetClasses)
    {
        var fashion = FashionMnistIdx.LoadTrain(fashionDir.Require());
        var target = LoadTarget(targetLocation.Require(), mnist);
        var cnn = C2qFeatures.TrainCnn(fashion, cs.Samples, cs.Epochs, cs.BatchSize, cs.LearningRate, ctx.Seeds, CancellationToken.None);

        var sourceIdx = Balanced(fashion, sourceClasses, o.SourceSamples, ctx.Seeds.Child("source-data").CreateRng());
        var targetAll = TargetRows(target, targetClasses);
        ctx.Seeds.Child("target-data").CreateRng().Shuffle(targetAll.AsSpan());
        var (test, pool) = TargetSplit(targetAll.Length, o);
        return new DomainSplit(
            C2qFeatures.Encode(cnn, fashion, sourceIdx, sourceClasses),
            C2qFeatures.Encode(cnn, target, targetAll.AsSpan(test, pool), targetClasses),
            C2qFeatures.Encode(cnn, target, targetAll.AsSpan(0, test), targetClasses));
    }

    private static int[] TargetRows(ImageSet set, int[] classes) =>
        [.. Enumerable.Range(0, set.Count).Where(i => classes.Contains(set.Labels[i]))];

    // Test set first (at most half of the rows), then the pool from the rest (as fashion-to-digits).
    private static (int Test, int Pool) TargetSplit(int rows, TransferOptions o)
    {
        int test = Math.Min(o.TestSize, rows / 2);
        return (test, Math.Min(o.PoolSize, rows - test));
    }

    // count/k random images of each of the k classes, shuffled together.
    private static int[] Balanced(ImageSet set, int[] classes, int count, Rng rng)
    {
        var picked = new List<int>();
        foreach (int c in classes)
        {
            var idx = Enumerable.Range(0, set.Count).Where(i => set.Labels[i] == c).ToArray();
            rng.Shuffle(idx.AsSpan());
            picked.AddRange(idx.Take(Math.Min(idx.Length, count / classes.Length)));
        }

        var result = picked.ToArray();
        rng.Shuffle(result.AsSpan());
        return result;
    }
}
