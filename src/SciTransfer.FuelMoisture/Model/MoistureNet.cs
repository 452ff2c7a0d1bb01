using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Nn;
using SciTransfer.Core.Random;
using Tensor = SciTransfer.Core.Tensors.Tensor;

namespace SciTransfer.FuelMoisture.Model;

/// <summary>
/// The published fuel-moisture network on the Core engine: LSTM(H, tanh) -> Dense(32, relu) ->
/// Dense(16, relu) -> Dropout -> Dense(1), applied at every hour of a [B, T, I] batch.
/// Parameter count: 4H(I + H + 1) + (32H + 32) + (16*32 + 16) + (16 + 1).
/// </summary>
public sealed class MoistureNet : IModule
{
    /// <summary>Widths of the dense head.</summary>
    public const int Dense1Width = 32, Dense2Width = 16;

    private MoistureNet(Lstm lstm, Linear dense1, Linear dense2, Linear output, double dropout)
    {
        Lstm = lstm;
        Dense1 = dense1;
        Dense2 = dense2;
        Output = output;
        Dropout = dropout;
        HeadParameters = [.. dense1.Parameters, .. dense2.Parameters, .. output.Parameters];
        Parameters = [.. lstm.Parameters, .. HeadParameters];
    }

    /// <summary>The recurrent layer (gate blocks [i | f | c | o]).</summary>
    public Lstm Lstm { get; }

    /// <summary>Dense(32, relu).</summary>
    public Linear Dense1 { get; }

    /// <summary>Dense(16, relu).</summary>
    public Linear Dense2 { get; }

    /// <summary>Dense(1), the moisture output in standardised units.</summary>
    public Linear Output { get; }

    /// <summary>Dropout rate after Dense(16) in training.</summary>
    public double Dropout { get; }

    /// <summary>Inputs per hour.</summary>
    public int Inputs => Lstm.InputSize;

    /// <summary>LSTM units.</summary>
    public int Hidden => Lstm.HiddenSize;

    /// <summary>Every parameter, LSTM first.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>The dense head's parameters.</summary>
    public IReadOnlyList<Parameter> HeadParameters { get; }

    /// <summary>Total parameter count.</summary>
    public int ParameterCount => Parameters.Sum(p => p.Count);

    /// <summary>Input-gate biases b_i (live view).</summary>
    public Span<double> InputGateBias => Lstm.GateBias(LstmGate.Input);

    /// <summary>Forget-gate biases b_f (live view).</summary>
    public Span<double> ForgetGateBias => Lstm.GateBias(LstmGate.Forget);

    /// <summary>The parameter count formula for (I, H).</summary>
    public static int CountFor(int inputs, int hidden) =>
        (4 * hidden * (inputs + hidden + 1)) + ((Dense1Width * hidden) + Dense1Width) + ((Dense2Width * Dense1Width) + Dense2Width) + (Dense2Width + 1);

    /// <summary>
    /// A network with the engine's default weight initialisation and chrono-initialised LSTM biases
    /// (Tallec &amp; Ollivier 2018): b_f = ln(u), u ~ U[1, maxTimeScale - 1], b_i = -b_f, so unit j starts as
    /// a leaky integrator with a time scale near u_j hours; other LSTM biases 0.
    /// </summary>
    public static MoistureNet CreateChrono(int inputs, int hidden, double maxTimeScaleHours, Rng rng, double dropout = 0.15)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var net = new MoistureNet(
            new Lstm("lstm", inputs, hidden, rng),
            new Linear("dense1", hidden, Dense1Width, rng, followedBy: Activation.Relu),
            new Linear("dense2", Dense1Width, Dense2Width, rng, followedBy: Activation.Relu),
            new Linear("output", Dense2Width, 1, rng),
            dropout);
        var bf = net.ForgetGateBias;
        var bi = net.InputGateBias;
        for (int j = 0; j < hidden; j++)
        {
            bf[j] = Math.Log(rng.Uniform(1.0, Math.Max(1.0 + 1e-9, maxTimeScaleHours - 1.0)));
            bi[j] = -bf[j];
        }

        return net;
    }

    /// <summary>A deep copy (parameters copied; nothing frozen).</summary>
    public MoistureNet Clone()
    {
        var rng = new Rng(0);
        var c = new MoistureNet(
            new Lstm("lstm", Inputs, Hidden, rng),
            new Linear("dense1", Hidden, Dense1Width, rng),
            new Linear("dense2", Dense1Width, Dense2Width, rng),
            new Linear("output", Dense2Width, 1, rng),
            Dropout);
        for (int q = 0; q < Parameters.Count; q++)
        {
            c.Parameters[q].Value.CopyFrom(Parameters[q].Value);
        }

        return c;
    }

    /// <summary>
    /// The time warp in place: adds <paramref name="forgetShift"/> to every forget-gate bias and
    /// <paramref name="inputShift"/> to every input-gate bias.
    /// </summary>
    public void ShiftGateBiases(double forgetShift, double inputShift)
    {
        foreach (ref double b in ForgetGateBias)
        {
            b += forgetShift;
        }

        foreach (ref double b in InputGateBias)
        {
            b += inputShift;
        }
    }

    /// <summary>
    /// Outputs [B, T, 1] for inputs x [B, T, I] (standardised). With <paramref name="dropoutRng"/> dropout is
    /// active (training). Optional scalar shifts are added to all input-/forget-gate biases for this call.
    /// </summary>
    public Var Forward(Tape tape, Var x, Rng? dropoutRng = null, Var? inputShift = null, Var? forgetShift = null)
    {
        ArgumentNullException.ThrowIfNull(tape);
        return ForwardHead(tape, Lstm.Forward(tape, x, inputShift, forgetShift), dropoutRng);
    }

    /// <summary>The dense head on LSTM hidden states h [B, T, H] -> [B, T, 1] (dropout active with <paramref name="dropoutRng"/>).</summary>
    public Var ForwardHead(Tape tape, Var h, Rng? dropoutRng = null)
    {
        ArgumentNullException.ThrowIfNull(tape);
        var z = Ops.Relu(Dense1.Forward(tape, h));
        z = Ops.Relu(Dense2.Forward(tape, z));
        if (dropoutRng is not null && Dropout > 0)
        {
            var mask = new Tensor(z.Value.Length);
            double keep = 1.0 - Dropout, scale = 1.0 / keep;
            var span = mask.Span;
            for (int q = 0; q < span.Length; q++)
            {
                span[q] = dropoutRng.NextDouble() < keep ? scale : 0.0;
            }

            z = Ops.Mask(z, mask);
        }

        return Output.Forward(tape, z);
    }

    /// <summary>Outputs (standardised units) over one whole sequence x [L, I] from a zero state, [L].</summary>
    public double[] Predict(double[] x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var tape = new Tape();
        var xt = Tensor.FromArray(x, 1, x.Length / Inputs, Inputs);
        return Forward(tape, tape.Constant(xt)).Value.Span.ToArray();
    }
}
