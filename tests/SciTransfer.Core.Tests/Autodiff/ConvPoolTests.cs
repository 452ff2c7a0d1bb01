using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Nn;
using SciTransfer.Core.Random;
using SciTransfer.Core.Tensors;

namespace SciTransfer.Core.Tests.Autodiff;

public class ConvPoolTests
{
    private const double Tol = 1e-6;

    private static Tensor R(ulong seed, params int[] shape) => GradCheck.Random(new Rng(seed), -1, 1, shape);

    private static void Check(Func<Tape, Var[], Var> op, params Tensor[] inputs)
    {
        double err = GradCheck.MaxRelativeError((t, v) => GradCheck.WeightedSum(op(t, v), 77), inputs);
        Assert.True(err < Tol, $"relative gradient error {err:E2}");
    }

    // The definition, written as loops: y[n,o,oy,ox] = b[o] + sum w[o,c,i,j] x[n,c,oy*s+i-p,ox*s+j-p].
    private static double[] DirectConv(Tensor x, Tensor w, Tensor? b, int s, int p)
    {
        int n = x.Dim(0), c = x.Dim(1), h = x.Dim(2), wd = x.Dim(3), o = w.Dim(0), kh = w.Dim(2), kw = w.Dim(3);
        int ho = ((h + (2 * p) - kh) / s) + 1, wo = ((wd + (2 * p) - kw) / s) + 1;
        var y = new double[n * o * ho * wo];
        for (int a = 0; a < n; a++)
        {
            for (int q = 0; q < o; q++)
            {
                for (int oy = 0; oy < ho; oy++)
                {
                    for (int ox = 0; ox < wo; ox++)
                    {
                        double sum = b?[q] ?? 0;
                        for (int ch = 0; ch < c; ch++)
                        {
                            for (int i = 0; i < kh; i++)
                            {
                                for (int j = 0; j < kw; j++)
                                {
                                    int iy = (oy * s) + i - p, ix = (ox * s) + j - p;
                                    if (iy >= 0 && iy < h && ix >= 0 && ix < wd)
                                    {
                                        sum += w.Data[(((q * c) + ch) * kh * kw) + (i * kw) + j] * x.Data[(((a * c) + ch) * h * wd) + (iy * wd) + ix];
                                    }
                                }
                            }
                        }

                        y[(((a * o) + q) * ho * wo) + (oy * wo) + ox] = sum;
                    }
                }
            }
        }

        return y;
    }

    [Theory]
    [InlineData(2, 3, 7, 6, 4, 3, 1, 0)]
    [InlineData(1, 1, 28, 28, 6, 5, 1, 0)]
    [InlineData(3, 2, 9, 8, 5, 3, 2, 1)]
    [InlineData(2, 4, 5, 5, 2, 5, 1, 2)]
    public void Conv2d_forward_equals_the_direct_sum_with_stride_and_padding(int n, int c, int h, int w, int o, int k, int s, int p)
    {
        var x = R(1, n, c, h, w);
        var wt = R(2, o, c, k, k);
        var b = R(3, o);
        var tape = new Tape();
        var y = Ops.Conv2d(tape.Constant(x), tape.Constant(wt), tape.Constant(b), s, p);
        var expected = DirectConv(x, wt, b, s, p);
        Assert.Equal(expected.Length, y.Value.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - y.Value[i]) < 1e-12, $"element {i}: {y.Value[i]} vs {expected[i]}");
        }
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(1, 2)]
    public void Conv2d_gradients_for_input_weight_and_bias_match_finite_differences(int stride, int padding)
    {
        Check((t, v) => Ops.Conv2d(v[0], v[1], v[2], stride, padding), R(4, 2, 3, 6, 5), R(5, 4, 3, 3, 3), R(6, 4));
        Check((t, v) => Ops.Conv2d(v[0], v[1], null, stride, padding), R(7, 1, 2, 5, 5), R(8, 3, 2, 2, 2));
    }

    [Fact]
    public void Conv2d_results_do_not_depend_on_the_tape_thread_count()
    {
        var x = R(9, 3, 4, 12, 12);
        var wt = R(10, 8, 4, 3, 3);
        double[] Run(int threads)
        {
            var tape = new Tape { Threads = threads };
            var xv = tape.Leaf(x);
            var wv = tape.Leaf(wt);
            var y = Ops.Conv2d(xv, wv, null, 1, 1);
            tape.Backward(GradCheck.WeightedSum(y, 3));
            return [.. y.Value.ToArray(), .. xv.Grad!.ToArray(), .. wv.Grad!.ToArray()];
        }

        Assert.Equal(Run(1), Run(2));
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    [InlineData(2, 1)]
    public void Pooling_forward_equals_window_maxima_and_means(int kernel, int stride)
    {
        var x = R(11, 2, 3, 7, 6);
        var tape = new Tape();
        var mx = Ops.MaxPool2d(tape.Constant(x), kernel, stride);
        var av = Ops.AvgPool2d(tape.Constant(x), kernel, stride);
        int ho = ((7 - kernel) / stride) + 1, wo = ((6 - kernel) / stride) + 1;
        Assert.Equal([2, 3, ho, wo], mx.Shape.ToArray());
        for (int pl = 0; pl < 6; pl++)
        {
            for (int oy = 0; oy < ho; oy++)
            {
                for (int ox = 0; ox < wo; ox++)
                {
                    var window = new List<double>();
                    for (int i = 0; i < kernel; i++)
                    {
                        for (int j = 0; j < kernel; j++)
                        {
                            window.Add(x.Data[(pl * 42) + (((oy * stride) + i) * 6) + (ox * stride) + j]);
                        }
                    }

                    int at = (pl * ho * wo) + (oy * wo) + ox;
                    Assert.Equal(window.Max(), mx.Value[at]);
                    Assert.Equal(window.Average(), av.Value[at], 1e-14);
                }
            }
        }
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(3, 1)]
    public void Pooling_gradients_match_finite_differences_away_from_ties(int kernel, int stride)
    {
        // Random values differ by far more than the 1e-5 step, so no window's maximum changes under the probe.
        Check((t, v) => Ops.MaxPool2d(v[0], kernel, stride), R(12, 2, 2, 6, 7));
        Check((t, v) => Ops.AvgPool2d(v[0], kernel, stride), R(13, 2, 2, 6, 7));
    }

    [Fact]
    public void MaxPool2d_sends_a_tied_windows_gradient_to_its_first_maximum_only()
    {
        var tape = new Tape();
        var x = tape.Leaf(Tensor.FromArray([1.0, 1.0, 0.0, 1.0], 1, 1, 2, 2));
        tape.Backward(Ops.Sum(Ops.MaxPool2d(x, 2)));
        Assert.Equal([1.0, 0.0, 0.0, 0.0], x.Grad!.ToArray());
    }

    [Theory]
    [InlineData(3, 8, 5, true)]
    [InlineData(1, 6, 5, false)]
    public void Conv2d_layer_parameter_count_is_out_in_k_k_plus_out(int cin, int cout, int k, bool bias)
    {
        var layer = new Conv2d("c", cin, cout, k, new Rng(1), useBias: bias);
        Assert.Equal((cout * cin * k * k) + (bias ? cout : 0), layer.ParameterCount());
        Assert.Equal(24, layer.OutputSize(28));
    }

    [Fact]
    public void Conv2d_layer_parameter_gradients_match_finite_differences_through_relu_and_pooling()
    {
        var rng = new Rng(14);
        var layer = new Conv2d("c", 2, 3, 3, rng, padding: 1);
        rng.FillUniform(layer.Bias!.Value.Span, -0.5, 0.5);
        var x = R(15, 2, 2, 6, 6);
        double err = ParamGradCheck.MaxRelativeError(layer.Parameters, t =>
            GradCheck.WeightedSum(Ops.AvgPool2d(Ops.Tanh(layer.Forward(t, t.Constant(x))), 2), 5));
        Assert.True(err < Tol, $"relative gradient error {err:E2}");
    }
}
