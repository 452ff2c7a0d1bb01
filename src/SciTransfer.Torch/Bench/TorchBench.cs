using System.Diagnostics;
using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace SciTransfer.Torch.Bench;

/// <summary>
/// <c>scitransfer bench lstm-step|pinn-step --engine torchsharp</c>: the workloads of shared/peers/torch_lstm.py and
/// torch_pinn.py written the way a PyTorch user writes them, through TorchSharp (libtorch 2.10, CPU, float64), timed
/// like <c>scitransfer bench</c> times the core engine (median of timed steps after >= 3 and >= 0.5 s of warm-up).
/// Lines are the peers' lines with <c>engine=torchsharp</c> added.
/// </summary>
public static class TorchBench
{
    /// <summary>The workloads with a TorchSharp version.</summary>
    public static IReadOnlyList<string> Workloads { get; } = ["lstm-step", "pinn-step"];

    /// <summary>Options accepted per workload (besides --engine).</summary>
    public static IReadOnlyList<string> OptionKeys(string workload) =>
        workload == "pinn-step" ? ["threads", "reps", "points"] : ["threads", "reps"];

    /// <summary>Runs <paramref name="workload"/> with integer options (threads, reps, points) and prints its lines.</summary>
    public static void Run(string workload, IReadOnlyDictionary<string, int> options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        TorchRuntime.EnsureLoaded();
        int threads = options.GetValueOrDefault("threads", 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        torch.set_num_threads(threads);
        torch.manual_seed(0);
        switch (workload)
        {
            case "lstm-step":
                Lstm(threads, options.GetValueOrDefault("reps", 20), output);
                break;
            case "pinn-step":
                Pinn(threads, options.GetValueOrDefault("points", 10000), options.GetValueOrDefault("reps", 10), output);
                break;
            default:
                throw new ArgumentException($"bench: workload '{workload}' has no TorchSharp version; those that do: {string.Join(", ", Workloads)}");
        }
    }

    private static void Lstm(int threads, int reps, TextWriter output)
    {
        var lstm = nn.LSTM(10, 64, batchFirst: true, dtype: float64);
        var head = nn.Sequential(
            nn.Linear(64, 32, dtype: float64), nn.ReLU(),
            nn.Linear(32, 16, dtype: float64), nn.ReLU(),
            nn.Linear(16, 1, dtype: float64));
        var opt = optim.Adam(lstm.parameters().Concat(head.parameters()), 1e-3);
        var x = randn(64, 48, 10, dtype: float64);
        var y = randn(64, 48, 1, dtype: float64);
        void Step()
        {
            using var scope = NewDisposeScope();
            opt.zero_grad();
            var (h, _, _) = lstm.call(x);
            var loss = (head.call(h) - y).pow(2).mean();
            loss.backward();
            opt.step();
        }

        double ms = MedianMs(Step, 3, reps);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lstm_train_step_b64_t48_h64 float64 threads={threads} engine=torchsharp ms={ms:F3}"));

        var xs = randn(1, 12000, 10, dtype: float64);
        void Infer()
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var (h, _, _) = lstm.call(xs);
            head.call(h);
        }

        double msInfer = MedianMs(Infer, 3, Math.Max(3, reps / 4));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lstm_infer_seq12000 float64 threads={threads} engine=torchsharp ms={msInfer:F3}"));
    }

    private static void Pinn(int threads, int points, int reps, TextWriter output)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 1);
        var layers = new List<nn.Module<Tensor, Tensor>> { nn.Linear(2, 50, dtype: float64), nn.Tanh() };
        for (int i = 0; i < 3; i++)
        {
            layers.Add(nn.Linear(50, 50, dtype: float64));
            layers.Add(nn.Tanh());
        }

        layers.Add(nn.Linear(50, 1, dtype: float64));
        var net = nn.Sequential(layers);
        var opt = optim.Adam(net.parameters(), 1e-3);
        var xy = rand(points, 2, dtype: float64, requires_grad: true);
        Tensor f;
        using (no_grad())
        {
            f = 2 * Math.PI * Math.PI * sin(Math.PI * xy[.., 0..1]) * sin(Math.PI * xy[.., 1..2]);
        }

        // As torch_pinn.py: second derivatives by nested reverse mode (create_graph), the DeepXDE way.
        void Step()
        {
            using var scope = NewDisposeScope();
            opt.zero_grad();
            var u = net.call(xy);
            var g = autograd.grad([u.sum()], [xy], retain_graph: true, create_graph: true)[0];
            var uxx = autograd.grad([g[.., 0].sum()], [xy], retain_graph: true, create_graph: true)[0][.., 0..1];
            var uyy = autograd.grad([g[.., 1].sum()], [xy], retain_graph: true, create_graph: true)[0][.., 1..2];
            var loss = (uxx + uyy + f).pow(2).mean();
            loss.backward();
            opt.step();
        }

        double ms = MedianMs(Step, 2, reps);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"pinn_poisson_step_mlp4x50 float64 threads={threads} engine=torchsharp N={points} ms={ms:F2} points_per_s={points / ms * 1e3:F0}"));
    }

    private static double MedianMs(Action step, int warmup, int reps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(reps, 1);
        long warmStart = Stopwatch.GetTimestamp();
        for (int i = 0; i < warmup || Stopwatch.GetElapsedTime(warmStart).TotalSeconds < 0.5; i++)
        {
            step();
        }

        var times = new double[reps];
        for (int i = 0; i < reps; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            step();
            times[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        }

        Array.Sort(times);
        return reps % 2 == 1 ? times[reps / 2] : 0.5 * (times[(reps / 2) - 1] + times[reps / 2]);
    }
}
