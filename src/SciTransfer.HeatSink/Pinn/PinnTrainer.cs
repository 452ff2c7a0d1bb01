using System.Diagnostics;
using SciTransfer.Core.Optim;
using SciTransfer.Core.Random;
using SciTransfer.HeatSink.Nn;
using SciTransfer.HeatSink.Pinn.Balancing;
using SciTransfer.Transfer.FineTuning;

namespace SciTransfer.HeatSink.Pinn;

/// <summary>
/// Trains a <see cref="FieldMlp"/> on a <see cref="PinnTask"/>: weighted sum of mean squared residuals, the core
/// engine's <see cref="Adam"/> (fresh state every call), loss balancing on per-term gradients (one engine backward per
/// term), optional residual-adaptive resampling or fresh uniform points, frozen leading layers (<see cref="Core.Nn.Parameter.Frozen"/>) and an
/// optional refinement with the engine's <see cref="Lbfgs"/>. Single-threaded and deterministic given the RNG.
/// <see cref="TrainingHooks"/> let the generic fine-tuning strategies (l2-sp, bitfit, head-only, lora) run on the
/// PINN loss: a penalty's gradient or adapter gradients added after the balanced gradient is formed, extra (adapter)
/// parameters stepped by the same Adam, and the caller's <see cref="Core.Nn.Parameter.Frozen"/> flags and
/// <see cref="Core.Nn.Parameter.TrainableMask"/>s honoured (kept as the caller set them).
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
    /// <param name="hooks">Extension points of each Adam step (null: none). <see cref="TrainingHooks.BeforeStep"/> also
    /// runs before every probe and once after the last step, so a probed or returned network carries merged adapters.
    /// Not combinable with L-BFGS refinement (the line search would not see a penalty's value).</param>
    public static PinnTrainingLog Train(FieldMlp net, PinnTask task, PinnTrainingOptions options, Rng rng, FieldProbe? probe = null, CancellationToken cancellationToken = default, TrainingHooks? hooks = null)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rng);
        hooks ??= TrainingHooks.None;
        if (options.LbfgsSteps > 0 && (hooks.BeforeStep is not null || hooks.AfterGradients is not null || hooks.ExtraParameters.Count > 0))
        {
            throw new ArgumentException("PinnTrainer: training hooks cannot be combined with L-BFGS refinement (lbfgs_steps > 0)", nameof(hooks));
        }

        var log = new PinnTrainingLog();
        var sets = PinnConstraints.Build(task, options.InteriorPoints, options.BoundaryPoints, rng);
        log.Terms.AddRange(sets.Select(s => s.Name));
        var clock = Stopwatch.StartNew();
        if (sets.Count == 0)
        {
            hooks.BeforeStep?.Invoke();
            Probe(net, task, probe, options, log, 0, clock);
            return log;
        }

        // Terms the network satisfies by construction (the symmetry term under the mirror feature) stay in the loss at
        // weight 1 but out of the balancer: their ~1e-33 losses and gradients would dominate any ratio or softmax.
        var active = VacuousTerms.ActiveMask(sets, net);
        var matrices = LossBalancers.WeightMatrices(net, options.FrozenLayers);
        var balancer = new ActiveTermBalancer(LossBalancers.Create(options.Balancing, active.Count(a => a), 0, rng.Split(), LossBalancers.OutputLayerWeights(net), options.LrAnnealing, matrices.Count > 0 ? matrices : null), active);
        // Leading layers are frozen on top of whatever the caller froze (bitfit, head-only, lora), and the caller's
        // flags are restored afterwards.
        bool[] callerFrozen = [.. net.Parameters.Select(p => p.Frozen)];
        for (int l = 0; l < Math.Min(options.FrozenLayers, net.LayerCount); l++)
        {
            var (w, b) = net.Layer(l);
            w.Frozen = b.Frozen = true;
        }

        if (net.Enrichment is { } en)
        {
            // The corner coefficient trains only when asked (corner_trainable), and never when the caller froze it.
            en.Coefficient.Frozen |= !options.CornerTrainable;
        }

        try
        {
            RunSteps(net, task, options, rng, probe, sets, balancer, log, clock, hooks, cancellationToken);
        }
        finally
        {
            for (int k = 0; k < callerFrozen.Length; k++)
            {
                net.Parameters[k].Frozen = callerFrozen[k];
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

    /// <summary>
    /// One step's gradient with fixed term <paramref name="weights"/>: <see cref="TrainingHooks.BeforeStep"/>, the term
    /// losses and gradients (<see cref="Evaluate"/>), their weighted sum written to <see cref="Core.Nn.Parameter.Grad"/>,
    /// the extra parameters' gradients zeroed and <see cref="TrainingHooks.AfterGradients"/>. Returns sum_k w_k L_k (the
    /// PINN loss without whatever a hook adds). What the trainer's Adam steps on; public for gradient checks.
    /// </summary>
    public static double Gradient(FieldMlp net, IReadOnlyList<ResidualSet> sets, IReadOnlyList<double> weights, TrainingHooks hooks)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(sets);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(hooks);
        var termGrads = sets.Select(_ => new double[net.ParameterCount]).ToList();
        var losses = new double[sets.Count];
        hooks.BeforeStep?.Invoke();
        Evaluate(net, sets, new MlpWorkspace(), [.. sets.Select(s => new double[s.Count])], losses, termGrads);
        return StepGradient(net, weights, losses, termGrads, new double[net.ParameterCount], hooks);
    }

    // total = sum_k w_k g_k into Parameter.Grad, extra parameters' gradients zeroed, then the AfterGradients hook.
    private static double StepGradient(FieldMlp net, IReadOnlyList<double> weights, ReadOnlySpan<double> losses, List<double[]> termGrads, double[] total, TrainingHooks hooks)
    {
        double loss = Combine(weights, losses, termGrads, total);
        net.SetGradients(total);
        foreach (var p in hooks.ExtraParameters)
        {
            p.ZeroGrad();
        }

        hooks.AfterGradients?.Invoke();
        return loss;
    }

    private static void RunSteps(FieldMlp net, PinnTask task, PinnTrainingOptions options, Rng rng, FieldProbe? probe, List<ResidualSet> sets, ILossBalancer balancer, PinnTrainingLog log, Stopwatch clock, TrainingHooks hooks, CancellationToken cancellationToken)
    {
        var adam = new Adam([.. net.Parameters, .. hooks.ExtraParameters], options.LearningRate);
        var ws = new MlpWorkspace();
        var termGrads = sets.Select(_ => new double[net.ParameterCount]).ToList();
        var residuals = sets.Select(s => new double[s.Count]).ToList();
        var losses = new double[sets.Count];
        var total = new double[net.ParameterCount];
        for (int step = 0; step < options.Steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            hooks.BeforeStep?.Invoke();
            if (step % options.EvalEvery == 0 && Probe(net, task, probe, options, log, step, clock) && options.StopAtTarget)
            {
                log.Steps = step;
                return;
            }

            Evaluate(net, sets, ws, residuals, losses, termGrads);
            balancer.Update(step, losses, balancer.NeedsTermGradients(step) ? termGrads : null);
            double loss = StepGradient(net, balancer.Weights, losses, termGrads, total, hooks);
            log.Loss.Add(loss);
            log.Weights.Add([.. balancer.Weights]);
            adam.LearningRate = options.LearningRate * Math.Pow(options.LearningRateDecay, step / (double)Math.Max(1, options.Steps - 1));
            adam.Step();
            balancer.UpdatePointWeights(sets, residuals);
            if (options.CornerEstimateEvery > 0 && net.Enrichment is { } en && (step + 1) % options.CornerEstimateEvery == 0 && task.UsePhysics)
            {
                en.C = options.CornerReciprocal
                    ? CornerCoefficient.Reciprocal(net, options.CornerEstimateRadius, task.Case.Biot, task.ThetaOffset / task.ThetaScale, ws)
                    : CornerCoefficient.Estimate(net, options.CornerEstimateRadius, ws);
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
        hooks.BeforeStep?.Invoke();
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

    internal static bool Probe(FieldMlp net, PinnTask task, FieldProbe? probe, PinnTrainingOptions options, PinnTrainingLog log, int step, Stopwatch clock)
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
