using System.Diagnostics;
using SciTransfer.Core.Optim;
using SciTransfer.Core.Random;
using SciTransfer.HeatSink.Nn;
using SciTransfer.HeatSink.Pinn.Balancing;

namespace SciTransfer.HeatSink.Pinn;

/// <summary>
/// Trains a <see cref="FieldMlp"/> on a <see cref="PinnTask"/>: weighted sum of mean squared residuals, the core
/// engine's <see cref="Adam"/> (fresh state every call), loss balancing on per-term gradients (one engine backward per
/// term), optional residual-adaptive resampling or fresh uniform points, frozen leading layers (<see cref="Core.Nn.Parameter.Frozen"/>) and an
/// optional refinement with the engine's <see cref="Lbfgs"/>. Single-threaded and deterministic given the RNG.
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

        // Terms the network satisfies by construction (the symmetry term under the mirror feature) stay in the loss at
        // weight 1 but out of the balancer: their ~1e-33 losses and gradients would dominate any ratio or softmax.
        var active = VacuousTerms.ActiveMask(sets, net);
        var balancer = new ActiveTermBalancer(LossBalancers.Create(options.Balancing, active.Count(a => a), 0, rng.Split(), LossBalancers.OutputLayerWeights(net)), active);
        net.FreezeLeadingLayers(options.FrozenLayers);
        if (net.Enrichment is { } en)
        {
            en.Coefficient.Frozen = !options.CornerTrainable;
        }

        try
        {
            RunSteps(net, task, options, rng, probe, sets, balancer, log, clock, cancellationToken);
        }
        finally
        {
            net.FreezeLeadingLayers(0);
            if (net.Enrichment is { } e)
            {
                e.Coefficient.Frozen = false;
            }
        }

        return log;
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

    private static void RunSteps(FieldMlp net, PinnTask task, PinnTrainingOptions options, Rng rng, FieldProbe? probe, List<ResidualSet> sets, ILossBalancer balancer, PinnTrainingLog log, Stopwatch clock, CancellationToken cancellationToken)
    {
        var adam = new Adam(net.Parameters, options.LearningRate);
        var ws = new MlpWorkspace();
        var termGrads = sets.Select(_ => new double[net.ParameterCount]).ToList();
        var residuals = sets.Select(s => new double[s.Count]).ToList();
        var losses = new double[sets.Count];
        var total = new double[net.ParameterCount];
        for (int step = 0; step < options.Steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (step % options.EvalEvery == 0 && Probe(net, task, probe, options, log, step, clock) && options.StopAtTarget)
            {
                log.Steps = step;
                return;
            }

            Evaluate(net, sets, ws, residuals, losses, termGrads);
            balancer.Update(step, losses, balancer.NeedsTermGradients(step) ? termGrads : null);
            double loss = Combine(balancer.Weights, losses, termGrads, total);
            log.Loss.Add(loss);
            log.Weights.Add([.. balancer.Weights]);
            adam.LearningRate = options.LearningRate * Math.Pow(options.LearningRateDecay, step / (double)Math.Max(1, options.Steps - 1));
            net.SetGradients(total);
            adam.Step();
            balancer.UpdatePointWeights(sets, residuals);
            if (options.CornerEstimateEvery > 0 && net.Enrichment is { } en && (step + 1) % options.CornerEstimateEvery == 0 && task.UsePhysics)
            {
                en.C = CornerCoefficient.Estimate(net, options.CornerEstimateRadius, ws);
            }

            if (options.FreshPointsEvery > 0 && (step + 1) % options.FreshPointsEvery == 0 && task.UsePhysics && !balancer.KeepsPoints)
            {
                // Fresh uniform points for every physics term: the network cannot overfit a fixed point set (the
                // stall of docs/heat-sink.md); the sensor term (if any) is rebuilt unchanged.
                var fresh = PinnConstraints.Build(task, options.InteriorPoints, options.BoundaryPoints, rng);
                for (int k = 0; k < sets.Count; k++)
                {
                    sets[k] = fresh[k];
                }
            }
            else if (options.ResampleEvery > 0 && (step + 1) % options.ResampleEvery == 0 && task.UsePhysics && !balancer.KeepsPoints)
            {
                sets[0] = PinnConstraints.Pde(AdaptiveInterior(net, task.Case.Geometry, options.InteriorPoints, options.AdaptiveFraction, rng, ws), task.ThetaScale);
                residuals[0] = new double[sets[0].Count];
            }
        }

        log.Steps = options.Steps;
        if (options.LbfgsSteps > 0)
        {
            // Full-batch refinement with the balancer's final weights held fixed. One engine Minimize call per
            // iteration (the curvature history carries over) so each iteration can be logged and probed.
            var weights = balancer.Weights.ToArray();
            double Closure()
            {
                Evaluate(net, sets, ws, residuals, losses, termGrads);
                double l = Combine(weights, losses, termGrads, total);
                net.SetGradients(total);
                return l;
            }

            var lbfgs = new Lbfgs(net.Parameters);
            int done = 0;
            while (done < options.LbfgsSteps)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var result = lbfgs.Minimize(Closure, 1, cancellationToken);
                if (result.Iterations == 0)
                {
                    break;
                }

                done++;
                log.Loss.Add(result.Loss);
                Probe(net, task, probe, options, log, options.Steps + done, clock);
                if (result.Reason != LbfgsStop.MaxIterations)
                {
                    break;
                }
            }

            log.Steps = options.Steps + done;
        }

        Probe(net, task, probe, options, log, log.Steps, clock);
    }

    // total = sum_k w_k g_k; returns sum_k w_k L_k.
    private static double Combine(IReadOnlyList<double> weights, ReadOnlySpan<double> losses, List<double[]> termGrads, double[] total)
    {
        Array.Clear(total);
        double loss = 0;
        for (int k = 0; k < termGrads.Count; k++)
        {
            double w = weights[k];
            loss += w * losses[k];
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(termGrads[k], w, total, total);
        }

        return loss;
    }

    private static bool Probe(FieldMlp net, PinnTask task, FieldProbe? probe, PinnTrainingOptions options, PinnTrainingLog log, int step, Stopwatch clock)
    {
        if (probe is null)
        {
            return false;
        }

        // Every evaluation counts (not only until the first crossing): steps_to_target is where the error last went
        // below the target and stayed there.
        log.Tracker ??= new TargetTracker(options.ErrorTarget);
        bool below = log.Tracker.Observe(step, probe.RelativeL2(net, task), clock.Elapsed.TotalSeconds);
        log.StepsToTarget = log.Tracker.StepsToTarget;
        log.SecondsToTarget = log.Tracker.SecondsToTarget;
        return below;
    }
}
