using System.Diagnostics;
using SciTransfer.Core.Optim;
using SciTransfer.Core.Random;
using SciTransfer.HeatSink.Nn;
using SciTransfer.HeatSink.Pinn;
using SciTransfer.HeatSink.Pinn.Balancing;

namespace SciTransfer.HeatSink.Helmholtz;

/// <summary>
/// Trains a PINN on a <see cref="HelmholtzCase"/> with the heat-sink PINN engine: a <see cref="FieldMlp"/> (tanh,
/// Glorot-normal, forward Laplacian), <see cref="ResidualSet"/> terms, <see cref="PinnTrainer.Evaluate"/> for the
/// per-term losses and gradients, a <see cref="LossBalancers"/> scheme and the core engine's Adam. Terms: "pde"
/// (index 0, the reference of learning-rate annealing) and "boundary". Single-threaded and deterministic given the RNG.
/// </summary>
public static class HelmholtzTrainer
{
    /// <summary>Standard deviation of a uniform variable on [-1, 1]: the authors' input scale.</summary>
    public static readonly double UniformStd = 1 / Math.Sqrt(3);

    /// <summary>
    /// A fresh network for the square, Glorot-normal weights. <paramref name="standardise"/>: inputs enter as
    /// (x - 0) / (1/sqrt 3), the mean and standard deviation of the uniform samples, as the authors' code standardises
    /// them (it estimates both from 1e5 samples; we use the exact values); else unscaled (centre 0, scale 1).
    /// </summary>
    public static FieldMlp NewNetwork(int[] hidden, Rng rng, bool standardise = true)
    {
        ArgumentNullException.ThrowIfNull(hidden);
        ArgumentNullException.ThrowIfNull(rng);
        double scale = standardise ? UniformStd : 1.0;
        var net = new FieldMlp([2, .. hidden, 1], [0.0, 0.0], [scale, scale]);
        net.Initialise(rng);
        return net;
    }

    /// <summary>Trains <paramref name="net"/> in place and scores it.</summary>
    public static HelmholtzResult Train(FieldMlp net, HelmholtzCase problem, HelmholtzTraining options, Rng rng, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rng);
        var clock = Stopwatch.StartNew();
        var balancer = LossBalancers.Create(options.Balancing, 2, 0, rng.Split(), LossBalancers.OutputLayerWeights(net), options.LrAnnealing, LossBalancers.WeightMatrices(net));
        List<ResidualSet> sets = [problem.Interior(HelmholtzCase.SampleInterior(options.Batch, rng)), problem.Boundary(HelmholtzCase.SampleBoundary(options.Batch, rng))];
        var adam = new Adam(net.Parameters, options.LearningRate);
        var ws = new MlpWorkspace();
        var termGrads = sets.Select(_ => new double[net.ParameterCount]).ToList();
        var residuals = sets.Select(s => new double[s.Count]).ToList();
        var losses = new double[sets.Count];
        var total = new double[net.ParameterCount];
        var tracker = new TargetTracker(options.ErrorTarget);

        // Self-adaptive weights belong to their points, so the points stay fixed under that scheme.
        bool resample = options.ResampleEvery > 0 && !balancer.KeepsPoints;
        for (int step = 0; step < options.Steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (step % options.EvalEvery == 0)
            {
                tracker.Observe(step, problem.RelativeL2(net, options.GridSide, ws), clock.Elapsed.TotalSeconds);
            }

            if (resample && step > 0 && step % options.ResampleEvery == 0)
            {
                sets[0] = problem.Interior(HelmholtzCase.SampleInterior(options.Batch, rng));
                sets[1] = problem.Boundary(HelmholtzCase.SampleBoundary(options.Batch, rng));
            }

            PinnTrainer.Evaluate(net, sets, ws, residuals, losses, termGrads);
            balancer.Update(step, losses, balancer.NeedsTermGradients(step) ? termGrads : null);
            Array.Clear(total);
            for (int k = 0; k < sets.Count; k++)
            {
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(termGrads[k], balancer.Weights[k], total, total);
            }

            adam.LearningRate = options.LearningRate * Math.Pow(options.DecayRate, step / (double)options.DecaySteps);
            net.SetGradients(total);
            adam.Step();
            balancer.UpdatePointWeights(sets, residuals);
        }

        double error = problem.RelativeL2(net, options.GridSide, ws);
        tracker.Observe(options.Steps, error, clock.Elapsed.TotalSeconds);
        return new HelmholtzResult(error, balancer.Weights[1] / balancer.Weights[0], tracker.StepsToTarget, tracker.FirstCrossing, tracker.SecondsToTarget);
    }
}
