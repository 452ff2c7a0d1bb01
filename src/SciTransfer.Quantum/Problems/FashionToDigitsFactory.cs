using SciTransfer.Core.Random;
using SciTransfer.Quantum.Data;
using SciTransfer.Quantum.Models;
using SciTransfer.Quantum.Qcnn;
using SciTransfer.Transfer.Options;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.Quantum.Problems;

/// <summary>
/// quantum/fashion-to-digits: source = two Fashion-MNIST classes (default T-shirt 0 vs trouser 1), target =
/// two UCI digits (default 0 vs 1). Both go through the source-fitted PCA-8 angle map
/// (<see cref="ImageFeatures"/>); the QCNN angle-encodes the 8 angles, the classical MLP reads them directly.
/// </summary>
public sealed class FashionToDigitsFactory : IProblemFactory
{
    /// <summary>Registered name.</summary>
    public const string ProblemName = "quantum/fashion-to-digits";

    private const int DefaultSource = 400, DefaultPool = 160, DefaultTest = 150;

    /// <inheritdoc/>
    public string Name => ProblemName;

    /// <inheritdoc/>
    public string Summary => "QCNN vs parameter-matched MLP: Fashion-MNIST classes -> UCI digits, PCA-8 angle features fitted on the source; test accuracy";

    /// <inheritdoc/>
    public OptionSet Options { get; } = TransferOptions.Declare(
        DefaultSource,
        DefaultPool,
        DefaultTest,
        OptionSpec.Text("fashion_dir", FashionMnistIdx.DefaultDirectory, "folder of the Fashion-MNIST training IDX files (Debian package dataset-fashion-mnist; when this default folder lacks them, the shipped subset datasets/fashion-mnist-subset is used and the description says so); relative: to the config file, then the working directory"),
        OptionSpec.Text("digits_file", DigitsCsv.DefaultRelativePath, "UCI digits CSV, plain or gzip, header label,p0..p63 (label 0..9, pixels 0..16); relative: to the config file, then the working directory (the shipped default also from the program folder upwards)"),
        OptionSpec.IntegerList("source_classes", [0, 1], 0, 9, "the Fashion-MNIST classes, label 0, label 1, ...: two (binary <Z> readout) or k > 2 (probabilities of ceil(log2 k) readout wires, cross-entropy)"),
        OptionSpec.IntegerList("target_classes", [0, 1], 0, 9, "the digits, label 0, label 1, ...: as many as source_classes"),
        OptionSpec.Integer("qubits", QcnnCircuit.QubitCount, 2, 16, "QCNN width n (8, 10, 12, 16 are Hur-Kim-Park-style widths): PCA-n angle features, one per wire; the MLP reads the same n"));

    /// <inheritdoc/>
    public ITransferProblem Create(ProblemOptions options, ProblemSettings settings)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        int[] sourceClasses = options.IntList("source_classes");
        int[] targetClasses = options.IntList("target_classes");
        if (sourceClasses.Length < 2 || sourceClasses.Distinct().Count() != sourceClasses.Length || sourceClasses.Any(c => c is < 0 or > 9))
        {
            throw options.Error("source_classes", "expected two or more different Fashion-MNIST classes in 0..9");
        }

        if (targetClasses.Length < 2 || targetClasses.Distinct().Count() != targetClasses.Length || targetClasses.Any(c => c is < 0 or > 9))
        {
            throw options.Error("target_classes", "expected two or more different digits in 0..9");
        }

        if (targetClasses.Length != sourceClasses.Length)
        {
            throw options.Error("target_classes", $"{targetClasses.Length} classes, but source_classes has {sourceClasses.Length}: the source model's readout must fit the target task");
        }

        int qubits = options.Int("qubits");
        var common = TransferOptions.From(options, qubits, targetClasses.Length);

        // Missing data is reported when a repeat's data is generated, not here, so that listing the
        // problems works on machines without Fashion-MNIST; the error still names the option and file.
        var fashion = DataLocation.FashionFolderOrSubset(options, "fashion_dir");
        var digits = DataLocation.File(options, "digits_file", DigitsCsv.DefaultRelativePath);
        return new QuantumTransferProblem(
            ProblemName,
            $"Fashion-MNIST classes {string.Join(" vs ", sourceClasses)} -> digits {string.Join(" vs ", targetClasses)}, PCA-{qubits} angle features fitted on the source; Fashion-MNIST from "
                + (fashion.Note ?? fashion.Path ?? "(not found)"),
            common,
            QcnnEncoding.Angle,
            qubits,
            settings,
            ctx => Generate(ctx, common, fashion, digits.Require(), sourceClasses, targetClasses),
            () => digits.Path is null ? common.PoolSize : TargetSplit(TargetRows(DigitsCsv.Load(digits.Path), targetClasses).Length, common).Pool,
            sourceValidation: true);
    }

    private static DomainSplit Generate(ProblemContext ctx, TransferOptions o, DataLocation fashionDir, string digitsFile, int[] sourceClasses, int[] targetClasses)
    {
        var fashion = FashionMnistIdx.LoadTrain(fashionDir.Require());
        var digits = DigitsCsv.Load(digitsFile);
        var sourceIdx = Balanced(fashion, sourceClasses, o.SourceSamples, ctx.Seeds.Child("source-data").CreateRng());
        var map = ImageFeatures.Fit(fashion, sourceIdx, o.Qubits);
        var source = Features(fashion, sourceIdx, sourceClasses, map);

        var targetAll = TargetRows(digits, targetClasses);
        ctx.Seeds.Child("target-data").CreateRng().Shuffle(targetAll.AsSpan());
        var (test, pool) = TargetSplit(targetAll.Length, o);
        // Held-out source images (not among the training ones), drawn from their own seed child so that adding them
        // left every other draw unchanged: the label-free metric iw_source_accuracy scores on them.
        var validationIdx = Balanced(fashion, sourceClasses, o.TestSize, ctx.Seeds.Child("source-validation").CreateRng(), [.. sourceIdx]);
        return new DomainSplit(
            source,
            Features(digits, targetAll.AsSpan(test, pool), targetClasses, map),
            Features(digits, targetAll.AsSpan(0, test), targetClasses, map),
            Features(fashion, validationIdx, sourceClasses, map));
    }

    // Rows of the target digits, in file order.
    private static int[] TargetRows(ImageSet digits, int[] classes) =>
        [.. Enumerable.Range(0, digits.Count).Where(i => classes.Contains(digits.Labels[i]))];

    // Test set first (at most half of the rows), then the pool from the rest.
    private static (int Test, int Pool) TargetSplit(int rows, TransferOptions o)
    {
        int test = Math.Min(o.TestSize, rows / 2);
        return (test, Math.Min(o.PoolSize, rows - test));
    }

    // count/k random images of each of the k classes (none of those in exclude).
    private static int[] Balanced(ImageSet set, int[] classes, int count, Rng rng, HashSet<int>? exclude = null)
    {
        var picked = new List<int>();
        foreach (int c in classes)
        {
            var idx = Enumerable.Range(0, set.Count).Where(i => set.Labels[i] == c && exclude?.Contains(i) != true).ToArray();
            rng.Shuffle(idx.AsSpan());
            picked.AddRange(idx.Take(Math.Min(idx.Length, count / classes.Length)));
        }

        var result = picked.ToArray();
        rng.Shuffle(result.AsSpan());
        return result;
    }

    private static LabelledSet Features(ImageSet set, ReadOnlySpan<int> indices, int[] classes, ImageFeatures map)
    {
        int d = map.FeatureCount;
        var f = new double[indices.Length * d];
        var y = new int[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            map.Transform(set, indices[i], f.AsSpan(i * d, d));
            y[i] = Array.IndexOf(classes, set.Labels[indices[i]]); // label = position in the class list
        }

        return new LabelledSet(d, f, y, classes: classes.Length);
    }
}
