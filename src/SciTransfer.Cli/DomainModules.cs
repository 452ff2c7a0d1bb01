using SciTransfer.Transfer.Problems;

namespace SciTransfer.Cli;

/// <summary>Every domain module the command knows: one line per module (the only place domains are wired in).</summary>
internal static class DomainModules
{
    /// <summary>Modules in listing order.</summary>
    public static IReadOnlyList<IDomainModule> All { get; } =
    [
        new SciTransfer.Epidemiology.EpidemiologyModule(),
        new SciTransfer.FuelMoisture.FuelMoistureModule(),
        new SciTransfer.HeatSink.HeatSinkModule(),
        new SciTransfer.Quantum.QuantumModule(),
    ];
}
