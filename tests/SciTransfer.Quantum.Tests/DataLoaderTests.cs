using System.Buffers.Binary;
using System.IO.Compression;
using SciTransfer.Quantum.Data;
using SciTransfer.Quantum.Problems;
using SciTransfer.Quantum.Tests.Support;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.Quantum.Tests;

public sealed class DataLoaderTests
{
    [Fact]
    public void Shipped_digits_file_has_1797_images_in_the_unit_range_with_all_ten_labels()
    {
        var set = DigitsCsv.Load(RepoPaths.Find(DigitsCsv.DefaultRelativePath)!);
        Assert.Equal(1797, set.Count);
        Assert.All(set.Raw, p => Assert.InRange(p * set.Scale, 0f, 1f));
        Assert.Equal(16, set.Raw.Max());
        Assert.Equal(10, set.Labels.Distinct().Count());
    }

    [Fact]
    public void A_bad_digits_cell_names_the_file_row_and_column()
    {
        string header = string.Join(",", DigitsCsv.Columns);
        string good = "7," + string.Join(",", Enumerable.Repeat("3", 64));
        string bad = "7," + string.Join(",", Enumerable.Repeat("3", 10)) + ",x," + string.Join(",", Enumerable.Repeat("3", 53));
        var e = Assert.Throws<DataFormatException>(() => DigitsCsv.Parse("d.csv", $"{header}\n{good}\n{bad}\n"));
        Assert.Equal(("d.csv", 3L, "p10"), (e.File, e.Row, e.Column));

        var range = Assert.Throws<DataFormatException>(() => DigitsCsv.Parse("d.csv", $"{header}\n17," + string.Join(",", Enumerable.Repeat("3", 64)) + "\n"));
        Assert.Equal((2L, "label"), (range.Row, range.Column));

        var missing = Assert.Throws<DataFormatException>(() => DigitsCsv.Parse("d.csv", "label,p0\n1,2\n"));
        Assert.Equal(1L, missing.Row);
    }

    [Fact]
    public void Shipped_digits_with_header_hold_the_same_images_as_the_original_headerless_uci_file()
    {
        // Independent read of the original file (no header, 64 pixels then the label) with plain string splitting.
        using var gz = new GZipStream(File.OpenRead(RepoPaths.Find("datasets/digits/digits.csv.gz")!), CompressionMode.Decompress);
        using var text = new StreamReader(gz);
        var rows = text.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',').Select(byte.Parse).ToArray()).ToArray();
        var set = DigitsCsv.Load(RepoPaths.Find(DigitsCsv.DefaultRelativePath)!);
        Assert.Equal(rows.Length, set.Count);
        Assert.Equal(rows.Select(r => r[64]).ToArray(), set.Labels.ToArray());
        Assert.Equal(rows.SelectMany(r => r.Take(64)).ToArray(), set.Raw.ToArray());
    }

    [Fact]
    public void Idx_loader_reads_a_gzipped_pair_and_scales_pixels()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"idx-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        try
        {
            var images = new byte[16 + (3 * 2 * 2)];
            BinaryPrimitives.WriteInt32BigEndian(images, 0x803);
            BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(4), 3);
            BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(8), 2);
            BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(12), 2);
            for (int i = 0; i < 12; i++)
            {
                images[16 + i] = (byte)(i * 20);
            }

            var labels = new byte[8 + 3];
            BinaryPrimitives.WriteInt32BigEndian(labels, 0x801);
            BinaryPrimitives.WriteInt32BigEndian(labels.AsSpan(4), 3);
            labels[8] = 4;
            labels[9] = 0;
            labels[10] = 9;
            WriteGz(Path.Combine(dir, "train-images-idx3-ubyte.gz"), images);
            WriteGz(Path.Combine(dir, "train-labels-idx1-ubyte.gz"), labels);
            var set = FashionMnistIdx.LoadTrain(dir);
            Assert.Equal(3, set.Count);
            Assert.Equal((2, 2), (set.Height, set.Width));
            Assert.Equal(new byte[] { 4, 0, 9 }, set.Labels);
            Assert.Equal(100 / 255f, set.Pixel(1, 1), 6);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Fashion_problem_without_the_dataset_lists_but_fails_with_a_config_error_naming_the_package()
    {
        var settings = new ProblemSettings(Quick: true);
        var factory = new FashionToDigitsFactory();
        var problem = factory.Create(ProblemTests.Options(factory, "{\"fashion_dir\": \"/nonexistent/fashion\"}", quick: true, file: "study.json"), settings);
        Assert.Equal("quantum/fashion-to-digits", problem.Name);
        var e = Assert.Throws<ConfigException>(() => problem.Create(new ProblemContext(0, new Core.Random.SeedTree(1), settings)));
        Assert.Contains("dataset-fashion-mnist", e.Message);
        Assert.Contains("fashion_dir", e.JsonPath);
    }

    [Fact]
    public void A_relative_digits_file_resolves_from_the_config_folder_whatever_the_working_directory()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"digits-config-{Environment.ProcessId}");
        Directory.CreateDirectory(Path.Combine(dir, "data"));
        try
        {
            string config = Path.Combine(dir, "study.json");
            File.WriteAllText(config, "{}");
            // 10 zeros and 10 ones: test = min(8, 20 / 2) = 8, pool = min(64, 20 - 8) = 12.
            File.WriteAllLines(Path.Combine(dir, "data", "tiny.csv"), [string.Join(",", DigitsCsv.Columns), .. Enumerable.Range(0, 20).Select(i => (i % 2) + "," + string.Join(",", Enumerable.Repeat("5", 64)))]);
            Assert.NotEqual(dir, Path.GetFullPath(Directory.GetCurrentDirectory()));
            var factory = new FashionToDigitsFactory();
            var problem = factory.Create(ProblemTests.Options(factory, "{\"digits_file\": \"data/tiny.csv\", \"test_size\": 8}", quick: true, file: config), new ProblemSettings(Quick: true));
            Assert.Equal(12, problem.MaxTargetSize);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void A_missing_digits_file_is_a_config_error_listing_the_absolute_paths_tried()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"digits-missing-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        try
        {
            string config = Path.Combine(dir, "study.json");
            File.WriteAllText(config, "{}");
            var settings = new ProblemSettings(Quick: true);
            var factory = new FashionToDigitsFactory();
            var problem = factory.Create(ProblemTests.Options(factory, "{\"digits_file\": \"data/missing.csv\"}", quick: true, file: config), settings);
            Assert.Equal(64, problem.MaxTargetSize);
            var e = Assert.Throws<ConfigException>(() => problem.Create(new ProblemContext(0, new Core.Random.SeedTree(1), settings)));
            Assert.EndsWith("digits_file", e.JsonPath, StringComparison.Ordinal);
            Assert.Contains(Path.Combine(dir, "data", "missing.csv"), e.Message);
            Assert.Contains(Path.GetFullPath(Path.Combine("data", "missing.csv")), e.Message);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void The_shipped_digits_default_is_found_from_the_program_folder_and_bounds_the_pool()
    {
        // 178 zeros and 182 ones in the shipped file: test 150, pool = 360 - 150 = 210 < pool_size.
        var factory = new FashionToDigitsFactory();
        var problem = factory.Create(ProblemTests.Options(factory, "{\"pool_size\": 100000, \"test_size\": 150}", quick: false), new ProblemSettings());
        Assert.Equal(210, problem.MaxTargetSize);
    }

    [Trait("Category", "Slow")]
    [FashionMnistFact]
    public void Installed_fashion_mnist_has_60000_training_images_of_28_by_28()
    {
        var set = FashionMnistIdx.LoadTrain(FashionMnistIdx.DefaultDirectory);
        Assert.Equal(60000, set.Count);
        Assert.Equal((28, 28), (set.Height, set.Width));
        Assert.Equal(6000, set.Labels.Count(l => l == 3));
    }

    private static void WriteGz(string path, byte[] data)
    {
        using var f = File.Create(path);
        using var gz = new GZipStream(f, CompressionLevel.Fastest);
        gz.Write(data);
    }
}
