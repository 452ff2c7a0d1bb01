using SciTransfer.Core.Kernels;
using SciTransfer.Core.Random;

namespace SciTransfer.Core.Tests.Kernels;

public class VectorMathTests
{
    /// <summary>
    /// Both signs of magnitudes from 1e-300 to 750 (log-uniform), dense uniform samples over
    /// [-20, 20] (around the 0.625 switch of tanh and where sigmoid bends), zeros and an odd
    /// length so the scalar tail runs too.
    /// </summary>
    private static double[] Arguments()
    {
        var rng = new Rng(7);
        var xs = new List<double> { 0.0, -0.0, 0.625, -0.625, 0.6249999999999999, 1e-320, 30.0, -30.0, 700.0, -700.0 };
        for (int i = 0; i < 20000; i++)
        {
            double magnitude = Math.Pow(10, rng.Uniform(-300, Math.Log10(750)));
            xs.Add(i % 2 == 0 ? magnitude : -magnitude);
            xs.Add(rng.Uniform(-20, 20));
            xs.Add(rng.Uniform(-1, 1));
        }

        xs.Add(0.3);
        return xs.ToArray();
    }

    private static double RelativeError(double got, double want) =>
        got == want ? 0.0 : Math.Abs(got - want) / Math.Max(Math.Abs(want), double.Epsilon);

    [Fact]
    public void Exp_matches_Math_Exp_to_full_double_accuracy()
    {
        double[] x = Arguments();
        var y = new double[x.Length];
        VectorMath.Exp(x, y);
        double worst = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double want = Math.Exp(x[i]);
            if (want > 1e-300 && !double.IsInfinity(want))
            {
                worst = Math.Max(worst, RelativeError(y[i], want));
            }
        }

        Assert.True(worst < 1e-15, $"worst relative error {worst:E3}");
    }

    [Fact]
    public void Sigmoid_matches_one_over_one_plus_Math_Exp_to_full_double_accuracy()
    {
        double[] x = Arguments();
        var y = new double[x.Length];
        VectorMath.Sigmoid(x, y);
        double worst = 0;
        for (int i = 0; i < x.Length; i++)
        {
            worst = Math.Max(worst, RelativeError(y[i], 1.0 / (1.0 + Math.Exp(-x[i]))));
        }

        Assert.True(worst < 1e-15, $"worst relative error {worst:E3}");
    }

    [Fact]
    public void Tanh_matches_Math_Tanh_to_full_double_accuracy()
    {
        double[] x = Arguments();
        var y = new double[x.Length];
        VectorMath.Tanh(x, y);
        double worst = 0;
        for (int i = 0; i < x.Length; i++)
        {
            worst = Math.Max(worst, RelativeError(y[i], Math.Tanh(x[i])));
        }

        Assert.True(worst < 1e-15, $"worst relative error {worst:E3}");
    }

    [Fact]
    public void Extreme_and_special_arguments_give_the_limits()
    {
        double[] x = [double.PositiveInfinity, double.NegativeInfinity, 1000, -1000, double.NaN, 0, 1, 2, 3];
        var s = new double[x.Length];
        var t = new double[x.Length];
        var e = new double[x.Length];
        VectorMath.Exp(x, e);
        Assert.Equal([double.PositiveInfinity, 0.0, double.PositiveInfinity, 0.0], e[..4]);
        Assert.True(double.IsNaN(e[4]));
        Assert.Equal(1.0, e[5]);
        VectorMath.Sigmoid(x, s);
        VectorMath.Tanh(x, t);
        Assert.Equal([1.0, 0.0, 1.0, 0.0], s[..4]);
        Assert.Equal([1.0, -1.0, 1.0, -1.0], t[..4]);
        Assert.True(double.IsNaN(s[4]) && double.IsNaN(t[4]));
        Assert.Equal(0.5, s[5]);
        Assert.Equal(0.0, t[5]);
    }

    [Fact]
    public void Source_and_destination_may_be_the_same_span()
    {
        double[] x = Arguments();
        double[] expected = new double[x.Length];
        VectorMath.Tanh(x, expected);
        VectorMath.Tanh(x, x);
        Assert.Equal(expected, x);
    }

    /// <summary>
    /// TanhVector skips a branch that no lane of a vector takes (issue 20): an element's tanh must not
    /// depend on its neighbours. Vectors of 8 all below the 0.625 switch, all above it, and mixed
    /// (plus NaN and infinities) are evaluated together and each element alone (padded with zeros, so
    /// a large element alone is in a mixed vector); the bits must agree.
    /// </summary>
    [Fact]
    public void Tanh_of_an_element_does_not_depend_on_the_other_lanes()
    {
        var rng = new Rng(11);
        var xs = new List<double>();
        for (int v = 0; v < 300; v++)
        {
            int kind = v % 3;
            for (int lane = 0; lane < 8; lane++)
            {
                bool small = kind == 0 || (kind == 2 && lane % 2 == 0);
                xs.Add(small ? rng.Uniform(-0.6249, 0.6249) : (lane % 2 == 0 ? 1 : -1) * rng.Uniform(0.6251, 40));
            }
        }

        xs.AddRange([double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, 0.625, -0.625, 0.1, 3.0]);
        double[] x = xs.ToArray();
        var together = new double[x.Length];
        VectorMath.Tanh(x, together);
        var alone = new double[1];
        for (int i = 0; i < x.Length; i++)
        {
            VectorMath.Tanh(x.AsSpan(i, 1), alone);
            Assert.True(
                BitConverter.DoubleToInt64Bits(alone[0]) == BitConverter.DoubleToInt64Bits(together[i]),
                $"tanh({x[i]:R}) is {together[i]:R} among its neighbours but {alone[0]:R} alone");
        }
    }

    [Fact]
    public void A_destination_of_another_length_is_refused_naming_the_function_and_both_lengths()
    {
        double[] x = [0.1, 0.2, 0.3, 0.4];
        var exp = Assert.Throws<ArgumentException>(() => VectorMath.Exp(x, new double[3]));
        Assert.Equal("VectorMath.Exp: destination of 3 does not match source of 4.", exp.Message);
        var sigmoid = Assert.Throws<ArgumentException>(() => VectorMath.Sigmoid(x, new double[5]));
        Assert.Equal("VectorMath.Sigmoid: destination of 5 does not match source of 4.", sigmoid.Message);
        var tanh = Assert.Throws<ArgumentException>(() => VectorMath.Tanh(x, new double[2]));
        Assert.Equal("VectorMath.Tanh: destination of 2 does not match source of 4.", tanh.Message);
    }
}
