using SciTransfer.Core.Nn;
using SciTransfer.Core.Random;
using SciTransfer.HeatSink.Nn;
using SciTransfer.HeatSink.Pinn;
using SciTransfer.HeatSink.Solver;
using SciTransfer.Transfer.FineTuning;

namespace SciTransfer.HeatSink.Tests;

/// <summary>
/// The training hooks of <see cref="PinnTrainer"/> on the PINN loss (sodium physics + sensors): each hook's gradient
/// against central differences of the loss it claims to differentiate, and the frozen/masked parameters left alone.
/// </summary>
public sealed class PinnTrainingHooksTests
{
    private static readonly PinnTask Task = new(
        new HeatSinkCase(HeatSinkGeometry.Default, 1.31),
        new SensorData([0.3, 0.2, 0.1, 1.5, 0.7, 0.4], [1.9, 2.3, 2.0]));

    private static (FieldMlp Net, List<ResidualSet> Sets, double[] Ones) Setup()
    {
        var net = new FieldMlp([2, 6, 5, 1], [0.5, 1.25], [0.5, 1.25], 1.0);
        net.Initialise(new Rng(4));
        var sets = PinnConstraints.Build(Task, 24, 8, new Rng(3));
        return (net, sets, [.. sets.Select(_ => 1.0)]);
    }

    // The PINN loss sum_k L_k (unit weights), forward only.
    private static double PinnLoss(FieldMlp net, List<ResidualSet> sets)
    {
        var losses = new double[sets.Count];
        PinnTrainer.Evaluate(net, sets, new MlpWorkspace(), [.. sets.Select(s => new double[s.Count])], losses, [.. sets.Select(_ => new double[net.ParameterCount])]);
        return losses.Sum();
    }

    // Central difference of f wrt entry i of p.
    private static double Central(Parameter p, int i, Func<double> f)
    {
        const double h = 1e-5;
        var v = p.Value.Span;
        double x = v[i];
        v[i] = x + h;
        double up = f();
        v[i] = x - h;
        double down = f();
        v[i] = x;
        return (up - down) / (2 * h);
    }

    private static void AssertClose(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-6 * (1 + Math.Abs(expected)), $"{what}: finite difference {expected:G10}, hook gradient {actual:G10}");

    [Fact]
    public void The_l2_sp_hook_adds_the_gradient_of_alpha_half_the_squared_distance_to_the_source_weights()
    {
        var (net, sets, ones) = Setup();
        const double alpha = 0.3;
        var hooks = L2SpStrategy.Penalty(net, alpha);
        var anchor = net.Parameters.Select(p => p.Value.ToArray()).ToArray();
        var move = new Rng(9);
        foreach (var p in net.Parameters)
        {
            var v = p.Value.Span;
            for (int i = 0; i < v.Length; i++)
            {
                v[i] += 0.1 * move.Normal();
            }
        }

        // J = PINN loss + alpha/2 sum (w - w_s)^2, the penalty written out here independently of the hook.
        double J()
        {
            double pen = 0;
            for (int k = 0; k < net.Parameters.Count; k++)
            {
                var v = net.Parameters[k].Value.Span;
                for (int i = 0; i < v.Length; i++)
                {
                    pen += (v[i] - anchor[k][i]) * (v[i] - anchor[k][i]);
                }
            }

            return PinnLoss(net, sets) + (alpha / 2 * pen);
        }

        PinnTrainer.Gradient(net, sets, ones, hooks);
        var grads = net.Parameters.Select(p => p.Grad.ToArray()).ToArray();
        for (int k = 0; k < net.Parameters.Count; k++)
        {
            for (int i = 0; i < grads[k].Length; i++)
            {
                AssertClose(Central(net.Parameters[k], i, J), grads[k][i], $"{net.Parameters[k].Name}[{i}]");
            }
        }
    }

    [Fact]
    public void Frozen_weights_and_masked_entries_get_no_update_while_the_trained_biases_follow_the_loss_gradient()
    {
        var (net, sets, ones) = Setup();
        foreach (var p in net.Parameters.Where(p => p.Name.EndsWith("weight", StringComparison.Ordinal)))
        {
            p.Frozen = true;
        }

        var firstBias = net.Layer(0).Bias;
        firstBias.TrainableMask = new Core.Tensors.Tensor(firstBias.Count);
        firstBias.TrainableMask.Span[..3].Fill(1); // entries 3.. stay

        PinnTrainer.Gradient(net, sets, ones, TrainingHooks.None);
        var grads = net.Parameters.ToDictionary(p => p, p => p.Grad.ToArray()); // the difference quotients below overwrite Grad
        foreach (var p in net.Parameters)
        {
            var g = grads[p];
            for (int i = 0; i < g.Length; i++)
            {
                if (p.Frozen)
                {
                    Assert.Equal(0.0, g[i]);
                }
                else
                {
                    AssertClose(Central(p, i, () => PinnLoss(net, sets)), g[i], $"{p.Name}[{i}]");
                }
            }
        }

        var before = net.Parameters.Select(p => p.Value.ToArray()).ToArray();
        int fb = net.Parameters.ToList().IndexOf(firstBias);
        PinnTrainer.Train(net, Task, new PinnTrainingOptions { Steps = 5, InteriorPoints = 24, BoundaryPoints = 8, FrozenLayers = 1 }, new Rng(5));
        for (int k = 0; k < net.Parameters.Count; k++)
        {
            var p = net.Parameters[k];
            var after = p.Value.ToArray();
            if (p.Frozen || p == firstBias)
            {
                // Weights frozen by the caller; layer 0 frozen by FrozenLayers on top (its masked bias too).
                Assert.Equal(before[k], after);
            }
            else
            {
                Assert.NotEqual(before[k], after);
            }
        }

        // The caller's flags survive the run (FrozenLayers is the run's own, undone afterwards).
        Assert.All(net.Parameters, p => Assert.Equal(p.Name.EndsWith("weight", StringComparison.Ordinal), p.Frozen));
        PinnTrainer.Train(net, Task, new PinnTrainingOptions { Steps = 5, InteriorPoints = 24, BoundaryPoints = 8 }, new Rng(5));
        Assert.Equal(before[fb].AsSpan(3).ToArray(), firstBias.Value.ToArray().AsSpan(3).ToArray());
        Assert.NotEqual(before[fb].AsSpan(0, 3).ToArray(), firstBias.Value.ToArray().AsSpan(0, 3).ToArray());
    }

    [Fact]
    public void The_lora_hooks_give_the_gradient_of_the_pinn_loss_wrt_the_adapters_and_keep_updates_low_rank()
    {
        var (net, sets, ones) = Setup();
        var rng = new Rng(6);
        var adapters = new List<LoraLinear>();
        for (int l = 0; l < net.LayerCount; l++)
        {
            var w = net.Layer(l).Weight;
            w.TrainableMask = new Core.Tensors.Tensor(w.Value.Shape.ToArray());
            var a = new LoraLinear(w, Math.Min(2, Math.Min(w.Value.Shape[0], w.Value.Shape[1])), 4, rng);
            rng.FillNormal(a.B.Value.Span, 0.2); // B = 0 at start would make dL/dA vanish; test away from it
            adapters.Add(a);
        }

        foreach (var p in net.Parameters.Where(p => p.Name.EndsWith("bias", StringComparison.Ordinal)))
        {
            p.Frozen = true;
        }

        var hooks = new TrainingHooks
        {
            ExtraParameters = [.. adapters.SelectMany(a => a.Parameters)],
            BeforeStep = () => adapters.ForEach(a => a.MergeInto()),
            AfterGradients = () => adapters.ForEach(a => a.AccumulateAdapterGradients()),
        };
        PinnTrainer.Gradient(net, sets, ones, hooks);
        var grads = hooks.ExtraParameters.ToDictionary(p => p, p => p.Grad.ToArray());
        double J()
        {
            adapters.ForEach(a => a.MergeInto());
            return PinnLoss(net, sets);
        }

        foreach (var p in hooks.ExtraParameters)
        {
            var g = grads[p];
            Assert.Contains(g, x => x != 0);
            for (int i = 0; i < g.Length; i++)
            {
                AssertClose(Central(p, i, J), g[i], $"{p.Name}[{i}]");
            }
        }

        // A short run: the merged weights stay W_s + s A B (rank <= r), the biases do not move.
        var baseWeights = adapters.Select(a => { a.A.Value.Span.Clear(); a.MergeInto(); return a.Weight.Value.ToArray(); }).ToArray();
        rng.FillNormal(adapters[0].A.Value.Span, 0.3);
        var biases = net.Parameters.Where(p => p.Frozen).Select(p => p.Value.ToArray()).ToArray();
        PinnTrainer.Train(net, Task, new PinnTrainingOptions { Steps = 8, InteriorPoints = 24, BoundaryPoints = 8 }, new Rng(7), hooks: hooks);
        Assert.Equal(biases, net.Parameters.Where(p => p.Frozen).Select(p => p.Value.ToArray()).ToArray());
        for (int l = 0; l < adapters.Count; l++)
        {
            var a = adapters[l];
            int rows = a.A.Value.Shape[0], cols = a.B.Value.Shape[1], r = a.Rank;
            var w = a.Weight.Value.Span;
            Assert.NotEqual(baseWeights[l], w.ToArray());
            for (int i = 0; i < rows; i++)
            {
                for (int j = 0; j < cols; j++)
                {
                    double ab = 0;
                    for (int q = 0; q < r; q++)
                    {
                        ab += a.A.Value.Span[(i * r) + q] * a.B.Value.Span[(q * cols) + j];
                    }

                    Assert.Equal(baseWeights[l][(i * cols) + j] + (a.Scaling * ab), w[(i * cols) + j], 12);
                }
            }
        }
    }

    [Fact]
    public void No_hooks_and_a_zero_strength_penalty_train_bit_for_bit_as_before_and_lbfgs_with_hooks_is_refused()
    {
        var (net, _, _) = Setup();
        var options = new PinnTrainingOptions { Steps = 12, InteriorPoints = 24, BoundaryPoints = 8, Balancing = "relobralo" };
        var plain = net.Clone();
        var zero = net.Clone();
        var a = PinnTrainer.Train(plain, Task, options, new Rng(2));
        var b = PinnTrainer.Train(zero, Task, options, new Rng(2), hooks: L2SpStrategy.Penalty(zero, 0));
        Assert.Equal(a.Loss, b.Loss);
        Assert.Equal(plain.Parameters.Select(p => p.Value.ToArray()), zero.Parameters.Select(p => p.Value.ToArray()));
        var e = Assert.Throws<ArgumentException>(() => PinnTrainer.Train(net.Clone(), Task, options with { LbfgsSteps = 2 }, new Rng(2), hooks: L2SpStrategy.Penalty(net, 1)));
        Assert.Contains("L-BFGS", e.Message, StringComparison.Ordinal);
    }
}
