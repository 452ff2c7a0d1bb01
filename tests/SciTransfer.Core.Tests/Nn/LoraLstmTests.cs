using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Nn;
using SciTransfer.Core.Random;
using SciTransfer.Core.Tensors;
using SciTransfer.Core.Tests.Autodiff;

namespace SciTransfer.Core.Tests.Nn;

public class LoraLstmTests
{
    private const int In = 3, H = 4, Rank = 2;

    private static (Lstm Layer, LoraLstm Lora, Tensor X) Make()
    {
        var rng = new Rng(11);
        var layer = new Lstm("lstm", In, H, rng);
        rng.FillNormal(layer.Bias.Value.Span, 0.4);
        var lora = new LoraLstm(layer, Rank, alpha: 3, rng);
        return (layer, lora, GradCheck.Random(new Rng(5), -1, 1, 2, 6, In));
    }

    private static void RandomiseB(LoraLstm lora)
    {
        var rng = new Rng(21);
        rng.FillNormal(lora.Input.B.Value.Span, 0.4);
        rng.FillNormal(lora.Recurrent.B.Value.Span, 0.4);
    }

    /// <summary>W0 + s A B by explicit loops, row-major [rows, cols].</summary>
    private static double[] Merged(double[] w0, LoraLinear a, int rows, int cols)
    {
        var w = (double[])w0.Clone();
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                double ab = 0;
                for (int r = 0; r < a.Rank; r++)
                {
                    ab += a.A.Value[(i * a.Rank) + r] * a.B.Value[(r * cols) + j];
                }

                w[(i * cols) + j] += a.Scaling * ab;
            }
        }

        return w;
    }

    [Fact]
    public void The_adapters_have_r_times_rows_plus_4H_parameters_each()
    {
        var (_, lora, _) = Make();
        Assert.Equal((Rank * (In + (4 * H))) + (Rank * (H + (4 * H))), lora.ParameterCount());
        Assert.Equal(1.5, lora.Input.Scaling);
        Assert.All(lora.Input.B.Value.Span.ToArray().Concat(lora.Recurrent.B.Value.Span.ToArray()), b => Assert.Equal(0.0, b));
    }

    [Fact]
    public void At_step_zero_the_adapted_lstm_equals_the_source_lstm_bit_for_bit()
    {
        var (layer, lora, x) = Make();
        var tape = new Tape();
        var h0 = layer.Forward(tape, tape.Constant(x)).Value.Span.ToArray();
        var h1 = lora.Forward(tape, tape.Constant(x)).Value.Span.ToArray();
        Assert.Equal(h0, h1);
    }

    [Fact]
    public void Forward_equals_an_lstm_whose_matrices_are_the_hand_merged_W_plus_s_A_B()
    {
        var (layer, lora, x) = Make();
        RandomiseB(lora);
        var merged = new Lstm("merged", In, H, new Rng(1));
        Merged(layer.WeightInput.Value.Span.ToArray(), lora.Input, In, 4 * H).CopyTo(merged.WeightInput.Value.Span);
        Merged(layer.WeightHidden.Value.Span.ToArray(), lora.Recurrent, H, 4 * H).CopyTo(merged.WeightHidden.Value.Span);
        merged.Bias.Value.CopyFrom(layer.Bias.Value);
        var tape = new Tape();
        var expected = merged.Forward(tape, tape.Constant(x)).Value;
        var actual = lora.Forward(tape, tape.Constant(x)).Value;
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 13);
        }

        // The base layer itself is left as it was.
        var h0 = layer.Forward(tape, tape.Constant(x)).Value;
        Assert.NotEqual(h0[0], actual[0]);
    }

    [Fact]
    public void Adapter_gradients_pass_a_central_difference_gradcheck()
    {
        var (_, lora, x) = Make();
        RandomiseB(lora);
        double err = ParamGradCheck.MaxRelativeError(lora.Parameters, tape => GradCheck.WeightedSum(lora.Forward(tape, tape.Constant(x)), 3));
        Assert.True(err < 1e-6, $"relative error {err}");
    }

    [Fact]
    public void Input_gradients_pass_a_central_difference_gradcheck()
    {
        var (_, lora, x) = Make();
        RandomiseB(lora);
        double err = GradCheck.MaxRelativeError((tape, v) => GradCheck.WeightedSum(lora.Forward(tape, v[0]), 4), [x]);
        Assert.True(err < 1e-6, $"relative error {err}");
    }

    [Fact]
    public void Merging_into_the_base_lstm_and_mapping_its_weight_gradients_gives_the_tape_paths_adapter_gradients()
    {
        var (layer, lora, x) = Make();
        RandomiseB(lora);
        var tape = new Tape();
        tape.Backward(GradCheck.WeightedSum(lora.Forward(tape, tape.Constant(x)), 7));
        var expected = lora.Parameters.Select(p => p.Grad.Span.ToArray()).ToArray();
        foreach (var p in lora.Parameters)
        {
            p.ZeroGrad();
        }

        // The route a training loop with its own forward takes: merged weights in the base layer, gradient mapped after.
        lora.Input.MergeInto();
        lora.Recurrent.MergeInto();
        layer.Bias.Frozen = true;
        var t2 = new Tape();
        t2.Backward(GradCheck.WeightedSum(layer.Forward(t2, t2.Constant(x)), 7));
        lora.Input.AccumulateAdapterGradients();
        lora.Recurrent.AccumulateAdapterGradients();
        for (int k = 0; k < expected.Length; k++)
        {
            for (int i = 0; i < expected[k].Length; i++)
            {
                Assert.Equal(expected[k][i], lora.Parameters[k].Grad[i], 12);
            }
        }
    }
}
