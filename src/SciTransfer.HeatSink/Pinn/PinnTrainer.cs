using System.Diagnostics;
using SciTransfer.Core.Random;
using SciTransfer.HeatSink.Nn;
using SciTransfer.HeatSink.Pinn.Balancing;

namespace SciTransfer.HeatSink.Pinn;

/// <summary>
/// Trains a <see cref="FieldMlp"/> on a <see cref="PinnTask"/>: weighted sum of mean squared residuals, Adam
/// (fresh state every call), loss balancing, optional residual-adaptive resampling, frozen leading layers and
/// an optional L-BFGS refinement. Single-threaded and deterministic given the RNG.
/// </summary>
public static class PinnTrainer
{
    /// <summary>Trains <paramref name="net"/> in place.</summary>
    /// <param name="net">Network (initialised or restored).</param>
    /// <param name="task">Case, data and whether to use physics.</param>
    /// <param name="options">Training options.</param>
    /// <param name="rng">Collocation sampling and stochastic balancers.</param>
    /// <param name="probe">Reference scorer for steps-to-target, or null.</param>
    /// <param name="cancellationToken">Stops between steps.</param>
    public static PinnTrainingLog Train(FieldMlp net, PinnTask task, PinnTrainingOptions options, Rng rng, FieldProbe? probe = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rng);
        var log = new PinnTrainingLog();
        var sets = PinnConstraints.Build(task, options.InteriorPoints, options.BoundaryPoints, rng);
        log.Terms.AddRange(sets.Select(s => s.Name));
        var clock = Stopwatch.StartNew();
        if (sets.Count == 0)
        {
            Probe(net, task, probe, options, log, 0, clock);
            return log;
        }

        var balancer = LossBalancers.Create(options.Balancing, sets.Count, 0, rng.Split());
        var trainable = TrainableMask(net, options.FrozenLayers);
        var adam = new AdamOptimizer(net.Parameters.Length, options.LearningRate, trainable);
        var ws = new MlpWorkspace();
        var termGrads = sets.Select(_ => new double[net.Parameters.Length]).ToList();
        var residuals = sets.Select(s => new double[s.Count]).ToList();
        var losses = new double[sets.Count];
        var total = new double[net.Parameters.Length];
        for (int step = 0; step < options.Steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (step % options.EvalEvery == 0 && Probe(net, task, probe, options, log, step, clock) && options.StopAtTarget)
            {
                log.Steps = step;
                return log;
            }

            Evaluate(net, sets, ws, residuals, losses, termGrads);
            balancer.Update(step, losses, balancer.NeedsTermGradients(step) ? termGrads : null);
            Array.Clear(total);
            double loss = 0;
            for (int k = 0; k < sets.Count; k++)
            {
                double w = balancer.Weights[k];
                loss += w * losses[k];
                var gk = termGrads[k];
                for (int i = 0; i < total.Length; i++)
                {
                    total[i] += w * gk[i];
                }
            }

            log.Loss.Add(loss);
            log.Weights.Add([.. balancer.Weights]);
            adam.LearningRate = options.LearningRate * Math.Pow(options.LearningRateDecay, step / (double)Math.Max(1, options.Steps - 1));
            adam.Step(net.Parameters, total);
            balancer.UpdatePointWeights(sets, residuals);
            if (options.ResampleEvery > 0 && (step + 1) % options.ResampleEvery == 0 && task.UsePhysics)
            {
                sets[0] = PinnConstraints.Pde(AdaptiveInterior(net, task.Case.Geometry, options.InteriorPoints, options.AdaptiveFraction, rng, ws), task.ThetaScale);
                residuals[0] = new double[sets[0].Count];
            }
        }

        log.Steps = options.Steps;
        if (options.LbfgsSteps > 0)
        {
            var weights = balancer.Weights.ToArray();
            var x = net.Parameters;
            double Objective(ReadOnlySpan<double> p, Span<double> g)
            {
                var keep = x.ToArray();
                p.CopyTo(x);
                Evaluate(net, sets, ws, residuals, losses, termGrads);
                g.Clear();
                double l = 0;
                for (int k = 0; k < sets.Count; k++)
                {
                    l += weights[k] * losses[k];
                    for (int i = 0; i < g.Length; i++)
                    {
                        g[i] += weights[k] * termGrads[k][i];
                    }
                }

                keep.CopyTo(x, 0);
                return l;
            }

            var start = x.ToArray();
            Lbfgs.Minimise(
                Objective,
                start,
                options.LbfgsSteps,
                trainable: trainable,
                onIteration: (it, l) =>
                {
                    start.CopyTo(x, 0);
                    log.Loss.Add(l);
                    Probe(net, task, probe, options, log, options.Steps + it + 1, clock);
                });
            start.CopyTo(x, 0);
            log.Steps = options.Steps + options.LbfgsSteps;
        }

        Probe(net, task, probe, options, log, log.Steps, clock);
        return log;
    }

    /// <summary>Mask of trainable parameters: false for the first <paramref name="frozenLayers"/> linear layers.</summary>
    public static bool[] TrainableMask(FieldMlp net, int frozenLayers)
    {
        ArgumentNullException.ThrowIfNull(net);
        var mask = new bool[net.Parameters.Length];
        Array.Fill(mask, true);
        for (int l = 0; l < Math.Min(frozenLayers, net.LayerCount); l++)
        {
            var (start, length) = net.LayerRange(l);
            Array.Fill(mask, false, start, length);
        }

        return mask;
    }

    /// <summary>Term losses mean_b(lambda_b r_b^2) and their parameter gradients, one forward/backward per term.</summary>
    public static void Evaluate(FieldMlp net, IReadOnlyList<ResidualSet> sets, MlpWorkspace ws, IReadOnlyList<double[]> residuals, Span<double> losses, IReadOnlyList<double[]> termGradients)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(sets);
        ArgumentNullException.ThrowIfNull(ws);
        ArgumentNullException.ThrowIfNull(residuals);
        ArgumentNullException.ThrowIfNull(termGradients);
        for (int k = 0; k < sets.Count; k++)
        {
            var set = sets[k];
            net.Forward(set.Points, set.Count, set.Order, ws);
            var r = residuals[k];
            set.Residuals(ws, r);
            double l = 0;
            for (int b = 0; b < r.Length; b++)
            {
                l += set.PointWeights[b] * r[b] * r[b];
            }

            losses[k] = l / r.Length;
            var adj = ws.ScratchAdjoint(ws.Channels * set.Count);
            set.Adjoint(r, 1.0, adj);
            Array.Clear(termGradients[k]);
            net.Backward(adj, ws, termGradients[k]);
        }
    }

    /// <summary>
    /// Residual-adaptive interior points (N x 2): from 4N uniform candidates, the round(fraction N) with the largest
    /// |lap u| (the PDE residual), then uniform points for the rest.
    /// </summary>
    public static double[] AdaptiveInterior(FieldMlp net, HeatSinkGeometry geometry, int count, double fraction, Rng rng, MlpWorkspace ws)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentNullException.ThrowIfNull(ws);
        int n = count;
        int adaptive = (int)Math.Round(Math.Clamp(fraction, 0, 1) * n);
        var candidates = CollocationSampler.Interior(geometry, 4 * n, rng);
        net.Forward(candidates, 4 * n, DerivativeOrder.Laplacian, ws);
        var lap = ws.Channel(3);
        var order = Enumerable.Range(0, 4 * n).ToArray();
        var keys = new double[4 * n];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = -Math.Abs(lap[i]);
        }

        Array.Sort(keys, order);
        var uniform = CollocationSampler.Interior(geometry, n - adaptive, rng);
        var pts = new double[2 * n];
        for (int i = 0; i < adaptive; i++)
        {
            pts[2 * i] = candidates[2 * order[i]];
            pts[(2 * i) + 1] = candidates[(2 * order[i]) + 1];
        }

        Array.Copy(uniform, 0, pts, 2 * adaptive, uniform.Length);
        return pts;
    }

    private static bool Probe(FieldMlp net, PinnTask task, FieldProbe? probe, PinnTrainingOptions options, PinnTrainingLog log, int step, Stopwatch clock)
    {
        if (probe is null || log.StepsToTarget is not null)
        {
            return log.StepsToTarget is not null;
        }

        if (probe.RelativeL2(net, task) <= options.ErrorTarget)
        {
            log.StepsToTarget = step;
            log.SecondsToTarget = clock.Elapsed.TotalSeconds;
            return true;
        }

        return false;
    }
}
