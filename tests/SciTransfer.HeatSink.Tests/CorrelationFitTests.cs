using SciTransfer.Core.Random;
using SciTransfer.HeatSink.Models;

namespace SciTransfer.HeatSink.Tests;

/// <summary>The fitted-correlation baseline's least squares: exact recovery and the small-n fallbacks.</summary>
public sealed class CorrelationFitTests
{
    private static readonly CorrelationCoefficients Truth = new(3.1, 0.041, 0.86, "truth");

    [Fact]
    public void Levenberg_Marquardt_recovers_the_coefficients_of_noise_free_a_plus_b_Pe_to_the_c_from_the_Lyon_start()
    {
        var rng = new Rng(5);
        double[] pe = [.. Enumerable.Range(0, 9).Select(_ => Math.Exp(rng.Uniform(Math.Log(5), Math.Log(3000))))];
        double[] nu = [.. pe.Select(Truth.Nu)];
        var fit = CorrelationFit.Fit(pe, nu, CorrelationCoefficients.Lyon);
        Assert.Equal("a,b,c", fit.Method);
        Assert.Equal(Truth.A, fit.A, 1e-6);
        Assert.Equal(Truth.B, fit.B, 1e-8);
        Assert.Equal(Truth.C, fit.C, 1e-7);
    }

    [Fact]
    public void Three_points_are_interpolated_exactly()
    {
        double[] pe = [20, 150, 900];
        double[] nu = [.. pe.Select(Truth.Nu)];
        var fit = CorrelationFit.Fit(pe, nu, CorrelationCoefficients.SebanShimazaki);
        Assert.True(CorrelationFit.SumOfSquares(pe, nu, fit) < 1e-16, $"SSE {CorrelationFit.SumOfSquares(pe, nu, fit)}");
    }

    [Fact]
    public void No_points_give_the_prior_itself()
    {
        var fit = CorrelationFit.Fit([], [], CorrelationCoefficients.Skupinski);
        Assert.Equal((4.82, 0.0185, 0.827, "prior"), (fit.A, fit.B, fit.C, fit.Method));
    }

    [Fact]
    public void One_point_shifts_the_constant_so_the_curve_passes_through_it_and_keeps_the_priors_b_and_c()
    {
        var fit = CorrelationFit.Fit([250.0], [9.5], CorrelationCoefficients.Lyon);
        Assert.Equal("a", fit.Method);
        Assert.Equal((0.025, 0.8), (fit.B, fit.C));
        Assert.Equal(9.5, fit.Nu(250), 12);
    }

    [Fact]
    public void Two_points_fit_a_and_b_through_both_with_the_priors_exponent()
    {
        double[] pe = [40, 700];
        double[] nu = [6.0, 11.0];
        var fit = CorrelationFit.Fit(pe, nu, CorrelationCoefficients.Lyon);
        Assert.Equal("a,b", fit.Method);
        Assert.Equal(0.8, fit.C);
        Assert.Equal(6.0, fit.Nu(40), 10);
        Assert.Equal(11.0, fit.Nu(700), 10);
    }

    [Fact]
    public void Two_points_whose_Nu_falls_with_Pe_shift_the_prior_instead_of_fitting_a_negative_slope()
    {
        double[] pe = [40, 45];
        double[] nu = [6.0, 5.5];
        var fit = CorrelationFit.Fit(pe, nu, CorrelationCoefficients.Lyon);
        Assert.Equal(("a", 0.025, 0.8), (fit.Method, fit.B, fit.C));
        Assert.Equal(0.0, (fit.Nu(40) - 6.0) + (fit.Nu(45) - 5.5), 10);
    }

    [Fact]
    public void Points_at_one_Peclet_number_fall_back_to_fitting_the_constant_to_their_mean()
    {
        var fit = CorrelationFit.Fit([100.0, 100, 100], [5.0, 6, 7], CorrelationCoefficients.Lyon);
        Assert.Equal("a", fit.Method);
        Assert.Equal(6.0, fit.Nu(100), 12);
    }

    [Fact]
    public void On_noisy_data_the_three_parameter_fit_has_no_larger_squared_error_than_the_best_fit_at_the_priors_exponent()
    {
        var rng = new Rng(9);
        double[] pe = [.. Enumerable.Range(0, 12).Select(_ => rng.Uniform(10, 2000))];
        double[] nu = [.. pe.Select(p => Truth.Nu(p) * (1 + (0.05 * rng.Normal())))];
        var full = CorrelationFit.Fit(pe, nu, CorrelationCoefficients.Lyon);

        // Independent oracle: ordinary least squares of nu on x = Pe^0.8 (closed form).
        double[] x = [.. pe.Select(p => Math.Pow(p, 0.8))];
        double mx = x.Average();
        double my = nu.Average();
        double b = x.Zip(nu, (xi, yi) => (xi - mx) * (yi - my)).Sum() / x.Sum(xi => (xi - mx) * (xi - mx));
        var fixedExponent = new CorrelationCoefficients(my - (b * mx), b, 0.8, "ols");
        Assert.Equal("a,b,c", full.Method);
        Assert.True(
            CorrelationFit.SumOfSquares(pe, nu, full) <= CorrelationFit.SumOfSquares(pe, nu, fixedExponent),
            $"LM {CorrelationFit.SumOfSquares(pe, nu, full)} vs c = 0.8 {CorrelationFit.SumOfSquares(pe, nu, fixedExponent)}");
    }
}
