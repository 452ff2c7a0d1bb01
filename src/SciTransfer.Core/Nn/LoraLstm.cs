using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Random;
using SciTransfer.Core.Tensors;

namespace SciTransfer.Core.Nn;

/// <summary>
/// Low-rank adaptation (LoRA; Hu et al. 2021) of an <see cref="Lstm"/>'s input and recurrent matrices:
/// Wx' = Wx + s Ax Bx ([in, 4H]) and Wh' = Wh + s Ah Bh ([H, 4H]), s = alpha / r, with Wx, Wh and the bias frozen and
/// A [rows, r], B [r, 4H] trainable. (The paper writes W + (alpha/r) B A for column vectors; in this engine's row-vector
/// layout the same update is A B.) A starts Gaussian with std 1/sqrt(rows) and B at zero, so at step 0 the adapted
/// layer computes exactly what the base layer computes. Parameters: r (in + 4H) + r (H + 4H) scalars.
/// <see cref="Forward"/> records the adapted weights on the tape and runs the fused LSTM node on them, so gradients
/// reach A and B through ordinary ops. A training loop that calls the base layer instead can use the two
/// <see cref="LoraLinear"/> adapters (<see cref="Input"/>, <see cref="Recurrent"/>) to merge and map gradients.
/// </summary>
public sealed class LoraLstm : IModule
{
    private readonly Tensor _baseInput, _baseRecurrent;

    /// <summary>Wraps <paramref name="baseLayer"/> (its current weights are kept as the base) with rank-<paramref name="rank"/> adapters.</summary>
    public LoraLstm(Lstm baseLayer, int rank, double alpha, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(baseLayer);
        ArgumentNullException.ThrowIfNull(rng);
        Base = baseLayer;
        Input = new LoraLinear(baseLayer.WeightInput, rank, alpha, rng);
        Recurrent = new LoraLinear(baseLayer.WeightHidden, rank, alpha, rng);
        _baseInput = baseLayer.WeightInput.Value.Clone();
        _baseRecurrent = baseLayer.WeightHidden.Value.Clone();
        Parameters = [.. Input.Parameters, .. Recurrent.Parameters];
    }

    /// <summary>The wrapped layer.</summary>
    public Lstm Base { get; }

    /// <summary>Adapter of the input matrix Wx [in, 4H].</summary>
    public LoraLinear Input { get; }

    /// <summary>Adapter of the recurrent matrix Wh [H, 4H].</summary>
    public LoraLinear Recurrent { get; }

    /// <summary>Ax, Bx, Ah, Bh.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>x [B, T, in] -> hidden states [B, T, H] of the LSTM with weights W0 + s A B (W0 and the bias not differentiated).</summary>
    public Var Forward(Tape tape, Var x)
    {
        ArgumentNullException.ThrowIfNull(tape);
        ArgumentNullException.ThrowIfNull(x);
        if (x.Value.Rank != 3 || x.Value.Dim(2) != Base.InputSize)
        {
            throw new ArgumentException($"LoraLstm({Base.Bias.Name}): input {x.ShapeText} is not [batch, time, {Base.InputSize}].");
        }

        var wx = Adapted(tape, _baseInput, Input);
        var wh = Adapted(tape, _baseRecurrent, Recurrent);
        return LstmNode.Forward(tape, Base, x, wx, wh, tape.Constant(Base.Bias.Value), null, null);
    }

    private static Var Adapted(Tape tape, Tensor baseWeight, LoraLinear adapter) =>
        Ops.Add(tape.Constant(baseWeight), Ops.Scale(Ops.MatMul(tape.Param(adapter.A), tape.Param(adapter.B)), adapter.Scaling));
}
