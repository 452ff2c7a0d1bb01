using SciTransfer.Core.Optim;
using SciTransfer.Core.Random;
using SciTransfer.HeatSink.Data;
using SciTransfer.HeatSink.Nn;
using SciTransfer.HeatSink.Pinn.Balancing;
using SciTransfer.Transfer.FineTuning;

namespace SciTransfer.HeatSink.Models;

/// <summary>
/// Trains the Nusselt network u(features) = log Nu on a data loss mean (u - log Nu_data)^2 and a physics-prior
/// loss mean (u - log Nu_prior)^2 at prior points, blended by a balancer (default "uncertainty": the learnable
/// weights of Kendall et al., i.e. the seed paper's learnable blending). Full batch, the core engine's Adam on
/// the balanced sum of the per-term gradients.
/// </summary>
internal static class NusseltTrainer
{
    /// <summary>Feature matrix (N x 6 row-major) of samples.</summary>
    public static double[] FeatureMatrix(IReadOnlyList<NusseltSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var x = new double[samples.Count * NusseltSample.FeatureCount];
        for (int i = 0; i < samples.Count; i++)
        {
            samples[i].Features(x.AsSpan(i * NusseltSample.FeatureCount, NusseltSample.FeatureCount));
        }

        return x;
    }

    /// <summary>A fresh network whose input standardisation comes from <paramref name="reference"/> (the source data).</summary>
    public static FieldMlp NewNetwork(IReadOnlyList<NusseltSample> reference, int[] hidden, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(hidden);
        ArgumentNullException.ThrowIfNull(rng);
        int d = NusseltSample.FeatureCount;
        var x = FeatureMatrix(reference);
        var centre = new double[d];
        var scale = new double[d];
        for (int j = 0; j < d; j++)
        {
            double mean = 0;
            for (int i = 0; i < reference.Count; i++)
            {
                mean += x[(i * d) + j];
            }

            mean /= Math.Max(1, reference.Count);
            double var = 0;
            for (int i = 0; i < reference.Count; i++)
            {
                var += (x[(i * d) + j] - mean) * (x[(i * d) + j] - mean);
            }

            centre[j] = mean;
            scale[j] = Math.Max(Math.Sqrt(var / Math.Max(1, reference.Count)), 1e-6);
        }

        var net = new FieldMlp([d, .. hidden, 1], centre, scale);
        net.Initialise(rng);
        return net;
    }

    /// <summary>Predicted Nu for samples.</summary>
    public static double[] Predict(FieldMlp net, IReadOnlyList<NusseltSample> samples)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(samples);
        var ws = new MlpWorkspace();
        net.Forward(FeatureMatrix(samples), samples.Count, DerivativeOrder.Value, ws);
        var nu = new double[samples.Count];
        for (int i = 0; i < nu.Length; i++)
        {
            nu[i] = Math.Exp(ws.Output[i]);
        }

        return nu;
    }

    /// <summary>Trains in place; returns the final term weights (data first when present, then prior).</summary>
    /// <param name="net">Network (fresh or restored).</param>
    /// <param name="data">Labelled samples (may be empty).</param>
    /// <param name="priorPoints">Designs where the prior applies (labels unused; may be empty).</param>
    /// <param name="prior">The correlation prior (learnable coefficients are trained along; pass a fresh one per run).</param>
    /// <param name="balancing">Balancer name.</param>
    /// <param name="steps">Adam steps.</param>
    /// <param name="learningRate">Adam learning rate.</param>
    /// <param name="rng">For stochastic balancers.</param>
    /// <param name="hooks">Optional extension points of each step (penalties, adapters); null is the plain loop.</param>
    /// <param name="boundPriorWeight">With "uncertainty" and both terms present: keep each learnt variance above its
    /// floor (<see cref="PriorBlend"/>: the prior's misfit at the labelled designs, 1 % for the data) instead of
    /// Kendall's unbounded weights.</param>
    /// <param name="pairedPrior">The prior points are pairs (entry i and entry M + i of 2M share a geometry, see
    /// <see cref="CollocationDesigns.SamplePairs"/>) and the prior term is its Pe trend, mean_i ((u_i - u_{M+i}) -
    /// (log Nu_prior,i - log Nu_prior,M+i))^2, instead of its level mean (u - log Nu_prior)^2.</param>
    public static double[] Train(FieldMlp net, IReadOnlyList<NusseltSample> data, IReadOnlyList<NusseltSample> priorPoints, CorrelationPrior prior, string balancing, int steps, double learningRate, Rng rng, TrainingHooks? hooks = null, bool boundPriorWeight = false, bool pairedPrior = false)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(priorPoints);
        ArgumentNullException.ThrowIfNull(prior);
        ArgumentNullException.ThrowIfNull(rng);
        if (pairedPrior && priorPoints.Count % 2 != 0)
        {
            throw new ArgumentException($"NusseltTrainer: a paired prior needs an even number of points, got {priorPoints.Count}", nameof(priorPoints));
        }

        var terms = new List<(double[] X, double[] Y)>();
        if (data.Count > 0)
        {
            terms.Add((FeatureMatrix(data), [.. data.Select(s => Math.Log(s.Nu))]));
        }

        int priorTerm = -1;
        if (priorPoints.Count > 0)
        {
            priorTerm = terms.Count;
            terms.Add((FeatureMatrix(priorPoints), [.. priorPoints.Select(s => Math.Log(prior.Nu(s)))]));
        }

        if (terms.Count == 0 || steps == 0)
        {
            return [];
        }

        var blend = boundPriorWeight && balancing == "uncertainty" && data.Count > 0 && priorTerm >= 0 ? new PriorBlend() : null;
        var balancer = blend is null ? LossBalancers.Create(balancing, terms.Count, 0, rng) : null;
        double[] logNuData = [.. data.Select(s => Math.Log(s.Nu))];
        var adam = new Adam(hooks is null ? net.Parameters : [.. net.Parameters, .. hooks.ExtraParameters], learningRate);
        var ws = new MlpWorkspace();
        var grads = terms.Select(_ => new double[net.ParameterCount]).ToList();
        var losses = new double[terms.Count];
        var total = new double[net.ParameterCount];
        double[] priorOutputs = [];
        for (int step = 0; step < steps; step++)
        {
            hooks?.BeforeStep?.Invoke();
            for (int k = 0; k < terms.Count; k++)
            {
                var (x, y) = terms[k];
                int n = y.Length;
                if (k == priorTerm && prior.IsLearnable)
                {
                    for (int b = 0; b < n; b++)
                    {
                        y[b] = Math.Log(prior.Nu(priorPoints[b]));
                    }
                }

                net.Forward(x, n, DerivativeOrder.Value, ws);
                var adj = new double[n];
                double l = 0;
                if (k == priorTerm && pairedPrior)
                {
                    int m = n / 2;
                    for (int b = 0; b < m; b++)
                    {
                        double r = (ws.Output[b] - ws.Output[b + m]) - (y[b] - y[b + m]);
                        l += r * r;
                        adj[b] = 2 * r / m;
                        adj[b + m] = -2 * r / m;
                    }

                    l = l * n / m; // so that losses[k] = l / n below is the mean over the m pairs
                }
                else
                {
                    for (int b = 0; b < n; b++)
                    {
                        double r = ws.Output[b] - y[b];
                        l += r * r;
                        adj[b] = 2 * r / n;
                    }
                }

                losses[k] = l / n;
                Array.Clear(grads[k]);
                net.Backward(adj, ws, grads[k]);
                if (k == priorTerm)
                {
                    priorOutputs = ws.Output[..n].ToArray();
                }
            }

            IReadOnlyList<double> weights;
            if (blend is not null)
            {
                // For the trend prior too the floor is the level misfit: it measures how far the one-dimensional
                // correlation is from the data (level and geometry), so a prior far off gets little weight.
                blend.Update(losses[0], losses[priorTerm], PriorMisfit(prior, data, logNuData));
                weights = blend.Weights;
            }
            else
            {
                balancer!.Update(step, losses, balancer.NeedsTermGradients(step) ? grads : null);
                weights = balancer.Weights;
            }

            if (priorTerm >= 0)
            {
                if (pairedPrior)
                {
                    prior.StepPairs(priorPoints, priorOutputs, weights[priorTerm], learningRate);
                }
                else
                {
                    prior.Step(priorPoints, priorOutputs, weights[priorTerm], learningRate);
                }
            }

            Array.Clear(total);
            for (int k = 0; k < terms.Count; k++)
            {
                double w = weights[k];
                for (int i = 0; i < total.Length; i++)
                {
                    total[i] += w * grads[k][i];
                }
            }

            net.SetGradients(total);
            if (hooks is not null)
            {
                foreach (var p in hooks.ExtraParameters)
                {
                    p.ZeroGrad();
                }

                hooks.AfterGradients?.Invoke();
            }

            adam.Step();
        }

        return [.. blend?.Weights ?? balancer!.Weights];
    }

    /// <summary>The prior's misfit where the truth is known: mean (log Nu_prior(s) - log Nu(s))^2 over the labelled designs.</summary>
    public static double PriorMisfit(CorrelationPrior prior, IReadOnlyList<NusseltSample> data, ReadOnlySpan<double> logNuData)
    {
        ArgumentNullException.ThrowIfNull(prior);
        ArgumentNullException.ThrowIfNull(data);
        double sum = 0;
        for (int i = 0; i < data.Count; i++)
        {
            double r = Math.Log(prior.Nu(data[i])) - logNuData[i];
            sum += r * r;
        }

        return data.Count == 0 ? 0 : sum / data.Count;
    }
}
