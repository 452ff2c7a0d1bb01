using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Nn;
using SciTransfer.Core.Random;
using SciTransfer.Core.Tensors;

namespace SciTransfer.Core.Tests.Nn;

public class ParameterIOTests
{
    [Fact]
    public void Save_then_load_round_trips_every_bit_including_special_values()
    {
        var net = new Mlp("net", [3, 5, 2], Activation.Tanh, new Rng(1));
        var lstm = new Lstm("lstm", 2, 3, new Rng(2));
        net.Layers[0].Bias!.Value[0] = double.NaN;
        net.Layers[0].Bias!.Value[1] = -0.0;
        net.Layers[0].Bias!.Value[2] = double.Epsilon;
        net.Layers[0].Bias!.Value[3] = double.NegativeInfinity;
        var all = net.Parameters.Concat(lstm.Parameters).ToArray();
        var before = all.Select(p => p.Value.Span.ToArray().Select(BitConverter.DoubleToInt64Bits).ToArray()).ToArray();
        using var stream = new MemoryStream();
        ParameterIO.Save(stream, all);

        var net2 = new Mlp("net", [3, 5, 2], Activation.Tanh, new Rng(99));
        var lstm2 = new Lstm("lstm", 2, 3, new Rng(98));
        var all2 = net2.Parameters.Concat(lstm2.Parameters).ToArray();
        stream.Position = 0;
        ParameterIO.Load(stream, "memory", all2);
        for (int k = 0; k < all.Length; k++)
        {
            Assert.Equal(before[k], all2[k].Value.Span.ToArray().Select(BitConverter.DoubleToInt64Bits).ToArray());
        }
    }

    [Fact]
    public void A_loaded_model_predicts_exactly_like_the_saved_one()
    {
        string path = Path.Combine(Path.GetTempPath(), $"scitransfer-params-{Environment.ProcessId}-{Guid.NewGuid():N}.bin");
        try
        {
            var net = new Mlp("m", [2, 7, 1], Activation.Sigmoid, new Rng(3));
            ParameterIO.Save(path, net.Parameters);
            var copy = new Mlp("m", [2, 7, 1], Activation.Sigmoid, new Rng(4));
            ParameterIO.Load(path, copy.Parameters);
            var x = Tensor.FromArray([0.3, -0.2, 1.5, 0.7], 2, 2);
            var t1 = new Tape();
            var t2 = new Tape();
            Assert.Equal(net.Forward(t1, t1.Constant(x)).Value.Span.ToArray(), copy.Forward(t2, t2.Constant(x)).Value.Span.ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Loading_into_a_differently_shaped_model_names_the_parameter_and_both_shapes()
    {
        var net = new Mlp("m", [2, 7, 1], Activation.Tanh, new Rng(5));
        using var stream = new MemoryStream();
        ParameterIO.Save(stream, net.Parameters);
        stream.Position = 0;
        var other = new Mlp("m", [2, 6, 1], Activation.Tanh, new Rng(6));
        var e = Assert.Throws<InvalidDataException>(() => ParameterIO.Load(stream, "source.bin", other.Parameters));
        Assert.Contains("source.bin", e.Message, StringComparison.Ordinal);
        Assert.Contains("m.0.weight", e.Message, StringComparison.Ordinal);
        Assert.Contains("[2, 7]", e.Message, StringComparison.Ordinal);
        Assert.Contains("[2, 6]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_or_foreign_file_is_rejected_with_its_name()
    {
        var net = new Mlp("m", [2, 3, 1], Activation.Tanh, new Rng(7));
        using var stream = new MemoryStream();
        ParameterIO.Save(stream, net.Parameters);
        var bytes = stream.ToArray();
        var e1 = Assert.Throws<InvalidDataException>(() => ParameterIO.Read(new MemoryStream(bytes[..^5]), "cut.bin"));
        Assert.Contains("cut.bin", e1.Message, StringComparison.Ordinal);
        bytes[0] = (byte)'X';
        var e2 = Assert.Throws<InvalidDataException>(() => ParameterIO.Read(new MemoryStream(bytes), "bad.bin"));
        Assert.Contains("magic", e2.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Copying_parameters_between_modules_is_exact_and_independent()
    {
        var source = new Lstm("lstm", 3, 4, new Rng(10));
        var copy = new Lstm("lstm", 3, 4, new Rng(11));
        copy.CopyParametersFrom(source);
        for (int k = 0; k < source.Parameters.Count; k++)
        {
            Assert.Equal(source.Parameters[k].Value.ToArray(), copy.Parameters[k].Value.ToArray());
        }

        copy.Bias.Value[0] += 1;
        Assert.NotEqual(source.Bias.Value[0], copy.Bias.Value[0]);
        var other = new Lstm("lstm", 3, 5, new Rng(12));
        var e = Assert.Throws<ArgumentException>(() => other.CopyParametersFrom(source));
        Assert.Contains("lstm.weight_ih", e.Message, StringComparison.Ordinal);
    }
}
