using System.Diagnostics;
using System.Globalization;
using SciTransfer.Core.Optim;
using SciTransfer.Core.Random;
using SciTransfer.HeatSink.Nn;
using SciTransfer.HeatSink.Pinn;
using SciTransfer.Transfer.Bench;

namespace SciTransfer.HeatSink.Bench;

/// <summary>
/// The peer's PINN step (shared/peers/torch_pinn.py) through this domain's training path (<see cref="FieldMlp"/> on the
/// core engine's forward-Laplacian layers, <see cref="PinnTrainer.Evaluate"/> for the residual loss and its per-term
/// gradient, the engine's Adam): MLP 2-50-50-50-50-1 tanh, Poisson residual lap(u) + f at N random points, loss mean
/// r^2, one Adam step. float64 only; cells train single-threaded (they run in parallel instead), so it always
/// reports threads=1.
/// </summary>
internal sealed class PinnStepBench : IBenchWorkload
{
    /// <inheritdoc/>
    public string Name => "heat-sink-pinn-step";

    /// <inheritdoc/>
    public string Description => "PINN Poisson step through the heat-sink training path on the core engine (compare with torch_pinn.py)";

    /// <inheritdoc/>
    public IReadOnlyList<string> OptionKeys { get; } = ["threads", "points", "reps"];

    /// <inheritdoc/>
    public void Run(BenchArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        int n = arguments.GetInt("points", 10000);
        int reps = arguments.GetInt("reps", 10);
        var rng = new Rng(0);
        var net = new FieldMlp([2, 50, 50, 50, 50, 1], [0, 0], [1, 1]);
        net.Initialise(rng);
        var pts = new double[2 * n];
        rng.FillUniform(pts, 0, 1);
        var set = new ResidualSet("pde", pts, DerivativeOrder.Laplacian);
        for (int b = 0; b < n; b++)
        {
            set.Lap[b] = 1;
            set.Constant[b] = 2 * Math.PI * Math.PI * Math.Sin(Math.PI * pts[2 * b]) * Math.Sin(Math.PI * pts[(2 * b) + 1]);
        }

        var adam = new Adam(net.Parameters, 1e-3);
        var ws = new MlpWorkspace();
        var residuals = new List<double[]> { new double[n] };
        var grads = new List<double[]> { new double[net.ParameterCount] };
        var losses = new double[1];
        void Step()
        {
            PinnTrainer.Evaluate(net, [set], ws, residuals, losses, grads);
            net.SetGradients(grads[0]);
            adam.Step();
        }

        Step();
        Step();
        var times = new double[reps];
        for (int r = 0; r < reps; r++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var sw = Stopwatch.StartNew();
            Step();
            times[r] = sw.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        double ms = reps % 2 == 1 ? times[reps / 2] : 0.5 * (times[(reps / 2) - 1] + times[reps / 2]);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pinn_poisson_step_mlp4x50 float64 threads=1 N={n} ms={ms:F2} points_per_s={n / ms * 1e3:F0}"));
    }
}
