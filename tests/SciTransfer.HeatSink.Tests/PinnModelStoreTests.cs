using SciTransfer.Core.Random;
using SciTransfer.HeatSink.Nn;
using SciTransfer.HeatSink.Pinn;

namespace SciTransfer.HeatSink.Tests;

public sealed class PinnModelStoreTests
{
    [Fact]
    public void Saved_and_restored_model_reproduces_every_output_bit_for_bit()
    {
        var net = new FieldMlp([2, 9, 9, 1], [0.5, 1.25], [0.5, 1.25], mirrorPeriod: 1.0);
        net.Initialise(new Rng(42));
        using var stream = new MemoryStream();
        PinnModelStore.Save(net, stream);
        stream.Position = 0;
        var back = PinnModelStore.Load(stream);
        Assert.Equal(net.Sizes, back.Sizes);
        Assert.Equal(net.MirrorPeriod, back.MirrorPeriod);
        Assert.Equal(net.Parameters, back.Parameters);
        double[] pts = [0.1, 0.2, 0.9, 2.4, 0.33, 1.7];
        var a = new MlpWorkspace();
        var b = new MlpWorkspace();
        net.Forward(pts, 3, DerivativeOrder.Laplacian, a);
        back.Forward(pts, 3, DerivativeOrder.Laplacian, b);
        Assert.Equal(a.Output, b.Output);
    }

    [Fact]
    public void Restored_model_trains_on_with_a_fresh_optimizer_and_frozen_layers_stay_put()
    {
        var net = new FieldMlp([2, 6, 6, 1], [0.5, 1.25], [0.5, 1.25]);
        net.Initialise(new Rng(1));
        using var stream = new MemoryStream();
        PinnModelStore.Save(net, stream);
        stream.Position = 0;
        var restored = PinnModelStore.Load(stream);
        var before = (double[])restored.Parameters.Clone();
        var task = new PinnTask(new Solver.HeatSinkCase(HeatSinkGeometry.Default, 1.0), SensorData.Empty);
        PinnTrainer.Train(restored, task, new PinnTrainingOptions { Steps = 20, InteriorPoints = 16, BoundaryPoints = 8, FrozenLayers = 1 }, new Rng(2));
        var (start, length) = restored.LayerRange(0);
        Assert.Equal(before.AsSpan(start, length).ToArray(), restored.Parameters.AsSpan(start, length).ToArray());
        Assert.NotEqual(before.AsSpan(length).ToArray(), restored.Parameters.AsSpan(length).ToArray());
    }

    [Fact]
    public void Loading_a_file_with_the_wrong_parameter_count_names_the_problem()
    {
        using var stream = new MemoryStream("{\"format\":\"scitransfer-heat-sink-mlp/1\",\"sizes\":[2,3,1],\"input_centre\":[0,0],\"input_scale\":[1,1],\"parameters\":[1,2]}"u8.ToArray());
        var e = Assert.Throws<InvalidDataException>(() => PinnModelStore.Load(stream, "model.json"));
        Assert.Contains("model.json", e.Message, StringComparison.Ordinal);
        Assert.Contains("13", e.Message, StringComparison.Ordinal);
    }
}
