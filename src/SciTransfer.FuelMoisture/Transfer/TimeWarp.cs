using SciTransfer.FuelMoisture.Model;

namespace SciTransfer.FuelMoisture.Transfer;

/// <summary>
/// Time-warping transfer: ONE scalar added to every forget-gate bias and ONE to every input-gate bias
/// of a pre-trained LSTM, all other weights frozen. Fitted against target observations over whole
/// sequences, either on the published grid or by gradient descent; or set from the class time-constant
/// ratio without data (chrono-warp).
/// </summary>
public static class TimeWarp
{
    /// <summary>
    /// The data-free shift for a time-constant ratio alpha = T_target / T_source: (forget, input) =
    /// (+ln alpha, -ln alpha), which keeps a leaky unit's fixed point and scales its e-folding time by alpha.
    /// </summary>
    public static (double Forget, double Input) FromRatio(double alpha) => (Math.Log(alpha), -Math.Log(alpha));

    /// <summary>A copy of <paramref name="net"/> with the gate-bias shifts applied.</summary>
    public static MoistureNet Apply(MoistureNet net, double forgetShift, double inputShift)
    {
        ArgumentNullException.ThrowIfNull(net);
        var c = net.Clone();
        c.ShiftGateBiases(forgetShift, inputShift);
        return c;
    }

    /// <summary>
    /// The published search: a <paramref name="points"/> x <paramref name="points"/> grid over
    /// [-range, range]^2 of (forget, input) shifts, choosing the pair with the least weighted MSE over the
    /// weighted hours of <paramref name="sequences"/> (all of the same length). Ties keep the first pair in
    /// (forget, input) row-major order. Returns the shifts and the weighted MSE (network units).
    /// </summary>
    public static (double Forget, double Input, double Loss) Grid(MoistureNet net, IReadOnlyList<TrainingSequence> sequences, int points = 25, double range = 5.0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(net);
        var batch = SequenceBatch.Create(sequences, net.Inputs);
        var work = net.Clone();
        var pass = new SequencePass(work, batch.Steps, batch.Count);
        (double, double, double) best = (0, 0, double.PositiveInfinity);
        for (int a = 0; a < points; a++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            double sf = points == 1 ? 0 : -range + (2 * range * a / (points - 1));
            for (int b = 0; b < points; b++)
            {
                double si = points == 1 ? 0 : -range + (2 * range * b / (points - 1));
                net.Parameters.CopyTo(work.Parameters, 0);
                work.ShiftGateBiases(sf, si);
                pass.Forward(batch.X);
                double loss = pass.Loss(batch.Y, batch.W);
                if (loss < best.Item3)
                {
                    best = (sf, si, loss);
                }
            }
        }

        return best;
    }

    /// <summary>
    /// The two shifts fitted by Adam on the weighted MSE (gradient = sum over units of the forget/input bias
    /// gradients, by backpropagation through the whole sequences), starting at (<paramref name="startForget"/>,
    /// <paramref name="startInput"/>) and kept inside [-range, range]^2. Returns the best shifts visited and their loss.
    /// </summary>
    public static (double Forget, double Input, double Loss) Gradient(MoistureNet net, IReadOnlyList<TrainingSequence> sequences, int iterations = 60, double learningRate = 0.15, double startForget = 0, double startInput = 0, double range = 5.0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(net);
        var batch = SequenceBatch.Create(sequences, net.Inputs);
        var work = net.Clone();
        var pass = new SequencePass(work, batch.Steps, batch.Count);
        var gradient = new double[net.ParameterCount];
        var adam = new Adam(2, learningRate);
        var shifts = new[] { startForget, startInput };
        var g2 = new double[2];
        (double, double, double) best = (startForget, startInput, double.PositiveInfinity);
        int h = net.Hidden;
        for (int it = 0; it <= iterations; it++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            net.Parameters.CopyTo(work.Parameters, 0);
            work.ShiftGateBiases(shifts[0], shifts[1]);
            pass.Forward(batch.X);
            Array.Clear(gradient);
            double loss = pass.Backward(batch.X, batch.Y, batch.W, GradientScope.LstmBiasOnly, gradient);
            if (loss < best.Item3)
            {
                best = (shifts[0], shifts[1], loss);
            }

            if (it == iterations)
            {
                break;
            }

            g2[0] = 0;
            g2[1] = 0;
            for (int j = 0; j < h; j++)
            {
                g2[0] += gradient[work.OffsetBias + h + j];
                g2[1] += gradient[work.OffsetBias + j];
            }

            adam.Step(shifts, g2);
            shifts[0] = Math.Clamp(shifts[0], -range, range);
            shifts[1] = Math.Clamp(shifts[1], -range, range);
        }

        return best;
    }
}
