using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Random;
using SciTransfer.Core.Tensors;

namespace SciTransfer.Core.Nn;

/// <summary>
/// Single-layer LSTM over whole sequences, batch first. Gates are laid out [i | f | c | o] along
/// the 4H columns of <see cref="WeightInput"/> [in, 4H], <see cref="WeightHidden"/> [H, 4H] and
/// <see cref="Bias"/> [4H]:
/// a_t = x_t Wx + h_{t-1} Wh + b;  i, f, o = sigmoid(a_i, a_f, a_o);  g = tanh(a_c);
/// c_t = f c_{t-1} + i g;  h_t = o tanh(c_t);  h_0 = c_0 = 0 (before the first step).
/// Parameters: 4H (in + H + 1). The forward pass is one tape node with hand-written
/// back-propagation through time. Freezing: set <see cref="Parameter.Frozen"/> on any of the three
/// tensors, or a <see cref="Parameter.TrainableMask"/> for element subsets.
/// Time warping: <see cref="Forward(Tape, Var, Var?, Var?)"/> takes optional scalar shifts added to
/// every input-gate and every forget-gate bias; they are differentiable inputs, so
/// d loss / d shift comes out of backward like any other gradient.
/// </summary>
public sealed class Lstm : IModule
{
    /// <summary>
    /// Creates the layer. Weights are Uniform(-1/sqrt(H), 1/sqrt(H)) (PyTorch's choice); biases are
    /// zero except the forget gate's, set to <paramref name="forgetGateBias"/> (Keras' unit_forget_bias).
    /// </summary>
    public Lstm(string name, int inputSize, int hiddenSize, Rng rng, double forgetGateBias = 1.0)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hiddenSize, 1);
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        int g = 4 * hiddenSize;
        WeightInput = new Parameter(name + ".weight_ih", new Tensor(inputSize, g));
        WeightHidden = new Parameter(name + ".weight_hh", new Tensor(hiddenSize, g));
        Bias = new Parameter(name + ".bias", new Tensor(g));
        double bound = 1.0 / Math.Sqrt(hiddenSize);
        Init.Uniform(WeightInput.Value, bound, rng);
        Init.Uniform(WeightHidden.Value, bound, rng);
        Bias.Value.Span.Slice(GateOffset(LstmGate.Forget), hiddenSize).Fill(forgetGateBias);
        Parameters = [WeightInput, WeightHidden, Bias];
    }

    /// <summary>Features per time step.</summary>
    public int InputSize { get; }

    /// <summary>Hidden units H.</summary>
    public int HiddenSize { get; }

    /// <summary>Wx [in, 4H].</summary>
    public Parameter WeightInput { get; }

    /// <summary>Wh [H, 4H].</summary>
    public Parameter WeightHidden { get; }

    /// <summary>b [4H], blocks [i | f | c | o].</summary>
    public Parameter Bias { get; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>First column (and bias index) of a gate's block.</summary>
    public int GateOffset(LstmGate gate) => (int)gate * HiddenSize;

    /// <summary>The bias entries of one gate (a live view of <see cref="Bias"/>, length H).</summary>
    public Span<double> GateBias(LstmGate gate) => Bias.Value.Span.Slice(GateOffset(gate), HiddenSize);

    /// <summary>
    /// Runs the whole sequence: x [B, T, in] -> hidden states [B, T, H].
    /// <paramref name="inputGateShift"/> / <paramref name="forgetGateShift"/> (shape [1], optional)
    /// are added to all H input-gate / forget-gate biases for this call.
    /// </summary>
    public Var Forward(Tape tape, Var x, Var? inputGateShift = null, Var? forgetGateShift = null)
    {
        ArgumentNullException.ThrowIfNull(tape);
        ArgumentNullException.ThrowIfNull(x);
        if (x.Value.Rank != 3 || x.Value.Dim(2) != InputSize)
        {
            throw new ArgumentException($"Lstm({Bias.Name}): input {x.ShapeText} is not [batch, time, {InputSize}].");
        }

        CheckShift(inputGateShift, "inputGateShift");
        CheckShift(forgetGateShift, "forgetGateShift");
        return LstmNode.Forward(tape, this, x, tape.Param(WeightInput), tape.Param(WeightHidden), tape.Param(Bias), inputGateShift, forgetGateShift);
    }

    private void CheckShift(Var? shift, string what)
    {
        if (shift is not null && shift.Value.Length != 1)
        {
            throw new ArgumentException($"Lstm({Bias.Name}): {what} {shift.ShapeText} is not a single value.");
        }
    }
}
