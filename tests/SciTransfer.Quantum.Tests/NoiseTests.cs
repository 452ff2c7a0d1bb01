using SciTransfer.Core.Random;
using SciTransfer.Quantum.Gradients;
using SciTransfer.Quantum.Noise;
using SciTransfer.Quantum.Simulation;
using SciTransfer.Quantum.Tests.Support;

namespace SciTransfer.Quantum.Tests;

/// <summary>Density-matrix simulation and noise channels against analytic results.</summary>
public sealed class NoiseTests
{
    private static readonly double[] Bell = Approx.Interleave([1 / Math.Sqrt(2), 0, 0, 1 / Math.Sqrt(2)]);

    [Fact]
    public void Noiseless_density_matrix_equals_the_state_vector_outer_product()
    {
        var rng = new Rng(7);
        using var backend = TestBackends.Create("managed");
        foreach (int n in new[] { 1, 2, 3, 5 })
        {
            var c = RandomCircuits.Create(rng, n, 12 * n, 3, 2);
            var p = RandomCircuits.RandomVector(rng, 3, -3, 3);
            var x = RandomCircuits.RandomVector(rng, 2, -2, 2);
            var psi = new double[2 * c.Dimension];
            backend.Run(c, p, new BatchInput(1, 2, x), psi);
            var rho = NoisySimulator.Run(c, p, x, NoiseModel.None);
            var expected = DensityMatrix.FromPure(psi, n);
            double max = 0;
            for (int i = 0; i < c.Dimension; i++)
            {
                for (int j = 0; j < c.Dimension; j++)
                {
                    max = Math.Max(max, (rho[i, j] - expected[i, j]).Magnitude);
                }
            }

            Assert.True(max < 1e-12, $"n={n}: max |rho - psi psi^dagger| = {max}");
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    [InlineData(0.37)]
    [InlineData(1.0)]
    public void Depolarised_Bell_state_has_fidelity_one_minus_three_quarters_p(double p)
    {
        // D_p(rho) = (1 - p) rho + p I/4 (two-wire channel): F = (1 - p) <B|B><B|B> + p <B|I/4|B> = 1 - p + p/4.
        var two = DensityMatrix.FromPure(Bell, 2);
        two.Depolarize([0, 1], p);
        Assert.Equal(1 - (0.75 * p), two.Fidelity(Bell), 12);

        // The same channel through its 16 Pauli Kraus operators.
        var kraus = DensityMatrix.FromPure(Bell, 2);
        kraus.ApplyChannel(KrausChannel.Depolarizing(2, p), [0, 1]);
        Assert.Equal(1 - (0.75 * p), kraus.Fidelity(Bell), 12);

        // Depolarising ONE wire of a Bell pair also gives 1 - 3p/4: Tr_0 of the Bell state is I/2, so
        // <B| I/2 (x) I/2 |B> = 1/4.
        var one = DensityMatrix.FromPure(Bell, 2);
        one.Depolarize([1], p);
        Assert.Equal(1 - (0.75 * p), one.Fidelity(Bell), 12);
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.3)]
    public void Noisy_Bell_circuit_matches_the_hand_derived_fidelity(double p)
    {
        // H(0) then D_p on wire 0: (1-p)|+><+| (x) |0><0| + p I/2 (x) |0><0|. CNOT maps the mixed part to
        // (|00><00| + |11><11|)/2, whose Bell fidelity is 1/2, so F = 1 - p/2; the CNOT's two-wire channel then
        // gives F' = (1 - p) F + p/4.
        var c = new CircuitBuilder(2).H(0).CNOT(0, 1).Build();
        var rho = NoisySimulator.Run(c, [], [], new NoiseModel(p, 0));
        Assert.Equal(((1 - p) * (1 - (p / 2))) + (p / 4), rho.Fidelity(Bell), 12);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.2)]
    [InlineData(0.75)]
    public void Amplitude_damping_of_one_leaves_probability_one_minus_gamma(double gamma)
    {
        var c = new CircuitBuilder(1).X(0).Build();
        var rho = NoisySimulator.Run(c, [], [], new NoiseModel(0, gamma));
        var probs = new double[2];
        rho.Probabilities(probs);
        Assert.Equal(1 - gamma, probs[1], 12);
        Assert.Equal(gamma, probs[0], 12);

        var kraus = DensityMatrix.FromPure(Approx.Interleave([0, 1]), 1);
        kraus.ApplyChannel(KrausChannel.AmplitudeDamping(gamma), [0]);
        Assert.Equal(1 - gamma, kraus[1, 1].Real, 12);
    }

    [Fact]
    public void Direct_channel_formulas_equal_their_Kraus_forms_on_a_mixed_state()
    {
        var rng = new Rng(11);
        var c = RandomCircuits.Create(rng, 3, 30, 2, 0);
        var p = RandomCircuits.RandomVector(rng, 2, -3, 3);
        var mixed = NoisySimulator.Run(c, p, [], new NoiseModel(0.1, 0.05));
        foreach (int[] wires in new[] { new[] { 1 }, new[] { 2, 0 }, new[] { 0, 1, 2 } })
        {
            var direct = mixed.Clone();
            direct.Depolarize(wires, 0.23);
            var kraus = mixed.Clone();
            kraus.ApplyChannel(KrausChannel.Depolarizing(wires.Length, 0.23), wires);
            Assert.True(Approx.MaxAbsDiff(direct.Data, kraus.Data) < 1e-12, $"depolarising on [{string.Join(",", wires)}]");
        }

        var d2 = mixed.Clone();
        d2.AmplitudeDamp(2, 0.4);
        var k2 = mixed.Clone();
        k2.ApplyChannel(KrausChannel.AmplitudeDamping(0.4), [2]);
        Assert.True(Approx.MaxAbsDiff(d2.Data, k2.Data) < 1e-12, "amplitude damping");
    }

    [Fact]
    public void Kraus_sets_that_are_not_complete_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new KrausChannel(1, [[1, 0, 0, 0, 0, 0, 0.5, 0]]));
    }

    [Fact]
    public void Noisy_runs_preserve_trace_hermiticity_and_positivity()
    {
        var rng = new Rng(5);
        var c = RandomCircuits.Create(rng, 4, 60, 3, 0);
        var p = RandomCircuits.RandomVector(rng, 3, -3, 3);
        var rho = NoisySimulator.Run(c, p, [], new NoiseModel(0.08, 0.12));
        Assert.Equal(1.0, rho.Trace(), 12);
        int d = rho.Dimension;
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                Assert.True((rho[i, j] - System.Numerics.Complex.Conjugate(rho[j, i])).Magnitude < 1e-13);
            }
        }

        // Positive semidefinite: the real embedding [[A, -B], [B, A]] + 1e-12 I has a Cholesky factor.
        Assert.True(CholeskySucceeds(rho, 1e-12), "rho has a negative eigenvalue below -1e-12");
        // ...and the test would notice a non-positive matrix: rho - 0.6 I/d has negative eigenvalues (some are < 0.6/d).
        var shifted = rho.Clone();
        for (int i = 0; i < d; i++)
        {
            shifted.Data[2 * ((i * d) + i)] -= 0.6;
        }

        Assert.False(CholeskySucceeds(shifted, 1e-12));
    }

    [Fact]
    public void Parameter_shift_over_exact_values_equals_the_adjoint_gradient()
    {
        var rng = new Rng(3);
        using var backend = TestBackends.Create("managed");
        var c = RandomCircuits.Create(rng, 4, 40, 5, 2, allowControlledU3: false);
        var p = RandomCircuits.RandomVector(rng, 5, -3, 3);
        var input = new BatchInput(3, 2, RandomCircuits.RandomVector(rng, 6, -2, 2));
        double[] w = [0.3, -1.2, 0.7];
        var z = PauliString.Parse("Z1 Z3");
        var adjoint = new double[5];
        var values = new double[3];
        backend.ExpectationsAndGradient(c, p, input, z, w, values, adjoint);

        // The generic shift rule over an estimator that is exact and noiseless but not flagged as exact:
        // a noise model with zero rates through the density-matrix path.
        var shift = ParameterShift.Gradient(c, (shifted, _) =>
        {
            double acc = 0;
            for (int b = 0; b < 3; b++)
            {
                acc += w[b] * NoisySimulator.Run(shifted, p, input.DataRow(b), NoiseModel.None).Expectation(z);
            }

            return acc;
        });
        Assert.True(Approx.MaxAbsDiff(adjoint, shift) < 1e-10, $"max |adjoint - shift| = {Approx.MaxAbsDiff(adjoint, shift)}");
    }

    [Fact]
    public void Noisy_parameter_shift_matches_finite_differences_of_the_noisy_expectation()
    {
        var rng = new Rng(9);
        using var backend = TestBackends.Create("managed");
        var c = RandomCircuits.Create(rng, 3, 25, 3, 0, allowControlledU3: false);
        var p = RandomCircuits.RandomVector(rng, 3, -3, 3);
        var noise = new NoiseModel(0.05, 0.1);
        var est = new NisqEstimator(backend, noise, 0, 1);
        var z = PauliString.Z(0);
        var g = new double[3];
        est.Gradient(c, p, BatchInput.Empty(1), z, [1.0], g, stream: 0);
        for (int k = 0; k < 3; k++)
        {
            const double H = 1e-5;
            var up = (double[])p.Clone();
            var down = (double[])p.Clone();
            up[k] += H;
            down[k] -= H;
            double fd = (NoisySimulator.Run(c, up, [], noise).Expectation(z) - NoisySimulator.Run(c, down, [], noise).Expectation(z)) / (2 * H);
            Assert.True(Math.Abs(fd - g[k]) < 1e-8, $"k={k}: shift {g[k]} vs fd {fd}");
        }
    }

    [Fact]
    public void Shot_estimates_converge_as_one_over_sqrt_shots()
    {
        // <Z> = cos(theta) after RY(theta); the RMS error of an S-shot estimate is sqrt((1 - cos^2)/S).
        using var backend = TestBackends.Create("managed");
        var b1 = new CircuitBuilder(1);
        var c = b1.RY(0, b1.NewParameter()).Build();
        double theta = 1.1, exact = Math.Cos(theta), sigma = Math.Sin(theta);
        const int Repeats = 400;
        foreach (int shots in new[] { 50, 400, 3200 })
        {
            var est = new NisqEstimator(backend, NoiseModel.None, shots, 2026);
            double sq = 0;
            var v = new double[1];
            for (int r = 0; r < Repeats; r++)
            {
                est.Expectations(c, [theta], BatchInput.Empty(1), PauliString.Z(0), v, (ulong)r);
                sq += (v[0] - exact) * (v[0] - exact);
            }

            // 400 repeats: the RMS is within a few % of sigma/sqrt(S) (relative sd ~ 1/sqrt(2R) = 3.5 %).
            double ratio = Math.Sqrt(sq / Repeats) * Math.Sqrt(shots) / sigma;
            Assert.InRange(ratio, 0.85, 1.15);
        }
    }

    [Fact]
    public void Shot_sampling_is_deterministic_for_a_seed_and_stream()
    {
        using var backend = TestBackends.Create("managed");
        var b2 = new CircuitBuilder(2);
        var c = b2.H(0).CNOT(0, 1).RY(1, b2.NewParameter()).Build();
        var input = BatchInput.Empty(4);
        double[] Run(ulong seed, ulong stream, NoiseModel noise)
        {
            var v = new double[4];
            new NisqEstimator(backend, noise, 100, seed).Expectations(c, [0.4], input, PauliString.Z(1), v, stream);
            return v;
        }

        Assert.Equal(Run(1, 2, NoiseModel.None), Run(1, 2, NoiseModel.None));
        Assert.Equal(Run(1, 2, new NoiseModel(0.1, 0.1)), Run(1, 2, new NoiseModel(0.1, 0.1)));
        Assert.NotEqual(Run(1, 2, NoiseModel.None), Run(1, 3, NoiseModel.None));
        Assert.NotEqual(Run(1, 2, NoiseModel.None), Run(4, 2, NoiseModel.None));
    }

    [Fact]
    public void Multinomial_counts_sum_to_shots_and_follow_the_probabilities()
    {
        double[] probs = [0.1, 0.0, 0.6, 0.3];
        var counts = new int[4];
        const int Shots = 20000;
        ShotSampler.Counts(probs, Shots, new Rng(8), counts);
        Assert.Equal(Shots, counts.Sum());
        Assert.Equal(0, counts[1]);
        for (int i = 0; i < 4; i++)
        {
            double sd = Math.Sqrt(Shots * probs[i] * (1 - probs[i]));
            Assert.InRange(counts[i], (Shots * probs[i]) - (5 * sd) - 1e-9, (Shots * probs[i]) + (5 * sd) + 1e-9);
        }
    }

    [Fact]
    public void Shots_refuse_non_diagonal_observables_and_density_matrices_refuse_eleven_qubits()
    {
        using var backend = TestBackends.Create("managed");
        var c = new CircuitBuilder(1).H(0).Build();
        var est = new NisqEstimator(backend, NoiseModel.None, 10, 1);
        Assert.Throws<NotSupportedException>(() => est.Expectations(c, [], BatchInput.Empty(1), PauliString.Parse("X0"), new double[1], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => DensityMatrix.Zero(11));
    }

    private static bool CholeskySucceeds(DensityMatrix rho, double shift)
    {
        int d = rho.Dimension, m = 2 * d;
        var a = new double[m, m];
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                var z = rho[i, j];
                a[i, j] = z.Real;
                a[i + d, j + d] = z.Real;
                a[i, j + d] = -z.Imaginary;
                a[i + d, j] = z.Imaginary;
            }
        }

        for (int i = 0; i < m; i++)
        {
            a[i, i] += shift;
        }

        for (int j = 0; j < m; j++)
        {
            double s = a[j, j];
            for (int k = 0; k < j; k++)
            {
                s -= a[j, k] * a[j, k];
            }

            if (s <= 0)
            {
                return false;
            }

            a[j, j] = Math.Sqrt(s);
            for (int i = j + 1; i < m; i++)
            {
                double t = a[i, j];
                for (int k = 0; k < j; k++)
                {
                    t -= a[i, k] * a[j, k];
                }

                a[i, j] = t / a[j, j];
            }
        }

        return true;
    }
}
