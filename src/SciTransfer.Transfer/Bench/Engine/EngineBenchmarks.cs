namespace SciTransfer.Transfer.Bench.Engine;

/// <summary>The core engine's benchmark workloads (wired into <c>scitransfer bench</c> by the CLI).</summary>
public static class EngineBenchmarks
{
    /// <summary>lstm-step and pinn-step.</summary>
    public static IReadOnlyList<IBenchWorkload> All { get; } = [new LstmStepWorkload(), new PinnStepWorkload()];
}
