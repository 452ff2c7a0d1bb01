using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Nn;
using SciTransfer.Core.Random;
using SciTransfer.Transfer.Adaptation;
using SciTransfer.Transfer.Strategies;
using SciTransfer.Transfer.Tests.FineTuning;

namespace SciTransfer.Transfer.Tests.Adaptation;

public class FeatureAdaptationTests
{
    private static StrategyCell Cell(int n) => new(n, Enumerable.Range(0, n).ToArray(), new SeedTree(3), null, default);

    private static (double Coral, double Mmd) Discrepancy(ToyNetworkInstance inst)
    {
        var (s, t) = inst.Features(inst.LastModel!);
        var tape = new Tape();
        return (DomainLosses.Coral(tape.Constant(s), tape.Constant(t)).Item, DomainLosses.Mmd(tape.Constant(s), tape.Constant(t)).Item);
    }

    [Fact]
    public void Deep_coral_training_leaves_smaller_feature_covariance_gap_than_training_without_it()
    {
        var inst = new ToyNetworkInstance(steps: 120);
        new DeepCoralStrategy { Lambda = 0 }.Run(inst, Cell(0));
        double plain = Discrepancy(inst).Coral;
        new DeepCoralStrategy { Lambda = 100 }.Run(inst, Cell(0));
        double aligned = Discrepancy(inst).Coral;
        Assert.True(aligned < 0.5 * plain, $"CORAL distance {aligned} with the loss vs {plain} without");
    }

    [Fact]
    [Trait("Category", "Slow")] // fast tier < 1 min: this test alone takes 7-30 s on 2 cores
    public void Mmd_training_leaves_a_smaller_feature_mmd_than_training_without_it()
    {
        var inst = new ToyNetworkInstance(steps: 120);
        new MmdStrategy { Lambda = 0 }.Run(inst, Cell(0));
        double plain = Discrepancy(inst).Mmd;
        new MmdStrategy { Lambda = 10 }.Run(inst, Cell(0));
        double aligned = Discrepancy(inst).Mmd;
        Assert.True(aligned < 0.5 * plain, $"MMD {aligned} with the loss vs {plain} without");
    }

    [Fact]
    public void Dann_schedule_rises_from_zero_to_one_as_in_the_paper()
    {
        Assert.Equal(0.0, DannStrategy.Schedule(0), 15);
        Assert.Equal((2 / (1 + Math.Exp(-5))) - 1, DannStrategy.Schedule(0.5), 15);
        Assert.InRange(DannStrategy.Schedule(1), 0.9999, 1.0);
    }

    [Fact]
    public void Dann_confuses_the_domains_more_than_training_without_reversal()
    {
        var inst = new ToyNetworkInstance(steps: 300);
        new DannStrategy { Lambda = 0 }.Run(inst, Cell(4));
        double plain = Discrepancy(inst).Mmd;
        var result = new DannStrategy { Lambda = 5 }.Run(inst, Cell(4));
        double adversarial = Discrepancy(inst).Mmd;
        Assert.True(double.IsFinite(result.Values["rmse"]));
        Assert.True(adversarial < 0.85 * plain, $"feature MMD {adversarial} with reversal vs {plain} without");
    }

    [Fact]
    public void Feature_level_strategies_declare_source_unlabelled_target_and_labels()
    {
        IStrategy[] all = [new DeepCoralStrategy(), new MmdStrategy(), new DannStrategy()];
        Assert.Equal(["deep-coral", "mmd", "dann"], all.Select(s => s.Name));
        Assert.All(all, s => Assert.Equal(StrategyNeeds.Source | StrategyNeeds.UnlabelledTarget | StrategyNeeds.TargetLabels, s.Needs));
    }
}
