using SciTransfer.Core.Random;
using SciTransfer.Quantum.Data;
using SciTransfer.Quantum.Models;
using SciTransfer.Quantum.Qcnn;
using SciTransfer.Transfer.Config;
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

    /// <inheritdoc/>
    public string Name => ProblemName;

    /// <inheritdoc/>
    public ITransferProblem Create(OptionsReader options, ProblemSettings settings)
    {
        var common = TransferOptions.Read(options, settings, defaultSource: 400, defaultPool: 160, defaultTest: 150);
        string fashionDir = options.GetString("fashion_dir", FashionMnistIdx.DefaultDirectory);
        string digitsOption = options.GetString("digits_file", DigitsCsv.DefaultRelativePath);
        int[] sourceClasses = options.GetIntArray("source_classes", [0, 1]);
        int[] targetClasses = options.GetIntArray("target_classes", [0, 1]);
        if (sourceClasses.Length != 2 || sourceClasses[0] == sourceClasses[1] || sourceClasses.Any(c => c is < 0 or > 9))
        {
            throw options.Error("source_classes", "expected two different Fashion-MNIST classes in 0..9");
        }

        if (targetClasses.Length != 2 || targetClasses[0] == targetClasses[1] || targetClasses.Any(c => c is < 0 or > 9))
        {
            throw options.Error("target_classes", "expected two different digits in 0..9");
        }

        // Missing data is reported when a repeat's data is generated, not here, so that listing the
        // problems works on machines without Fashion-MNIST; the error still names the option and file.
        var missingFashion = FashionMnistIdx.IsAvailable(fashionDir) ? null
            : options.Error("fashion_dir", $"Fashion-MNIST IDX files not found in {fashionDir}; install the Debian package dataset-fashion-mnist (apt-get install dataset-fashion-mnist) or point fashion_dir at train-images-idx3-ubyte(.gz) and train-labels-idx1-ubyte(.gz)");
        string? digitsFile = RepositoryFiles.Find(digitsOption);
        var missingDigits = digitsFile is not null ? null
            : options.Error("digits_file", $"digits file '{digitsOption}' not found (looked upwards from the working directory and the program folder)");
        return new QuantumTransferProblem(
            ProblemName,
            $"Fashion-MNIST classes {sourceClasses[0]} vs {sourceClasses[1]} -> digits {targetClasses[0]} vs {targetClasses[1]}, PCA-8 angle features fitted on the source",
            common,
            QcnnEncoding.Angle,
            8,
            settings,
            ctx => Generate(ctx, common, fashionDir, digitsFile ?? throw missingDigits!, sourceClasses, targetClasses, missingFashion));
    }

    private static DomainSplit Generate(ProblemContext ctx, TransferOptions o, string fashionDir, string digitsFile, int[] sourceClasses, int[] targetClasses, Exception? missingFashion)
    {
        if (missingFashion is not null)
        {
            throw missingFashion;
        }

        var fashion = FashionMnistIdx.LoadTrain(fashionDir);
        var digits = DigitsCsv.Load(digitsFile);
        var sourceIdx = Balanced(fashion, sourceClasses, o.SourceSamples, ctx.Seeds.Child("source-data").CreateRng());
        var map = ImageFeatures.Fit(fashion, sourceIdx);
        var source = Features(fashion, sourceIdx, sourceClasses, map);

        var targetAll = Enumerable.Range(0, digits.Count).Where(i => digits.Labels[i] == targetClasses[0] || digits.Labels[i] == targetClasses[1]).ToArray();
        ctx.Seeds.Child("target-data").CreateRng().Shuffle(targetAll.AsSpan());
        int test = Math.Min(o.TestSize, targetAll.Length / 2);
        int pool = Math.Min(o.PoolSize, targetAll.Length - test);
        return new DomainSplit(
            source,
            Features(digits, targetAll.AsSpan(test, pool), targetClasses, map),
            Features(digits, targetAll.AsSpan(0, test), targetClasses, map));
    }

    // count/2 random images of each of the two classes.
    private static int[] Balanced(ImageSet set, int[] classes, int count, Rng rng)
    {
        var picked = new List<int>();
        foreach (int c in classes)
        {
            var idx = Enumerable.Range(0, set.Count).Where(i => set.Labels[i] == c).ToArray();
            rng.Shuffle(idx.AsSpan());
            picked.AddRange(idx.Take(Math.Min(idx.Length, count / 2)));
        }

        var result = picked.ToArray();
        rng.Shuffle(result.AsSpan());
        return result;
    }

    private static LabelledSet Features(ImageSet set, ReadOnlySpan<int> indices, int[] classes, ImageFeatures map)
    {
        var f = new double[indices.Length * 8];
        var y = new int[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            map.Transform(set, indices[i], f.AsSpan(i * 8, 8));
            y[i] = set.Labels[indices[i]] == classes[1] ? 1 : 0;
        }

        return new LabelledSet(8, f, y);
    }
}
