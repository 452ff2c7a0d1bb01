using SciTransfer.Core.Gpu.Lstm;

namespace SciTransfer.Core.Tests.Gpu.Lstm;

/// <summary>The kernels' exp / sigmoid / tanh against the BCL's (run on the host: they are plain C#).</summary>
public class DeviceMathTests
{
    [Fact]
    public void Exp_sigmoid_and_tanh_are_within_a_few_ulp_of_the_runtime_over_the_range()
    {
        var rng = new System.Random(4);
        for (int n = 0; n < 20000; n++)
        {
            double x = (rng.NextDouble() - 0.5) * (n % 2 == 0 ? 40 : 1400);
            Assert.True(Close(Math.Exp(x), DeviceMath.Exp(x)), $"exp({x:R}) = {DeviceMath.Exp(x):R}, runtime {Math.Exp(x):R}");
            Assert.True(Close(Math.Tanh(x), DeviceMath.Tanh(x)), $"tanh({x:R}) = {DeviceMath.Tanh(x):R}, runtime {Math.Tanh(x):R}");
            Assert.True(Close(1 / (1 + Math.Exp(-x)), DeviceMath.Sigmoid(x)), $"sigmoid({x:R})");
        }

        Assert.Equal(1.0, DeviceMath.Exp(0.0));
        Assert.Equal(double.PositiveInfinity, DeviceMath.Exp(800));
        Assert.Equal(0.0, DeviceMath.Exp(-800));
        Assert.True(double.IsNaN(DeviceMath.Exp(double.NaN)));
        Assert.Equal(1.0, DeviceMath.Tanh(40));
        Assert.Equal(-1.0, DeviceMath.Tanh(-40));
        Assert.True(double.IsNegative(DeviceMath.Tanh(-0.0)));
    }

    // Relative error at most 8 ulp (2^-52 ~ 2.2e-16), absolute below the smallest normal.
    private static bool Close(double expected, double actual) =>
        expected == actual || Math.Abs(expected - actual) <= Math.Max(8 * 2.2205e-16 * Math.Abs(expected), 2.3e-308);
}
