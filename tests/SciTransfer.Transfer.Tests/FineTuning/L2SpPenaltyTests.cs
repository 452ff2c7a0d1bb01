using SciTransfer.Core.Nn;
using SciTransfer.Core.Random;
using SciTransfer.Transfer.FineTuning;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Transfer.Tests.FineTuning;

/// <summary>The L2-SP penalty's gradient against central differences of its formula, and its two limits (alpha = 0, a free head).</summary>
public class L2SpPenaltyTests
{
    private static StrategyCell Cell(int n) => new(n, Enumerable.Range(0, n).ToArray(), new SeedTree(3), null, default);

    private static double[] Values(Parameter p) => p.Value.Span.ToArray();

    /// <summary>alpha/2 sum over non-head (w - w_s)^2 + beta/2 sum over head w^2, written out independently of the hook.</summary>
    private static double PenaltyOf(IReadOnlyList<Parameter> ps, double[][] anchor, HashSet<Parameter> head, double alpha, double beta)
    {
        double total = 0;
        for (int k = 0; k < ps.Count; k++)
        {
            var w = ps[k].Value.Span;
            for (int i = 0; i < w.Length; i++)
            {
                total += head.Contains(ps[k]) ? 0.5 * beta * w[i] * w[i] : 0.5 * alpha * (w[i] - anchor[k][i]) * (w[i] - anchor[k][i]);
            }
        }

        return total;
    }

    [Fact]
    public void The_penalty_gradient_matches_central_differences_of_the_penalty_with_and_without_a_free_head()
    {
        foreach (bool freeHead in new[] { false, true })
        {
            var inst = new ToyNetworkInstance();
            var model = (Mlp)inst.CloneSource();
            var ps = model.Parameters;
            double[][] anchor = [.. ps.Select(Values)];
            var head = freeHead ? new HashSet<Parameter> { model.Layers[^1].Weight, model.Layers[^1].Bias! } : [];
            const double alpha = 0.7, beta = 0.25;
            var hooks = L2SpStrategy.Penalty(model, alpha, head, freeHead ? beta : 0);

            // Move away from the anchor so the gradient is not trivially zero.
            var rng = new Rng(11);
            foreach (var p in ps)
            {
                for (int i = 0; i < p.Value.Length; i++)
                {
                    p.Value[i] += rng.Uniform(-1, 1);
                }
            }

            model.ZeroGrad();
            hooks.AfterGradients!();
            const double h = 1e-5;
            for (int k = 0; k < ps.Count; k++)
            {
                for (int i = 0; i < ps[k].Value.Length; i++)
                {
                    double w0 = ps[k].Value[i];
                    ps[k].Value[i] = w0 + h;
                    double up = PenaltyOf(ps, anchor, head, alpha, beta);
                    ps[k].Value[i] = w0 - h;
                    double down = PenaltyOf(ps, anchor, head, alpha, beta);
                    ps[k].Value[i] = w0;
                    double numeric = (up - down) / (2 * h);
                    Assert.True(Math.Abs(numeric - ps[k].Grad[i]) < 1e-7 * (1 + Math.Abs(numeric)), $"free head {freeHead}, parameter {k}[{i}]: hook {ps[k].Grad[i]}, numeric {numeric}");
                }
            }
        }
    }

    [Fact]
    public void Alpha_zero_is_bit_identical_to_the_plain_fine_tune()
    {
        var inst = new ToyNetworkInstance(steps: 80);
        var cell = Cell(12);
        new L2SpStrategy { Grid = [0.0], DefaultAlpha = 0 }.Run(inst, cell);
        var penalised = inst.LastModel!;
        var plain = inst.CloneSource();
        inst.Train(plain, cell.TargetIndices.Span, TrainingHooks.None, cell.Seeds.Child("train").CreateRng(), default);
        double moved = 0;
        for (int k = 0; k < plain.Parameters.Count; k++)
        {
            Assert.Equal(Values(plain.Parameters[k]), Values(penalised.Parameters[k]));
            moved = Math.Max(moved, Values(plain.Parameters[k]).Zip(Values(inst.Source.Parameters[k]), (a, b) => Math.Abs(a - b)).Max());
        }

        Assert.True(moved > 1e-3, "the plain fine-tune should move the network (else the comparison is empty)");
    }

    [Fact]
    public void A_huge_alpha_with_a_free_head_pins_the_body_and_lets_the_head_train()
    {
        var inst = new ToyNetworkInstance(steps: 60);
        new L2SpStrategy { Grid = [1e6], DefaultAlpha = 1e6, HeadBeta = 0 }.Run(inst, Cell(12));
        var trained = inst.LastModel!;
        double Move(Parameter a, Parameter b) => Values(a).Zip(Values(b), (x, y) => Math.Abs(x - y)).Max();
        double body = Enumerable.Range(0, trained.Layers.Count - 1).Max(l => Move(trained.Layers[l].Weight, inst.Source.Layers[l].Weight));
        double headMove = Move(trained.Layers[^1].Weight, inst.Source.Layers[^1].Weight);
        Assert.True(body < 1e-2 * headMove, $"body moved {body}, head {headMove}");
    }
}
