using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json;
using SciTransfer.Quantum.Data;
using SciTransfer.Quantum.Problems;
using SciTransfer.Quantum.Tests.Support;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.Quantum.Tests;

public sealed class DataLoaderTests
{
    [Fact]
    public void Shipped_digits_file_has_1797_images_in_the_unit_range_with_all_ten_labels()
    {
        var set = DigitsCsv.Load(RepoPaths.Find("datasets/digits/digits.csv.gz")!);
        Assert.Equal(1797, set.Count);
        Assert.All(set.Raw, p => Assert.InRange(p * set.Scale, 0f, 1f));
        Assert.Equal(16, set.Raw.Max());
        Assert.Equal(10, set.Labels.Distinct().Count());
    }

    [Fact]
    public void A_bad_digits_cell_names_the_file_row_and_column()
    {
        string path = Path.Combine(Path.GetTempPath(), $"digits-bad-{Environment.ProcessId}.csv");
        var good = string.Join(",", Enumerable.Repeat("3", 64)) + ",7";
        var bad = string.Join(",", Enumerable.Repeat("3", 10)) + ",x," + string.Join(",", Enumerable.Repeat("3", 53)) + ",7";
        File.WriteAllLines(path, [good, bad]);
        try
        {
            var e = Assert.Throws<DataFormatException>(() => DigitsCsv.Load(path));
            Assert.Equal(2, e.Row);
            Assert.Equal("pixel10", e.Column);
        }
        finally
        {
            File.Delete(path);
        }
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
        var options = new OptionsReader("study.json", "$.problems[0].options", JsonDocument.Parse("{\"fashion_dir\": \"/nonexistent/fashion\"}").RootElement);
        var settings = new ProblemSettings(Quick: true);
        var problem = new FashionToDigitsFactory().Create(options, settings);
        Assert.Equal("quantum/fashion-to-digits", problem.Name);
        var e = Assert.Throws<ConfigException>(() => problem.Create(new ProblemContext(0, new Core.Random.SeedTree(1), settings)));
        Assert.Contains("dataset-fashion-mnist", e.Message);
        Assert.Contains("fashion_dir", e.JsonPath);
    }

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
