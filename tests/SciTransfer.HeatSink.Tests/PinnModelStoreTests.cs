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
        for (int i = 0; i < net.Parameters.Count; i++)
        {
            Assert.Equal(net.Parameters[i].Name, back.Parameters[i].Name);
            Assert.Equal(net.Parameters[i].Value.ToArray(), back.Parameters[i].Value.ToArray());
        }

        double[] pts = [0.1, 0.2, 0.9, 2.4, 0.33, 1.7];
        var a = new MlpWorkspace();
        var b = new MlpWorkspace();
        net.Forward(pts, 3, DerivativeOrder.Laplacian, a);
        back.Forward(pts, 3, DerivativeOrder.Laplacian, b);
        Assert.Equal(a.Output.ToArray(), b.Output.ToArray());
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
        var before = new double[restored.ParameterCount];
        restored.CopyValuesTo(before);
        var task = new PinnTask(new Solver.HeatSinkCase(HeatSinkGeometry.Default, 1.0), SensorData.Empty);
        PinnTrainer.Train(restored, task, new PinnTrainingOptions { Steps = 20, InteriorPoints = 16, BoundaryPoints = 8, FrozenLayers = 1 }, new Rng(2));
        var after = new double[restored.ParameterCount];
        restored.CopyValuesTo(after);
        int length = restored.Layer(0).Weight.Count + restored.Layer(0).Bias.Count;
        Assert.Equal(before.AsSpan(0, length).ToArray(), after.AsSpan(0, length).ToArray());
        Assert.NotEqual(before.AsSpan(length).ToArray(), after.AsSpan(length).ToArray());
    }

    [Fact]
    public void A_format_1_file_with_weights_stored_out_by_in_loads_as_the_same_function()
    {
        // u(x) = v . tanh(W x_hat + c) + e with x_hat = (x - 0.5) / 2, W stored row by row as [out, in] (format 1).
        double[,] w = { { 0.3, -0.7 }, { 1.1, 0.4 } };
        double[] c = [0.05, -0.2];
        double[] v = [0.9, -1.3];
        const double e = 0.25;
        string json = "{\"format\":\"scitransfer-heat-sink-mlp/1\",\"sizes\":[2,2,1],\"input_centre\":[0.5,0.5],\"input_scale\":[2,2],"
            + "\"parameters\":[0.3,-0.7,1.1,0.4,0.05,-0.2,0.9,-1.3,0.25]}";
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        var net = PinnModelStore.Load(stream, "v1.json");
        double[] pts = [0.1, 0.7, 1.6, -0.4];
        var ws = new MlpWorkspace();
        net.Forward(pts, 2, DerivativeOrder.Value, ws);
        for (int b = 0; b < 2; b++)
        {
            double x0 = (pts[2 * b] - 0.5) / 2;
            double x1 = (pts[(2 * b) + 1] - 0.5) / 2;
            double u = e;
            for (int o = 0; o < 2; o++)
            {
                u += v[o] * Math.Tanh((w[o, 0] * x0) + (w[o, 1] * x1) + c[o]);
            }

            Assert.Equal(u, ws.Output[b], 12);
        }
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
