using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Nn;
using SciTransfer.Core.Random;
using Tensor = SciTransfer.Core.Tensors.Tensor;

namespace SciTransfer.Quantum.Models;

/// <summary>
/// Classical baseline: an MLP features -> hidden (tanh) -> 1 (sigmoid), built with the core engine,
/// with the hidden width chosen so the parameter count is as close as possible to the QCNN's
/// (count = (F + 2) h + 1). Flat parameters: hidden weight [F, h], hidden bias [h], output weight [h, 1], output bias [1].
/// freeze-conv keeps the hidden layer (the feature extractor) and retrains the output layer.
/// </summary>
public sealed class ClassicalModel : BinaryModelKind
{
    /// <summary>Creates the baseline for <paramref name="featureCount"/> inputs and a target parameter count.</summary>
    public ClassicalModel(int featureCount, int matchParameterCount)
    {
        FeatureCount = featureCount;
        Hidden = Math.Max(1, (int)Math.Round((matchParameterCount - 1.0) / (featureCount + 2)));
        ParameterCount = ((featureCount + 2) * Hidden) + 1;
        FrozenByFreezeConv = new bool[ParameterCount];
        for (int k = 0; k < (featureCount + 1) * Hidden; k++)
        {
            FrozenByFreezeConv[k] = true;
        }

        // Layout [W1 (F x h) | b1 (h) | W2 (h) | b2 (1)]: the biases are b1 and b2.
        BiasParameters = new bool[ParameterCount];
        BiasParameters.AsSpan(featureCount * Hidden, Hidden).Fill(true);
        BiasParameters[^1] = true;
    }

    /// <inheritdoc/>
    public override bool[] BiasParameters { get; }

    /// <summary>Input features.</summary>
    public int FeatureCount { get; }

    /// <summary>Hidden width h.</summary>
    public int Hidden { get; }

    /// <inheritdoc/>
    public override string Name => "classical";

    /// <inheritdoc/>
    public override int ParameterCount { get; }

    /// <inheritdoc/>
    public override bool[] FrozenByFreezeConv { get; }

    /// <inheritdoc/>
    public override double[] Initialize(Rng rng)
    {
        var net = new Mlp("mlp", [FeatureCount, Hidden, 1], Activation.Tanh, rng, Activation.Sigmoid);
        var flat = new double[ParameterCount];
        int at = 0;
        foreach (var p in net.Parameters)
        {
            p.Value.Span.CopyTo(flat.AsSpan(at));
            at += p.Count;
        }

        return flat;
    }

    /// <inheritdoc/>
    public override void Probabilities(double[] parameters, LabelledSet data, Span<double> probabilities)
    {
        var net = Load(parameters);
        var tape = new Tape();
        var p = net.Forward(tape, tape.Constant(Tensor.FromArray(data.Features, data.Count, FeatureCount)));
        p.Value.Span.CopyTo(probabilities);
    }

    /// <inheritdoc/>
    public override double LossAndGradient(double[] parameters, LabelledSet batch, Span<double> gradient)
    {
        var net = Load(parameters);
        var tape = new Tape();
        var p = net.Forward(tape, tape.Constant(Tensor.FromArray(batch.Features, batch.Count, FeatureCount)));
        var y = new double[batch.Count];
        var oneMinusY = new double[batch.Count];
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = batch.Labels[i];
            oneMinusY[i] = 1 - y[i];
        }

        // Clamp p into [eps, 1 - eps] linearly so the logs stay finite.
        const double Eps = 1e-9;
        var pc = Ops.AddScalar(Ops.Scale(p, 1 - (2 * Eps)), Eps);
        var qc = Ops.AddScalar(Ops.Scale(pc, -1.0), 1.0);
        var ll = (tape.Constant(Tensor.FromArray(y, batch.Count, 1)) * Ops.Log(pc))
            + (tape.Constant(Tensor.FromArray(oneMinusY, batch.Count, 1)) * Ops.Log(qc));
        var loss = Ops.Scale(Ops.Mean(ll), -1.0);
        tape.Backward(loss);
        int at = 0;
        foreach (var prm in net.Parameters)
        {
            prm.Grad.Span.CopyTo(gradient[at..]);
            at += prm.Count;
        }

        return loss.Value[0];
    }

    private Mlp Load(double[] parameters)
    {
        var net = new Mlp("mlp", [FeatureCount, Hidden, 1], Activation.Tanh, new Rng(0), Activation.Sigmoid);
        int at = 0;
        foreach (var p in net.Parameters)
        {
            parameters.AsSpan(at, p.Count).CopyTo(p.Value.Span);
            at += p.Count;
        }

        return net;
    }
}
