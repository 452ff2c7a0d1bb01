using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Nn;
using SciTransfer.Core.Random;
using Tensor = SciTransfer.Core.Tensors.Tensor;

namespace SciTransfer.Quantum.Models;

/// <summary>
/// Classical baseline: an MLP features -> hidden (tanh) -> 1 (sigmoid), built with the core engine,
/// with the hidden width chosen so the parameter count is as close as possible to the QCNN's
/// (count = (F + 2) h + 1). Flat parameters: hidden weight [F, h], hidden bias [h], output weight [h, 1], output bias [1].
/// With k &gt; 2 classes the output layer has k logits (softmax cross-entropy, argmax decision) and the count is
/// (F + 1) h + (h + 1) k. freeze-conv keeps the hidden layer (the feature extractor) and retrains the output layer.
/// </summary>
public sealed class ClassicalModel : BinaryModelKind
{
    /// <summary>Creates the baseline for <paramref name="featureCount"/> inputs and a target parameter count.</summary>
    public ClassicalModel(int featureCount, int matchParameterCount, int classes = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        FeatureCount = featureCount;
        Classes = classes;
        int outputs = Outputs;
        Hidden = Math.Max(1, (int)Math.Round((matchParameterCount - (double)outputs) / (featureCount + 1 + outputs)));
        ParameterCount = ((featureCount + 1) * Hidden) + ((Hidden + 1) * outputs);
        FrozenByFreezeConv = new bool[ParameterCount];
        for (int k = 0; k < (featureCount + 1) * Hidden; k++)
        {
            FrozenByFreezeConv[k] = true;
        }

        // Layout [W1 (F x h) | b1 (h) | W2 (h x outputs) | b2 (outputs)]: the biases are b1 and b2.
        BiasParameters = new bool[ParameterCount];
        BiasParameters.AsSpan(featureCount * Hidden, Hidden).Fill(true);
        BiasParameters.AsSpan(ParameterCount - outputs, outputs).Fill(true);
        WeightMatrices = [new(0, featureCount, Hidden), new((featureCount + 1) * Hidden, Hidden, outputs)];
    }

    /// <inheritdoc/>
    /// <remarks>W1 [F, h] at 0 and W2 [h, outputs] after b1.</remarks>
    public override IReadOnlyList<FlatMatrixBlock> WeightMatrices { get; }

    /// <inheritdoc/>
    public override bool[] BiasParameters { get; }

    /// <summary>Input features.</summary>
    public int FeatureCount { get; }

    /// <inheritdoc/>
    public override int Classes { get; }

    // One sigmoid output for two classes (the original model), k logits otherwise.
    private int Outputs => Classes == 2 ? 1 : Classes;

    private Activation OutputActivation => Classes == 2 ? Activation.Sigmoid : Activation.Identity;

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
        var net = new Mlp("mlp", [FeatureCount, Hidden, Outputs], Activation.Tanh, rng, OutputActivation);
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
        ArgumentNullException.ThrowIfNull(data);
        var net = Load(parameters);
        var tape = new Tape();
        var p = net.Forward(tape, tape.Constant(Tensor.FromArray(data.Features, data.Count, FeatureCount)));
        if (Classes == 2)
        {
            p.Value.Span.CopyTo(probabilities);
            return;
        }

        var z = p.Value.Span;
        for (int i = 0; i < data.Count; i++)
        {
            probabilities[i] = Softmax(z.Slice(i * Classes, Classes))[1];
        }
    }

    /// <inheritdoc/>
    public override int[] Classify(double[] parameters, LabelledSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (Classes == 2)
        {
            return base.Classify(parameters, data);
        }

        var tape = new Tape();
        var z = Load(parameters).Forward(tape, tape.Constant(Tensor.FromArray(data.Features, data.Count, FeatureCount))).Value.Span.ToArray();
        return [.. Enumerable.Range(0, data.Count).Select(i => ArgMax(z.AsSpan(i * Classes, Classes)))];
    }

    /// <summary>Softmax of one row of logits (max-shifted).</summary>
    public static double[] Softmax(ReadOnlySpan<double> logits)
    {
        double max = double.NegativeInfinity;
        foreach (double v in logits)
        {
            max = Math.Max(max, v);
        }

        var e = new double[logits.Length];
        double sum = 0;
        for (int c = 0; c < e.Length; c++)
        {
            e[c] = Math.Exp(logits[c] - max);
            sum += e[c];
        }

        for (int c = 0; c < e.Length; c++)
        {
            e[c] /= sum;
        }

        return e;
    }

    /// <inheritdoc/>
    public override double LossAndGradient(double[] parameters, LabelledSet batch, Span<double> gradient)
    {
        var net = Load(parameters);
        var tape = new Tape();
        var p = net.Forward(tape, tape.Constant(Tensor.FromArray(batch.Features, batch.Count, FeatureCount)));
        if (Classes != 2)
        {
            return Backward(tape, net, Ops.SoftmaxCrossEntropy(p, batch.Labels), gradient);
        }

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
        return Backward(tape, net, Ops.Scale(Ops.Mean(ll), -1.0), gradient);
    }

    private static double Backward(Tape tape, Mlp net, Var loss, Span<double> gradient)
    {
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
        var net = new Mlp("mlp", [FeatureCount, Hidden, Outputs], Activation.Tanh, new Rng(0), OutputActivation);
        int at = 0;
        foreach (var p in net.Parameters)
        {
            parameters.AsSpan(at, p.Count).CopyTo(p.Value.Span);
            at += p.Count;
        }

        return net;
    }
}
