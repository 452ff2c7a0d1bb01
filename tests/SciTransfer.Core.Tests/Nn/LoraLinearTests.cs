using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Nn;
using SciTransfer.Core.Random;
using SciTransfer.Core.Tensors;
using SciTransfer.Core.Tests.Autodiff;

namespace SciTransfer.Core.Tests.Nn;

public class LoraLinearTests
{
    private static (Linear Layer, LoraLinear Lora, Tensor X) Make(int rank = 2)
    {
        var rng = new Rng(4);
        var layer = new Linear("l", 5, 3, rng);
        rng.FillNormal(layer.Bias!.Value.Span, 0.3);
        var lora = new LoraLinear(layer, rank, alpha: 4, rng);
        return (layer, lora, GradCheck.Random(new Rng(9), -1, 1, 7, 5));
    }

    [Fact]
    public void The_adapter_has_r_times_in_plus_out_parameters_and_starts_as_the_base_layer()
    {
        var (layer, lora, x) = Make();
        Assert.Equal(2 * (5 + 3), lora.ParameterCount());
        Assert.Equal(2.0, lora.Scaling);
        var tape = new Tape();
        var y0 = layer.Forward(tape, tape.Constant(x)).Value;
        var y1 = lora.Forward(tape, tape.Constant(x)).Value;
        for (int i = 0; i < y0.Length; i++)
        {
            Assert.Equal(y0[i], y1[i], 15);
        }
    }

    [Fact]
    public void Forward_equals_x_times_base_plus_scaled_low_rank_product_computed_by_hand()
    {
        var (layer, lora, x) = Make();
        new Rng(2).FillNormal(lora.B.Value.Span, 0.5);
        var tape = new Tape();
        var y = lora.Forward(tape, tape.Constant(x)).Value;
        for (int n = 0; n < 7; n++)
        {
            for (int o = 0; o < 3; o++)
            {
                double expected = layer.Bias!.Value[o];
                for (int i = 0; i < 5; i++)
                {
                    double ab = 0;
                    for (int r = 0; r < 2; r++)
                    {
                        ab += lora.A.Value[(i * 2) + r] * lora.B.Value[(r * 3) + o];
                    }

                    expected += x[(n * 5) + i] * (layer.Weight.Value[(i * 3) + o] + (2.0 * ab));
                }

                Assert.Equal(expected, y[(n * 3) + o], 12);
            }
        }
    }

    [Fact]
    public void Adapter_gradients_pass_a_central_difference_gradcheck()
    {
        var (_, lora, x) = Make();
        new Rng(2).FillNormal(lora.B.Value.Span, 0.5);
        double err = ParamGradCheck.MaxRelativeError(lora.Parameters, tape => Ops.Sum(Ops.Square(Ops.Tanh(lora.Forward(tape, tape.Constant(x))))));
        Assert.True(err < 1e-6, $"relative error {err}");
    }

    [Fact]
    public void The_merged_path_gives_the_same_weight_and_adapter_gradients_as_the_tape_path()
    {
        var (layer, lora, x) = Make();
        new Rng(2).FillNormal(lora.B.Value.Span, 0.5);
        Var Loss(Tape tape, Var y) => Ops.Sum(Ops.Square(Ops.Tanh(y)));

        var tape = new Tape();
        tape.Backward(Loss(tape, lora.Forward(tape, tape.Constant(x))));
        double[] ga = lora.A.Grad.Span.ToArray(), gb = lora.B.Grad.Span.ToArray();
        lora.A.ZeroGrad();
        lora.B.ZeroGrad();

        lora.MergeInto();
        var t2 = new Tape();
        layer.Weight.ZeroGrad();
        t2.Backward(Loss(t2, layer.Forward(t2, t2.Constant(x))));
        lora.AccumulateAdapterGradients();
        for (int i = 0; i < ga.Length; i++)
        {
            Assert.Equal(ga[i], lora.A.Grad[i], 12);
        }

        for (int i = 0; i < gb.Length; i++)
        {
            Assert.Equal(gb[i], lora.B.Grad[i], 12);
        }
    }

    [Fact]
    public void A_rank_above_the_smaller_dimension_is_refused()
    {
        var layer = new Linear("l", 5, 3, new Rng(1));
        var e = Assert.Throws<ArgumentException>(() => new LoraLinear(layer, 4, 4, new Rng(1)));
        Assert.Contains("rank 4", e.Message, StringComparison.Ordinal);
    }
}
