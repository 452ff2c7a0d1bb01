using SciTransfer.Core.Random;
using SciTransfer.Quantum.Backends;
using SciTransfer.Quantum.Gradients;
using SciTransfer.Quantum.Simulation;

namespace SciTransfer.Quantum.Noise;

/// <summary>
/// Expectation values and gradients as a NISQ device would give them: gate noise (density-matrix simulation,
/// <see cref="NoisySimulator"/>) and/or a finite number of shots (<see cref="ShotSampler"/>). With neither it is
/// the backend's exact values and adjoint gradient. Otherwise gradients are parameter shift on the SAME estimator
/// (each shifted circuit measured with its own shots), the estimate a device can make; shift rules hold under
/// gate noise because the channels do not depend on the angles.
/// Randomness: sample b of evaluation <c>stream</c> draws from Rng(mix(seed, stream, b)), so results depend only
/// on (seed, stream, inputs), never on threads or call order.
/// </summary>
public sealed class NisqEstimator
{
    private readonly QuantumBackend _backend;
    private readonly ulong _seed;

    /// <summary>Creates the estimator.</summary>
    /// <param name="backend">State-vector backend for noiseless runs.</param>
    /// <param name="noise">Gate noise.</param>
    /// <param name="shots">Shots per expectation value; 0 = exact expectation.</param>
    /// <param name="seed">Seed of the shot sampling.</param>
    public NisqEstimator(QuantumBackend backend, NoiseModel noise, int shots, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shots);
        _backend = backend;
        Noise = noise.Validate();
        Shots = shots;
        _seed = seed;
    }

    /// <summary>Gate noise.</summary>
    public NoiseModel Noise { get; }

    /// <summary>Shots per expectation (0 = exact).</summary>
    public int Shots { get; }

    /// <summary>True when values are exact and noiseless (the backend's adjoint gradient is used).</summary>
    public bool IsExact => Shots == 0 && Noise.IsNoiseless;

    /// <summary>Estimates &lt;P&gt; for every sample of the batch into <paramref name="values"/>.</summary>
    public void Expectations(CompiledCircuit circuit, ReadOnlySpan<double> parameters, BatchInput input, PauliString observable, Span<double> values, ulong stream)
    {
        if (IsExact)
        {
            _backend.Expectations(circuit, parameters, input, observable, values);
            return;
        }

        if (Shots > 0)
        {
            ShotSampler.CheckDiagonal(observable);
        }

        int dim = circuit.Dimension, count = input.Count;
        var result = new double[count];
        double[] p = parameters.ToArray();
        if (Noise.IsNoiseless)
        {
            // Exact state vectors, then shots on |psi_i|^2.
            var states = new double[count * 2 * dim];
            _backend.Run(circuit, p, input, states);
            var probs = new double[dim];
            for (int b = 0; b < count; b++)
            {
                Simulation.Probabilities.Full(states.AsSpan(b * 2 * dim, 2 * dim), probs);
                result[b] = ShotSampler.EstimateDiagonal(probs, observable, Shots, SampleRng(stream, b));
            }
        }
        else
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _backend.Threads) };
            Parallel.For(0, count, options, b =>
            {
                var init = input.HasInitialStates ? input.InitialStates.Span.Slice(b * 2 * dim, 2 * dim) : default;
                var rho = NoisySimulator.Run(circuit, p, input.DataRow(b), Noise, init);
                if (Shots == 0)
                {
                    result[b] = rho.Expectation(observable);
                }
                else
                {
                    var probs = new double[dim];
                    rho.Probabilities(probs);
                    result[b] = ShotSampler.EstimateDiagonal(probs, observable, Shots, SampleRng(stream, b));
                }
            });
        }

        result.CopyTo(values);
    }

    /// <summary>gradient[k] = sum_b weights[b] d&lt;P&gt;_b/d theta_k, estimated as <see cref="NisqEstimator"/> says.</summary>
    public void Gradient(CompiledCircuit circuit, ReadOnlySpan<double> parameters, BatchInput input, PauliString observable, ReadOnlySpan<double> weights, Span<double> gradient, ulong stream)
    {
        if (IsExact)
        {
            var values = new double[input.Count];
            _backend.ExpectationsAndGradient(circuit, parameters, input, observable, weights, values, gradient);
            return;
        }

        double[] p = parameters.ToArray(), w = weights.ToArray();
        var v = new double[input.Count];
        var g = ParameterShift.Gradient(circuit, (shifted, evaluation) =>
        {
            Expectations(shifted, p, input, observable, v, SplitMix64.Mix(stream ^ SplitMix64.Mix((ulong)evaluation + 1)));
            double acc = 0;
            for (int b = 0; b < v.Length; b++)
            {
                acc += w[b] * v[b];
            }

            return acc;
        });
        g.CopyTo(gradient);
    }

    private Rng SampleRng(ulong stream, int b) =>
        new(SplitMix64.Mix(_seed ^ SplitMix64.Mix(stream ^ SplitMix64.Mix((ulong)b ^ 0x9E3779B97F4A7C15UL))));
}
