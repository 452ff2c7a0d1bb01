using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Nn;
using SciTransfer.Core.Random;
using SciTransfer.Core.Tensors;
using SciTransfer.Core.Tests.Autodiff;

namespace SciTransfer.Core.Tests.Nn;

public class LstmTests
{
    private static Lstm MakeLstm(int nIn, int h, ulong seed)
    {
        var lstm = new Lstm("lstm", nIn, h, new Rng(seed));
        var rng = new Rng(seed + 100);
        foreach (var v in lstm.Bias.Value.Span.ToArray().Select((_, i) => i))
        {
            lstm.Bias.Value[v] = rng.Uniform(-0.5, 0.5);
        }

        return lstm;
    }

    /// <summary>Plain scalar LSTM, one step at a time, with bias shifts (independent of the fused node).</summary>
    private static double[,,] Reference(Lstm lstm, Tensor x, double shiftI = 0, double shiftF = 0)
    {
        int bsz = x.Dim(0), steps = x.Dim(1), nIn = x.Dim(2), h = lstm.HiddenSize;
        var wx = lstm.WeightInput.Value;
        var wh = lstm.WeightHidden.Value;
        var b = lstm.Bias.Value;
        var outH = new double[bsz, steps, h];
        static double Sig(double z) => 1 / (1 + Math.Exp(-z));
        for (int bi = 0; bi < bsz; bi++)
        {
            var hPrev = new double[h];
            var cPrev = new double[h];
            for (int t = 0; t < steps; t++)
            {
                var hNew = new double[h];
                var cNew = new double[h];
                for (int j = 0; j < h; j++)
                {
                    var a = new double[4];
                    for (int gate = 0; gate < 4; gate++)
                    {
                        int col = (gate * h) + j;
                        double s = b[col] + (gate == 0 ? shiftI : 0) + (gate == 1 ? shiftF : 0);
                        for (int k = 0; k < nIn; k++)
                        {
                            s += x[(((bi * steps) + t) * nIn) + k] * wx[k, col];
                        }

                        for (int k = 0; k < h; k++)
                        {
                            s += hPrev[k] * wh[k, col];
                        }

                        a[gate] = s;
                    }

                    double i = Sig(a[0]), f = Sig(a[1]), g = Math.Tanh(a[2]), o = Sig(a[3]);
                    cNew[j] = (f * cPrev[j]) + (i * g);
                    hNew[j] = o * Math.Tanh(cNew[j]);
                }

                for (int j = 0; j < h; j++)
                {
                    outH[bi, t, j] = hNew[j];
                }

                hPrev = hNew;
                cPrev = cNew;
            }
        }

        return outH;
    }

    [Fact]
    public void Lstm_parameter_count_is_four_h_times_in_plus_h_plus_one()
    {
        var lstm = new Lstm("l", 10, 64, new Rng(1));
        Assert.Equal(4 * 64 * (10 + 64 + 1), lstm.ParameterCount());
        Assert.All(lstm.GateBias(LstmGate.Forget).ToArray(), v => Assert.Equal(1.0, v));
        Assert.All(lstm.GateBias(LstmGate.Input).ToArray(), v => Assert.Equal(0.0, v));
    }

    [Theory]
    [InlineData(3, 9, 7)]
    [InlineData(1, 30, 16)]
    [InlineData(10, 1, 8)]
    [InlineData(17, 4, 64)]
    public void Lstm_hidden_states_equal_a_step_by_step_reference(int batch, int steps, int hidden)
    {
        var lstm = MakeLstm(5, hidden, 2);
        var x = GradCheck.Random(new Rng(3), -1, 1, batch, steps, 5);
        var tape = new Tape();
        var y = lstm.Forward(tape, tape.Constant(x)).Value;
        var r = Reference(lstm, x);
        Assert.Equal([batch, steps, hidden], y.Shape.ToArray());
        for (int b = 0; b < batch; b++)
        {
            for (int t = 0; t < steps; t++)
            {
                for (int j = 0; j < hidden; j++)
                {
                    Assert.Equal(r[b, t, j], y[b, t, j], 1e-13);
                }
            }
        }
    }

    [Fact]
    public void Lstm_with_gate_shifts_equals_the_reference_with_shifted_biases()
    {
        var lstm = MakeLstm(4, 6, 4);
        var x = GradCheck.Random(new Rng(5), -1, 1, 2, 7, 4);
        var tape = new Tape();
        var y = lstm.Forward(tape, tape.Constant(x), tape.Scalar(-1.3), tape.Scalar(2.1)).Value;
        var r = Reference(lstm, x, -1.3, 2.1);
        for (int i = 0; i < y.Length; i++)
        {
            Assert.Equal(r[i / (7 * 6), (i / 6) % 7, i % 6], y[i], 1e-13);
        }
    }

    [Theory]
    [InlineData(2, 5)]
    [InlineData(1, 1)]
    [InlineData(1, 7)]
    [InlineData(9, 1)]
    public void Lstm_parameter_gradients_match_finite_differences(int batch, int steps)
    {
        var lstm = MakeLstm(3, 4, 6);
        var x = GradCheck.Random(new Rng(7), -1, 1, batch, steps, 3);
        double err = ParamGradCheck.MaxRelativeError(lstm.Parameters, tape => GradCheck.WeightedSum(lstm.Forward(tape, tape.Constant(x)), 8));
        Assert.True(err < 1e-6, $"relative error {err:E2}");
    }

    [Fact]
    public void Lstm_input_and_gate_shift_gradients_match_finite_differences()
    {
        var lstm = MakeLstm(3, 4, 9);
        var x = GradCheck.Random(new Rng(10), -1, 1, 2, 6, 3);
        double err = GradCheck.MaxRelativeError(
            (tape, v) => GradCheck.WeightedSum(lstm.Forward(tape, v[0], v[1], v[2]), 11),
            [x, Tensor.Scalar(0.4), Tensor.Scalar(-0.7)]);
        Assert.True(err < 1e-6, $"relative error {err:E2}");
    }

    [Fact]
    public void Frozen_lstm_weights_receive_no_gradient_while_the_bias_still_does()
    {
        var lstm = MakeLstm(3, 4, 12);
        lstm.WeightInput.Frozen = true;
        lstm.WeightHidden.Frozen = true;
        var x = GradCheck.Random(new Rng(13), -1, 1, 2, 4, 3);
        double err = ParamGradCheck.MaxRelativeError(lstm.Parameters, tape => GradCheck.WeightedSum(lstm.Forward(tape, tape.Constant(x)), 14));
        Assert.True(err < 1e-6, $"relative error {err:E2}");
        Assert.All(lstm.WeightInput.Grad.Span.ToArray(), g => Assert.Equal(0.0, g));
        Assert.All(lstm.WeightHidden.Grad.Span.ToArray(), g => Assert.Equal(0.0, g));
        Assert.Contains(lstm.Bias.Grad.Span.ToArray(), g => g != 0.0);
        Assert.Equal(16, lstm.TrainableParameterCount());
    }

    [Fact]
    public void Masked_sequence_loss_through_lstm_and_head_matches_finite_differences()
    {
        var lstm = MakeLstm(2, 3, 15);
        var head = new Linear("head", 3, 1, new Rng(16));
        var x = GradCheck.Random(new Rng(17), -1, 1, 2, 5, 2);
        var y = GradCheck.Random(new Rng(18), -1, 1, 2, 5, 1);
        var mask = new Tensor(2, 5, 1);
        for (int i = 0; i < mask.Length; i++)
        {
            mask[i] = i % 3 == 0 ? 0 : 1;
            y[i] = mask[i] == 0 ? double.NaN : y[i];
        }

        var ps = lstm.Parameters.Concat(head.Parameters).ToArray();
        double err = ParamGradCheck.MaxRelativeError(ps, tape =>
            Ops.MaskedMseLoss(head.Forward(tape, lstm.Forward(tape, tape.Constant(x))), tape.Constant(y), mask));
        Assert.True(err < 1e-6, $"relative error {err:E2}");
    }
}
