using SciTransfer.Transfer.Problems;

namespace SciTransfer.FuelMoisture.Model;

/// <summary>
/// The fuel-moisture network in exchange form (<see cref="ExchangeModel"/> "moisture-lstm": the network with the input
/// and output scaling it was trained with, and <see cref="Features.Names"/>), and the re-scaling that lets a model
/// trained with one scaling run in a problem that standardises its data with another.
/// </summary>
public static class MoistureExchange
{
    /// <summary>The architecture name in model cards.</summary>
    public const string Architecture = "moisture-lstm";

    /// <summary>The model object of this architecture: the network and the scaling it reads and writes.</summary>
    public static ExchangeModel Export(MoistureNet net, FeatureScaler scaler) =>
        new(Architecture, (net, scaler), Features.Names);

    /// <summary>
    /// Sets <paramref name="into"/> (same sizes as <paramref name="model"/>) so that, fed inputs standardised with
    /// <paramref name="intoScaler"/> and unscaled with it, it predicts what <paramref name="model"/> predicts with
    /// <paramref name="modelScaler"/>. Both scalings are affine, so they fold exactly into the LSTM's input weights and
    /// biases and the output layer: with x_m = a x_i + c per feature (a = std_i / std_m, c = (mean_i - mean_m) / std_m),
    /// Wx_into[j, :] = a_j Wx[j, :] and b_into = b + sum_j c_j Wx[j, :]; the output (y s_m + m_m - m_i) / s_i scales the
    /// last layer. Exact up to rounding (~1e-16 relative).
    /// </summary>
    public static void CopyRescaled(MoistureNet model, FeatureScaler modelScaler, MoistureNet into, FeatureScaler intoScaler)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(modelScaler);
        ArgumentNullException.ThrowIfNull(into);
        ArgumentNullException.ThrowIfNull(intoScaler);
        if (model.Inputs != into.Inputs || model.Hidden != into.Hidden || modelScaler.Mean.Count != model.Inputs || intoScaler.Mean.Count != model.Inputs)
        {
            throw new ArgumentException($"MoistureExchange.CopyRescaled: networks of {model.Inputs} -> {model.Hidden} and {into.Inputs} -> {into.Hidden} with scalers of {modelScaler.Mean.Count} and {intoScaler.Mean.Count} features.");
        }

        for (int p = 0; p < model.Parameters.Count; p++)
        {
            into.Parameters[p].Value.CopyFrom(model.Parameters[p].Value);
        }

        int inputs = model.Inputs, gates = 4 * model.Hidden;
        var wx = into.Lstm.WeightInput.Value.Span; // [inputs, 4H] row-major
        var bias = into.Lstm.Bias.Value.Span;
        for (int j = 0; j < inputs; j++)
        {
            double a = intoScaler.Std[j] / modelScaler.Std[j];
            double c = (intoScaler.Mean[j] - modelScaler.Mean[j]) / modelScaler.Std[j];
            var row = wx.Slice(j * gates, gates);
            for (int g = 0; g < gates; g++)
            {
                bias[g] += c * row[g];
                row[g] *= a;
            }
        }

        double scale = modelScaler.OutputStd / intoScaler.OutputStd;
        double shift = (modelScaler.OutputMean - intoScaler.OutputMean) / intoScaler.OutputStd;
        var w = into.Output.Weight.Value.Span;
        for (int i = 0; i < w.Length; i++)
        {
            w[i] *= scale;
        }

        var b = into.Output.Bias!.Value.Span;
        for (int i = 0; i < b.Length; i++)
        {
            b[i] = (b[i] * scale) + shift;
        }
    }
}
