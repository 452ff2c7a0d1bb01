using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Nn;
using SciTransfer.FuelMoisture.Model;
using Tensor = SciTransfer.Core.Tensors.Tensor;

namespace SciTransfer.FuelMoisture.Warping;

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
        var tape = new Tape();
        (double, double, double) best = (0, 0, double.PositiveInfinity);
        for (int a = 0; a < points; a++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            double sf = points == 1 ? 0 : -range + (2 * range * a / (points - 1));
            for (int b = 0; b < points; b++)
            {
                double si = points == 1 ? 0 : -range + (2 * range * b / (points - 1));
                tape.Reset();
                var y = net.Forward(tape, tape.Constant(batch.X), null, tape.Scalar(si), tape.Scalar(sf));
                double loss = Ops.MaskedMseLoss(y, tape.Constant(batch.Y), batch.W).Item;
                if (loss < best.Item3)
                {
                    best = (sf, si, loss);
                }
            }
        }

        return best;
    }

    /// <summary>
    /// The two shifts fitted by Adam on the weighted MSE (the engine differentiates the loss with respect to
    /// the shifts through the whole sequences), starting at (<paramref name="startForget"/>, <paramref name="startInput"/>)
    /// and kept inside [-range, range]^2; the network itself is not changed. Returns the best shifts visited and their loss.
    /// </summary>
    public static (double Forget, double Input, double Loss) Gradient(MoistureNet net, IReadOnlyList<TrainingSequence> sequences, int iterations = 60, double learningRate = 0.15, double startForget = 0, double startInput = 0, double range = 5.0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(net);
        var batch = SequenceBatch.Create(sequences, net.Inputs);
        var work = net.Clone();
        foreach (var p in work.Parameters)
        {
            p.Frozen = true;
        }

        var warp = new Parameter("warp", Tensor.FromArray([startForget, startInput], 2));
        var adam = new Core.Optim.Adam([warp], learningRate);
        var tape = new Tape();
        (double, double, double) best = (startForget, startInput, double.PositiveInfinity);
        for (int it = 0; it <= iterations; it++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            tape.Reset();
            adam.ZeroGrad();
            var w = tape.Param(warp);
            var y = work.Forward(tape, tape.Constant(batch.X), null, Ops.Slice(w, 0, 1, 1), Ops.Slice(w, 0, 0, 1));
            var loss = Ops.MaskedMseLoss(y, tape.Constant(batch.Y), batch.W);
            if (loss.Item < best.Item3)
            {
                best = (warp.Value[0], warp.Value[1], loss.Item);
            }

            if (it == iterations)
            {
                break;
            }

            tape.Backward(loss);
            adam.Step();
            warp.Value.Span[0] = Math.Clamp(warp.Value[0], -range, range);
            warp.Value.Span[1] = Math.Clamp(warp.Value[1], -range, range);
        }

        return best;
    }
}
