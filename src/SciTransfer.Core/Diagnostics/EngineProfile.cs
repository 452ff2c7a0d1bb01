using System.Diagnostics;

namespace SciTransfer.Core.Diagnostics;

/// <summary>The engine phases that <see cref="EngineProfile"/> times (issue 20's profile of lstm-step and pinn-step).</summary>
public enum EnginePhase
{
    /// <summary>LSTM forward: copying [Wx; Wh; b] together and packing it for the per-step products.</summary>
    LstmPack,

    /// <summary>LSTM forward: the per-step products [x_t | h_{t-1} | 1] [Wx; Wh; b] ([B, in + H + 1] x [in + H + 1, 4H]).</summary>
    LstmGemmForward,

    /// <summary>LSTM forward: the fused gate pass (sigmoid/tanh of the gates, c_t, tanh c_t, h_t) and the x_t / h_t copies.</summary>
    LstmCellForward,

    /// <summary>LSTM backward: the elementwise gate derivatives of every step.</summary>
    LstmGateBackward,

    /// <summary>LSTM backward: the per-step products dA_t Wh^T ([B, 4H] x [4H, H]), packing Wh^T included.</summary>
    LstmGemmRecurrent,

    /// <summary>LSTM backward: the weight-gradient product dA^T [x | h | 1] ([4H, T B] x [T B, in + H + 1]) and its transposed add.</summary>
    LstmGemmWeights,

    /// <summary>PINN forward: the stacked products Z = S W per layer.</summary>
    PinnGemmForward,

    /// <summary>PINN forward: the activation rule (value, derivatives, Laplacian).</summary>
    PinnActivationForward,

    /// <summary>PINN backward: the activation rule's adjoint.</summary>
    PinnActivationBackward,

    /// <summary>PINN backward: the weight gradients S^T dZ.</summary>
    PinnGemmWeights,

    /// <summary>PINN backward: the state gradients dZ W^T.</summary>
    PinnGemmState,

    /// <summary>Adam's update over all parameters.</summary>
    AdamStep,
}

/// <summary>
/// Opt-in accounting of the engine's hot phases, for <c>scitransfer bench ... --profile STEPS</c>.
/// Off by default: then <see cref="Begin"/> returns 0 and <see cref="End"/> returns at once (one
/// static field read each, a few per op, far below a microsecond per training step). The clock is
/// the calling thread's CPU time on Linux (CLOCK_THREAD_CPUTIME_ID, so time spent waiting for a
/// core on a loaded machine is not counted; ~0.3 us per reading), else the Stopwatch. Not
/// thread-safe; meant for single-threaded benchmark runs (with more threads it sees the caller only).
/// </summary>
public static class EngineProfile
{
    private static readonly long[] s_ticks = new long[Enum.GetValues<EnginePhase>().Length];
    private static readonly long[] s_calls = new long[s_ticks.Length];

    /// <summary>Whether phases are timed.</summary>
    public static bool Enabled { get; set; }

    /// <summary>A start timestamp (0 when disabled).</summary>
    public static long Begin() => Enabled ? Now() : 0;

    /// <summary>Whether the clock is the thread's CPU time (Linux) rather than the Stopwatch's wall time.</summary>
    public static bool ThreadCpuClock { get; } = CpuClock.TryThreadNs(out _);

    /// <summary>The profile clock in nanoseconds (thread CPU time on Linux, else wall time).</summary>
    public static long Now()
    {
        if (ThreadCpuClock && CpuClock.TryThreadNs(out long ns))
        {
            return ns;
        }

        return (long)(Stopwatch.GetTimestamp() * (1e9 / Stopwatch.Frequency));
    }

    /// <summary>Adds the time since <paramref name="start"/> (from <see cref="Begin"/>) to <paramref name="phase"/>.</summary>
    public static void End(EnginePhase phase, long start)
    {
        if (Enabled)
        {
            s_ticks[(int)phase] += Now() - start;
            s_calls[(int)phase]++;
        }
    }

    /// <summary>Clears the accumulated times.</summary>
    public static void Clear()
    {
        Array.Clear(s_ticks);
        Array.Clear(s_calls);
    }

    /// <summary>Accumulated milliseconds of <paramref name="phase"/> since the last <see cref="Clear"/>.</summary>
    public static double Milliseconds(EnginePhase phase) => s_ticks[(int)phase] * 1e-6;

    /// <summary>Timed sections of <paramref name="phase"/> since the last <see cref="Clear"/>.</summary>
    public static long Calls(EnginePhase phase) => s_calls[(int)phase];
}
