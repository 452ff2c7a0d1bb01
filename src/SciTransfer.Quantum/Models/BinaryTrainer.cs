using SciTransfer.Core.Nn;
using SciTransfer.Core.Optim;
using SciTransfer.Core.Random;
using Tensor = SciTransfer.Core.Tensors.Tensor;

namespace SciTransfer.Quantum.Models;

/// <summary>Training settings: Adam steps on random mini-batches (the literature uses 200 steps, batch 25).</summary>
/// <param name="Steps">Adam steps.</param>
/// <param name="BatchSize">Samples per step (capped at the training-set size).</param>
/// <param name="LearningRate">Adam learning rate.</param>
public sealed record TrainingOptions(int Steps, int BatchSize, double LearningRate);

/// <summary>Trains a <see cref="BinaryModelKind"/> with the core engine's Adam, optionally with some parameters frozen.</summary>
public static class BinaryTrainer
{
    /// <summary>
    /// Returns trained parameters (a new array); an empty training set returns a copy of the start. With
    /// <paramref name="anchorStrength"/> alpha &gt; 0 the loss gets the L2-SP penalty alpha/2 ||theta - start||^2 (Li,
    /// Grandvalet &amp; Davoine 2018), i.e. alpha (theta - start) is added to each step's gradient.
    /// </summary>
    public static double[] Train(
        BinaryModelKind model,
        double[] start,
        LabelledSet train,
        TrainingOptions options,
        bool[]? frozen,
        Rng rng,
        CancellationToken ct,
        double anchorStrength = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        if (!(anchorStrength >= 0) || double.IsInfinity(anchorStrength))
        {
            throw new ArgumentException($"BinaryTrainer: anchor strength must be finite and >= 0, got {anchorStrength}", nameof(anchorStrength));
        }

        var theta = new Parameter("theta", Tensor.FromArray((double[])start.Clone(), start.Length));
        if (train.Count == 0 || options.Steps == 0)
        {
            return (double[])start.Clone();
        }

        if (frozen is not null)
        {
            var mask = new double[start.Length];
            for (int k = 0; k < mask.Length; k++)
            {
                mask[k] = frozen[k] ? 0.0 : 1.0;
            }

            theta.TrainableMask = Tensor.FromArray(mask, mask.Length);
        }

        var adam = new Adam([theta], options.LearningRate);
        int batch = Math.Min(options.BatchSize, train.Count);
        var order = new int[train.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var grad = new double[start.Length];
        double[] current = new double[start.Length];
        for (int step = 0; step < options.Steps; step++)
        {
            ct.ThrowIfCancellationRequested();
            rng.Shuffle(order.AsSpan());
            var mini = train.Subset(order.AsSpan(0, batch));
            theta.Value.Span.CopyTo(current);
            model.LossAndGradient(current, mini, grad);
            if (anchorStrength > 0)
            {
                AddAnchorGradient(current, start, anchorStrength, grad);
            }

            adam.ZeroGrad();
            grad.CopyTo(theta.Grad.Span);
            adam.Step();
        }

        return theta.Value.Span.ToArray();
    }

    /// <summary>Adds the gradient alpha (theta - anchor) of alpha/2 ||theta - anchor||^2 to <paramref name="gradient"/>.</summary>
    public static void AddAnchorGradient(ReadOnlySpan<double> theta, ReadOnlySpan<double> anchor, double alpha, Span<double> gradient)
    {
        for (int k = 0; k < theta.Length; k++)
        {
            gradient[k] += alpha * (theta[k] - anchor[k]);
        }
    }
}
