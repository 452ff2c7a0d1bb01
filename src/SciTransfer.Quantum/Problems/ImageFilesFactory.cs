using SciTransfer.Core.Random;
using SciTransfer.Quantum.Data;
using SciTransfer.Quantum.Models;
using SciTransfer.Quantum.Qcnn;
using SciTransfer.Quantum.Simulation;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Options;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.Quantum.Problems;

/// <summary>
/// quantum/image-files: the QCNN-vs-classical transfer study on the user's own image files. Source and target are
/// each an IDX pair (MNIST, Fashion-MNIST, KMNIST layouts) or a CSV (pixels or features, label column named); a class
/// pair is chosen per domain. Images of any size are resized to 16x16; the encoding reduces them:
/// <c>pca-angles</c> = k leading principal components of the source (k &lt;= 8) as RY angles (unused wires get angle 0);
/// <c>amplitude</c> = the 256 resized pixels (or up to 256 features) amplitude-encoded, while the classical models
/// see the PCA-8 angles. Defaults: Fashion-MNIST T-shirt vs trouser (the shipped subset when the Debian package is
/// absent) -> the shipped 8x8 digits CSV, 0 vs 1.
/// </summary>
public sealed class ImageFilesFactory : IProblemFactory
{
    /// <summary>Registered name.</summary>
    public const string ProblemName = "quantum/image-files";

    /// <summary>The shipped digits CSV with a header (the default target).</summary>
    public const string DefaultTarget = "datasets/digits/digits-8x8.csv.gz";

    private const int Qubits = 8;

    /// <inheritdoc/>
    public string Name => ProblemName;

    /// <inheritdoc/>
    public string Summary => "QCNN vs parameter-matched MLP vs logistic regression on your image files (IDX or CSV), class pairs from the config; test accuracy";

    /// <inheritdoc/>
    public OptionSet Options { get; } = TransferOptions.Declare(
        400,
        160,
        150,
        OptionSpec.Text("source_images", FashionMnistIdx.DefaultDirectory + "/train-images-idx3-ubyte.gz", "source images: an IDX file (plain or .gz; idx3 unsigned bytes) or a CSV (.csv/.csv.gz); the default falls back to the shipped subset datasets/fashion-mnist-subset when absent"),
        OptionSpec.Text("source_labels", FashionMnistIdx.DefaultDirectory + "/train-labels-idx1-ubyte.gz", "source labels for IDX images (idx1 file); ignored for a CSV"),
        OptionSpec.Text("target_images", DefaultTarget, "target images: IDX or CSV as for source_images"),
        OptionSpec.Text("target_labels", "", "target labels for IDX images (idx1 file); ignored for a CSV"),
        OptionSpec.IntegerList("source_classes", [0, 1], 0, int.MaxValue, "the two source classes: label 0, label 1"),
        OptionSpec.IntegerList("target_classes", [0, 1], 0, int.MaxValue, "the two target classes: label 0, label 1"),
        OptionSpec.Text("label_column", "label", "CSV files: header name of the integer label column"),
        OptionSpec.Choice("csv_layout", "pixels", ["pixels", "features"], "CSV files: pixels (row-major, >= 0, scaled by the file's largest value, resized to 16x16) or features (used as they are)"),
        OptionSpec.Integer("image_width", 0, 0, IdxFile.MaxSide, "CSV pixels: image width (0 = square images)"),
        OptionSpec.Choice("encoding", "pca-angles", ["pca-angles", "amplitude"], "pca-angles: k source principal components as RY angles; amplitude: the 16x16 image (or <= 256 features) as a 256-amplitude state, classical models on PCA-8"),
        OptionSpec.Integer("components", 8, 1, Qubits, "pca-angles: number of principal components k (<= 8 qubits; wires k..7 get angle 0)"));

    /// <inheritdoc/>
    public ITransferProblem Create(ProblemOptions options, ProblemSettings settings)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        var common = TransferOptions.From(options);
        int[] sourceClasses = Pair(options, "source_classes");
        int[] targetClasses = Pair(options, "target_classes");
        string labelColumn = options.Text("label_column");
        var layout = options.Text("csv_layout") == "features" ? CsvLayout.Features : CsvLayout.Pixels;
        int width = options.Int("image_width");
        bool amplitude = options.Text("encoding") == "amplitude";
        int k = amplitude ? Qubits : options.Int("components");

        var source = Spec(options, "source", labelColumn, layout, width);
        var target = Spec(options, "target", labelColumn, layout, width);
        string encoding = amplitude ? "amplitude encoding of the 16x16 image (classical models on PCA-8 angles)" : $"PCA-{k} angle features fitted on the source";
        return new QuantumTransferProblem(
            ProblemName,
            $"source {source.Describe()} classes {sourceClasses[0]} vs {sourceClasses[1]} -> target {target.Describe()} classes {targetClasses[0]} vs {targetClasses[1]}, {encoding}",
            common,
            amplitude ? QcnnEncoding.Amplitude : QcnnEncoding.Angle,
            Qubits,
            settings,
            ctx => Generate(ctx, common, source, target, sourceClasses, targetClasses, k, amplitude, options),
            () => target.Images.Path is null ? common.PoolSize : TargetSplit(target.RowsOf(targetClasses, 1).Length, common).Pool,
            sourceValidation: true);
    }

    private static ImageFileSpec Spec(ProblemOptions o, string role, string labelColumn, CsvLayout layout, int width)
    {
        string imagesName = role + "_images", labelsName = role + "_labels";
        var images = DataLocation.FashionFileOrSubset(o, imagesName, role == "target" ? DefaultTarget : string.Empty);
        if (ImageFileSpec.IsCsv(o.Text(imagesName)))
        {
            return new ImageFileSpec(role, images, null, labelColumn, layout, width);
        }

        if (o.Text(labelsName).Length == 0)
        {
            throw o.Error(labelsName, $"{imagesName} is an IDX file, so {labelsName} must name its idx1 label file");
        }

        return new ImageFileSpec(role, images, DataLocation.FashionFileOrSubset(o, labelsName, string.Empty), labelColumn, layout, width);
    }

    private static int[] Pair(ProblemOptions o, string name)
    {
        int[] c = o.IntList(name);
        return c.Length == 2 && c[0] != c[1] ? c : throw o.Error(name, "expected two different class labels [label 0, label 1]");
    }

    private static DomainSplit Generate(
        ProblemContext ctx, TransferOptions o, ImageFileSpec source, ImageFileSpec target, int[] sourceClasses, int[] targetClasses, int k, bool amplitude, ProblemOptions options)
    {
        var src = source.Table;
        var tgt = target.Table;
        int d = SampleVectors.Length(src);
        if (SampleVectors.Length(tgt) != d)
        {
            throw options.Error("target_images", $"target vectors have {SampleVectors.Length(tgt)} values ({tgt.File}) but source vectors {d} ({src.File}); feature CSVs must have the same columns, images are resized to 16x16");
        }

        if (amplitude && d > 1 << Qubits)
        {
            throw options.Error("encoding", $"amplitude encoding holds at most {1 << Qubits} values on {Qubits} qubits; {src.File} has {d} features (use pca-angles)");
        }

        int pcaK = amplitude ? Math.Min(Qubits, d) : k;
        if (pcaK > d)
        {
            throw options.Error("components", $"{k} components from {d}-value vectors of {src.File}");
        }

        var sourceCandidates = source.RowsOf(sourceClasses, 1);
        var sourceRows = Balanced(sourceCandidates, src, sourceClasses, o.SourceSamples, ctx.Seeds.Child("source-data").CreateRng());
        var map = PcaAngles.Fit(Vectors(src, sourceRows, d), d, pcaK);

        var targetAll = target.RowsOf(targetClasses, 2);
        ctx.Seeds.Child("target-data").CreateRng().Shuffle(targetAll.AsSpan());
        var (test, pool) = TargetSplit(targetAll.Length, o);

        // Held-out source samples for the label-free metric iw_source_accuracy: up to test_size/2 per class among the
        // source rows not trained on, drawn from their own seed child so every other draw is unchanged. A source file
        // with no row left over gives an empty set (the metric is then NaN).
        var used = sourceRows.ToHashSet();
        var validationRows = Balanced([.. sourceCandidates.Where(r => !used.Contains(r))], src, sourceClasses, o.TestSize, ctx.Seeds.Child("source-validation").CreateRng());
        return new DomainSplit(
            Encode(src, sourceRows, sourceClasses, map, d, amplitude),
            Encode(tgt, targetAll.AsSpan(test, pool).ToArray(), targetClasses, map, d, amplitude),
            Encode(tgt, targetAll.AsSpan(0, test).ToArray(), targetClasses, map, d, amplitude),
            Encode(src, validationRows, sourceClasses, map, d, amplitude));
    }

    // Test set first (at most half of the rows), then the pool from the rest (as fashion-to-digits).
    private static (int Test, int Pool) TargetSplit(int rows, TransferOptions o)
    {
        int test = Math.Min(o.TestSize, rows / 2);
        return (test, Math.Min(o.PoolSize, rows - test));
    }

    // count/2 random samples of each class (fewer when a class has fewer), shuffled together.
    private static int[] Balanced(int[] rows, ImageTable t, int[] classes, int count, Rng rng)
    {
        var picked = new List<int>();
        foreach (int c in classes)
        {
            var idx = rows.Where(i => t.Labels[i] == c).ToArray();
            rng.Shuffle(idx.AsSpan());
            picked.AddRange(idx.Take(Math.Max(1, Math.Min(idx.Length, count / 2))));
        }

        var result = picked.ToArray();
        rng.Shuffle(result.AsSpan());
        return result;
    }

    private static double[] Vectors(ImageTable t, int[] rows, int d)
    {
        var x = new double[rows.Length * d];
        for (int i = 0; i < rows.Length; i++)
        {
            SampleVectors.Write(t, rows[i], x.AsSpan(i * d, d));
        }

        return x;
    }

    // Angles (k of them, padded with 0 to 8 wires) for the QCNN's angle encoding and the classical models; with
    // amplitude encoding also each sample's 256-amplitude state.
    private static LabelledSet Encode(ImageTable t, int[] rows, int[] classes, PcaAngles map, int d, bool amplitude)
    {
        var f = new double[rows.Length * Qubits];
        var y = new int[rows.Length];
        int stateDoubles = 2 << Qubits;
        double[]? states = amplitude ? new double[rows.Length * stateDoubles] : null;
        var v = new double[d];
        for (int i = 0; i < rows.Length; i++)
        {
            SampleVectors.Write(t, rows[i], v);
            map.Transform(v, f.AsSpan(i * Qubits, map.Components));
            y[i] = t.Labels[rows[i]] == classes[1] ? 1 : 0;
            if (states is not null)
            {
                if (!v.Any(x => x != 0))
                {
                    throw new DataFormatException(t.File, 0, "(pixels)", $"{t.Where(rows[i])} is all zero; amplitude encoding needs a non-zero vector");
                }

                Encodings.Amplitude(v, Qubits, states.AsSpan(i * stateDoubles, stateDoubles));
            }
        }

        return new LabelledSet(Qubits, f, y, states, amplitude ? stateDoubles : 0);
    }
}
