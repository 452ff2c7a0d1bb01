using MathNet.Numerics.LinearAlgebra;
using SciTransfer.Core.Nn;
using SciTransfer.Core.Random;
using SciTransfer.Transfer.FineTuning;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Transfer.Tests.FineTuning;

public class FineTuningStrategyTests
{
    private static StrategyCell Cell(int n) => new(n, Enumerable.Range(0, n).ToArray(), new SeedTree(3), null, default);

    private static double[] Values(Parameter p) => p.Value.Span.ToArray();

    private static double MaxChange(Parameter trained, Parameter source) =>
        Values(trained).Zip(Values(source), (a, b) => Math.Abs(a - b)).Max();

    [Fact]
    public void Bitfit_changes_biases_and_leaves_every_weight_bit_identical()
    {
        var inst = new ToyNetworkInstance();
        new BitFitStrategy().Run(inst, Cell(16));
        var trained = inst.LastModel!;
        for (int l = 0; l < trained.Layers.Count; l++)
        {
            Assert.Equal(Values(inst.Source.Layers[l].Weight), Values(trained.Layers[l].Weight));
            Assert.True(MaxChange(trained.Layers[l].Bias!, inst.Source.Layers[l].Bias!) > 1e-3, $"bias of layer {l} did not train");
        }
    }

    [Fact]
    public void Head_only_trains_the_last_layer_and_freezes_the_rest()
    {
        var inst = new ToyNetworkInstance();
        new HeadOnlyStrategy().Run(inst, Cell(16));
        var trained = inst.LastModel!;
        for (int l = 0; l < 2; l++)
        {
            Assert.Equal(Values(inst.Source.Layers[l].Weight), Values(trained.Layers[l].Weight));
            Assert.Equal(Values(inst.Source.Layers[l].Bias!), Values(trained.Layers[l].Bias!));
        }

        Assert.True(MaxChange(trained.Layers[2].Weight, inst.Source.Layers[2].Weight) > 1e-3);
    }

    [Fact]
    public void Lora_moves_each_weight_by_a_matrix_of_rank_at_most_r_and_keeps_biases()
    {
        var inst = new ToyNetworkInstance();
        var lora = new LoraStrategy { Rank = 2, Alpha = 4 };
        double before = inst.Score(inst.Source).Values["rmse"];
        double after = lora.Run(inst, Cell(24)).Values["rmse"];
        var trained = inst.LastModel!;
        for (int l = 0; l < trained.Layers.Count; l++)
        {
            var w = trained.Layers[l].Weight.Value;
            var ws = inst.Source.Layers[l].Weight.Value;
            var delta = Matrix<double>.Build.Dense(w.Shape[0], w.Shape[1], (i, j) => w[(i * w.Shape[1]) + j] - ws[(i * w.Shape[1]) + j]);
            var sv = delta.Svd(computeVectors: false).S;
            Assert.True(sv[0] > 1e-4, $"layer {l} did not adapt");
            for (int k = 2; k < sv.Count; k++)
            {
                Assert.True(sv[k] < 1e-10 * sv[0], $"layer {l}: singular value {k} is {sv[k]} (rank > 2)");
            }

            Assert.Equal(Values(inst.Source.Layers[l].Bias!), Values(trained.Layers[l].Bias!));
        }

        Assert.True(after < before, $"lora should fit the target better than the untrained source ({after} vs {before})");
    }

    [Fact]
    public void The_l2_sp_hook_adds_alpha_times_the_distance_to_the_source_weights()
    {
        var inst = new ToyNetworkInstance();
        var model = inst.CloneSource();
        var hooks = L2SpStrategy.Penalty(model, 0.3);
        var p = model.Parameters[0];
        double[] start = Values(p);
        p.Value[1] += 2.0;
        p.Value[4] -= 0.5;
        model.ZeroGrad();
        hooks.AfterGradients!();
        Assert.Equal(0.6, p.Grad[1], 14);
        Assert.Equal(-0.15, p.Grad[4], 14);
        Assert.Equal(0.0, p.Grad[0], 14);
        Assert.Equal(start[0], p.Value[0]);
    }

    [Fact]
    public void A_huge_l2_sp_strength_pins_the_network_to_the_source()
    {
        var inst = new ToyNetworkInstance(steps: 60);
        new L2SpStrategy { Grid = [1e6], DefaultAlpha = 1e6 }.Run(inst, Cell(12));
        var pinned = inst.LastModel!;
        new L2SpStrategy { Grid = [0.0], DefaultAlpha = 0 }.Run(inst, Cell(12));
        var free = inst.LastModel!;
        var src = inst.Source.Parameters;
        double pinnedMove = pinned.Parameters.Select((p, k) => MaxChange(p, src[k])).Max();
        double freeMove = free.Parameters.Select((p, k) => MaxChange(p, src[k])).Max();
        // Adam's steps are about the learning rate whatever the gradient's size, so the pinned network jitters around
        // the source at that scale while the free one drifts away.
        Assert.True(pinnedMove < 1e-2 * freeMove, $"pinned moved {pinnedMove}, free {freeMove}");
    }

    [Fact]
    public void Strength_selection_uses_the_fixed_default_below_the_minimum_and_the_held_out_argmin_above()
    {
        Assert.Equal(0.5, StrengthSelection.Choose([0, 1, 2], [1, 2, 3], 0.5, (_, _, _) => throw new InvalidOperationException("must not train")));
        int[] subset = [.. Enumerable.Range(10, 12)];
        var (train, held) = StrengthSelection.Split(subset);
        Assert.Equal(9, train.Length);
        Assert.Equal([19, 20, 21], held);
        double chosen = StrengthSelection.Choose(subset, [0.1, 1, 10], 0.5, (s, tr, ho) =>
        {
            Assert.Equal(train, tr);
            Assert.Equal(held, ho);
            return Math.Abs(Math.Log10(s) - 0.2);
        });
        Assert.Equal(1.0, chosen);
    }

    [Fact]
    public void Every_fine_tuning_strategy_declares_source_and_labels_and_runs_on_the_capability()
    {
        IStrategy[] all = [new L2SpStrategy(), new BitFitStrategy(), new HeadOnlyStrategy(), new LoraStrategy()];
        Assert.Equal(["l2-sp", "bitfit", "head-only", "lora"], all.Select(s => s.Name));
        Assert.All(all, s => Assert.Equal(StrategyNeeds.Source | StrategyNeeds.TargetLabels, s.Needs));
        Assert.All(all, s => Assert.Equal(typeof(IEngineNetworkInstance), s.InstanceType));
    }
}
