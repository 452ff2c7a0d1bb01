using SciTransfer.Core.Random;

namespace SciTransfer.FuelMoisture.Model;

/// <summary>
/// The published fuel-moisture network: LSTM(Hidden, tanh) -> Dense(32, relu) -> Dense(16, relu)
/// -> Dropout -> Dense(1), applied at every hour. Parameters live in one flat array (so optimisers,
/// cloning and freezing are plain span operations); the named spans below are views of it.
/// LSTM gate order in the weights and bias is [i | f | g | o] (input, forget, cell candidate, output).
/// Parameter count: 4H(I + H + 1) + (32H + 32) + (16*32 + 16) + (16 + 1).
/// </summary>
public sealed class MoistureNet
{
    /// <summary>Widths of the dense head.</summary>
    public const int Dense1 = 32, Dense2 = 16;

    /// <summary>Creates a zero network with <paramref name="inputs"/> inputs and <paramref name="hidden"/> LSTM units.</summary>
    public MoistureNet(int inputs, int hidden, double dropout = 0.15)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hidden, 1);
        Inputs = inputs;
        Hidden = hidden;
        Dropout = dropout;
        int g = 4 * hidden;
        OffsetWih = 0;
        OffsetWhh = OffsetWih + (g * inputs);
        OffsetBias = OffsetWhh + (g * hidden);
        OffsetW1 = OffsetBias + g;
        OffsetB1 = OffsetW1 + (Dense1 * hidden);
        OffsetW2 = OffsetB1 + Dense1;
        OffsetB2 = OffsetW2 + (Dense2 * Dense1);
        OffsetW3 = OffsetB2 + Dense2;
        OffsetB3 = OffsetW3 + Dense2;
        LstmParameterCount = OffsetW1;
        Parameters = new double[OffsetB3 + 1];
    }

    /// <summary>Input features per hour.</summary>
    public int Inputs { get; }

    /// <summary>LSTM units.</summary>
    public int Hidden { get; }

    /// <summary>Dropout rate after Dense(16) during training.</summary>
    public double Dropout { get; }

    /// <summary>All parameters, flat: W_ih [4H, I], W_hh [4H, H], b [4H], W1 [32, H], b1, W2 [16, 32], b2, W3 [1, 16], b3.</summary>
    public double[] Parameters { get; }

    /// <summary>Number of parameters.</summary>
    public int ParameterCount => Parameters.Length;

    /// <summary>Parameters of the LSTM (W_ih, W_hh, b): the first this many entries of <see cref="Parameters"/>.</summary>
    public int LstmParameterCount { get; }

#pragma warning disable CA1707 // offsets mirror the math names
    /// <summary>Offsets of the blocks in <see cref="Parameters"/>.</summary>
    public int OffsetWih { get; }

    /// <summary>Offset of W_hh.</summary>
    public int OffsetWhh { get; }

    /// <summary>Offset of the LSTM bias [4H].</summary>
    public int OffsetBias { get; }

    /// <summary>Offset of W1 [32, H].</summary>
    public int OffsetW1 { get; }

    /// <summary>Offset of b1.</summary>
    public int OffsetB1 { get; }

    /// <summary>Offset of W2 [16, 32].</summary>
    public int OffsetW2 { get; }

    /// <summary>Offset of b2.</summary>
    public int OffsetB2 { get; }

    /// <summary>Offset of W3 [1, 16].</summary>
    public int OffsetW3 { get; }

    /// <summary>Offset of b3.</summary>
    public int OffsetB3 { get; }
#pragma warning restore CA1707

    /// <summary>The LSTM bias, [i | f | g | o], each of length <see cref="Hidden"/>.</summary>
    public Span<double> LstmBias => Parameters.AsSpan(OffsetBias, 4 * Hidden);

    /// <summary>The input-gate biases b_i.</summary>
    public Span<double> InputGateBias => Parameters.AsSpan(OffsetBias, Hidden);

    /// <summary>The forget-gate biases b_f.</summary>
    public Span<double> ForgetGateBias => Parameters.AsSpan(OffsetBias + Hidden, Hidden);

    /// <summary>The expected parameter count for (I, H): 4H(I+H+1) + 32H+32 + 16*32+16 + 16+1.</summary>
    public static int CountFor(int inputs, int hidden) =>
        (4 * hidden * (inputs + hidden + 1)) + ((Dense1 * hidden) + Dense1) + ((Dense2 * Dense1) + Dense2) + (Dense2 + 1);

    /// <summary>
    /// A network with Glorot-uniform weights and chrono-initialised LSTM biases (Tallec &amp; Ollivier 2018):
    /// b_f = ln(u), u ~ U[1, maxTimeScale - 1], b_i = -b_f, so unit j starts as a leaky integrator with
    /// a time scale near u_j hours; other biases start at 0.
    /// </summary>
    public static MoistureNet CreateChrono(int inputs, int hidden, double maxTimeScaleHours, Rng rng, double dropout = 0.15)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var net = new MoistureNet(inputs, hidden, dropout);
        var p = net.Parameters;
        int g = 4 * hidden;
        Glorot(p.AsSpan(net.OffsetWih, g * inputs), inputs, hidden, rng);
        Glorot(p.AsSpan(net.OffsetWhh, g * hidden), hidden, hidden, rng);
        Glorot(p.AsSpan(net.OffsetW1, Dense1 * hidden), hidden, Dense1, rng);
        Glorot(p.AsSpan(net.OffsetW2, Dense2 * Dense1), Dense1, Dense2, rng);
        Glorot(p.AsSpan(net.OffsetW3, Dense2), Dense2, 1, rng);
        for (int j = 0; j < hidden; j++)
        {
            double bf = Math.Log(rng.Uniform(1.0, Math.Max(1.0 + 1e-9, maxTimeScaleHours - 1.0)));
            net.ForgetGateBias[j] = bf;
            net.InputGateBias[j] = -bf;
        }

        return net;
    }

    /// <summary>A deep copy.</summary>
    public MoistureNet Clone()
    {
        var c = new MoistureNet(Inputs, Hidden, Dropout);
        Parameters.CopyTo(c.Parameters, 0);
        return c;
    }

    /// <summary>
    /// The time warp: adds <paramref name="forgetShift"/> to every forget-gate bias and <paramref name="inputShift"/>
    /// to every input-gate bias, in place. A leaky unit with f = sigmoid(b_f) has e-folding time 1 + e^{b_f} hours,
    /// so (+ln a, -ln a) slows it by about a while keeping its fixed point.
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

    private static void Glorot(Span<double> w, int fanIn, int fanOut, Rng rng)
    {
        double limit = Math.Sqrt(6.0 / (fanIn + fanOut));
        rng.FillUniform(w, -limit, limit);
    }
}
