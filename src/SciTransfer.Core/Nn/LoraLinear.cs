using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Kernels;
using SciTransfer.Core.Random;
using SciTransfer.Core.Tensors;

namespace SciTransfer.Core.Nn;

/// <summary>
/// Low-rank adaptation of a <see cref="Linear"/> layer (LoRA; Hu et al. 2021): y = x (W + s A B) + b with the base W
/// [in, out] and b frozen, A [in, r] and B [r, out] trainable, s = alpha / r. A starts Gaussian with std 1/sqrt(in),
/// B at zero, so the adapted layer starts as the base layer exactly. (The paper writes W x + (alpha/r) B A x with W
/// [out, in]; with this engine's row-vector layout the same update is x A B.) Parameters: <see cref="A"/> and
/// <see cref="B"/>, r (in + out) scalars; the base layer's parameters belong to the base module.
/// Two ways to use it: <see cref="Forward"/> on a tape, or, for models with their own training loop, merge the
/// update into the base weight before each forward (<see cref="MergeInto"/>) and map the base weight's gradient onto
/// A and B after backward (<see cref="AccumulateAdapterGradients"/>): both give the same gradients.
/// </summary>
public sealed class LoraLinear : IModule
{
    private readonly double[] _baseWeight;

    /// <summary>Wraps <paramref name="baseLayer"/> (its current weight is kept as the base) with a rank-<paramref name="rank"/> adapter.</summary>
    public LoraLinear(Linear baseLayer, int rank, double alpha, Rng rng)
        : this(baseLayer?.Weight ?? throw new ArgumentNullException(nameof(baseLayer)), rank, alpha, rng)
    {
        Base = baseLayer;
    }

    /// <summary>Adapter of a weight parameter [in, out] of any layer (e.g. a network with its own training loop).</summary>
    public LoraLinear(Parameter weight, int rank, double alpha, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(rng);
        if (weight.Value.Rank != 2)
        {
            throw new ArgumentException($"LoraLinear({weight.Name}): weight must be [in, out], got {weight.Value.ShapeText}");
        }

        int inF = weight.Value.Shape[0], outF = weight.Value.Shape[1];
        if (rank < 1 || rank > Math.Min(inF, outF))
        {
            throw new ArgumentException($"LoraLinear({weight.Name}): rank {rank} must be in 1..{Math.Min(inF, outF)} for a [{inF}, {outF}] weight");
        }

        if (!(alpha > 0) || double.IsInfinity(alpha))
        {
            throw new ArgumentException($"LoraLinear({weight.Name}): alpha must be positive and finite, got {alpha}");
        }

        Weight = weight;
        Rank = rank;
        Scaling = alpha / rank;
        _baseWeight = weight.Value.Span.ToArray();
        A = new Parameter(weight.Name + ".lora_a", new Tensor(inF, rank));
        B = new Parameter(weight.Name + ".lora_b", new Tensor(rank, outF));
        rng.FillNormal(A.Value.Span, 1.0 / Math.Sqrt(inF));
        Parameters = [A, B];
    }

    /// <summary>The wrapped layer, when built from one (null for a bare weight).</summary>
    public Linear? Base { get; }

    /// <summary>The adapted weight [in, out] (its value at construction is the base).</summary>
    public Parameter Weight { get; }

    /// <summary>Rank r.</summary>
    public int Rank { get; }

    /// <summary>s = alpha / r.</summary>
    public double Scaling { get; }

    /// <summary>A [in, r], Gaussian at start.</summary>
    public Parameter A { get; }

    /// <summary>B [r, out], zero at start.</summary>
    public Parameter B { get; }

    /// <summary>The adapter parameters A and B.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>x [..., in] -> x W0 + b + s (x A) B, W0 the base weight (not differentiated), b the base bias (when built from a layer).</summary>
    public Var Forward(Tape tape, Var x)
    {
        ArgumentNullException.ThrowIfNull(tape);
        ArgumentNullException.ThrowIfNull(x);
        var w0 = new Tensor(Weight.Value.Shape.ToArray());
        _baseWeight.CopyTo(w0.Span);
        var bias = Base?.Bias is { } b ? tape.Constant(b.Value) : null;
        var y = Ops.Linear(x, tape.Constant(w0), bias);
        var update = Ops.MatMul(Ops.MatMul(x, tape.Param(A)), tape.Param(B));
        return Ops.Add(y, Ops.Scale(update, Scaling));
    }

    /// <summary>Writes W0 + s A B into <see cref="Weight"/> (call before each forward of a model that uses the merged weight).</summary>
    public void MergeInto()
    {
        int inF = A.Value.Shape[0], outF = B.Value.Shape[1];
        var w = Weight.Value.Span;
        _baseWeight.CopyTo(w);
        var ab = new double[inF * outF];
        Gemm.Multiply(A.Value.Span, Rank, false, B.Value.Span, outF, false, ab, outF, inF, outF, Rank, accumulate: false);
        for (int i = 0; i < ab.Length; i++)
        {
            w[i] += Scaling * ab[i];
        }
    }

    /// <summary>
    /// Given G = dL/dW of the merged weight in <see cref="Weight"/>.Grad, adds dL/dA = s G B' to A.Grad and dL/dB = s A' G to B.Grad.
    /// </summary>
    public void AccumulateAdapterGradients()
    {
        int inF = A.Value.Shape[0], outF = B.Value.Shape[1];
        var g = Weight.Grad.Span;
        var da = new double[inF * Rank];
        var db = new double[Rank * outF];
        Gemm.Multiply(g, outF, false, B.Value.Span, outF, true, da, Rank, inF, Rank, outF, accumulate: false);
        Gemm.Multiply(A.Value.Span, Rank, true, g, outF, false, db, outF, Rank, outF, inF, accumulate: false);
        var ga = A.Grad.Span;
        var gb = B.Grad.Span;
        for (int i = 0; i < da.Length; i++)
        {
            ga[i] += Scaling * da[i];
        }

        for (int i = 0; i < db.Length; i++)
        {
            gb[i] += Scaling * db[i];
        }
    }
}
