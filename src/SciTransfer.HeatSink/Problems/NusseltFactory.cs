using SciTransfer.HeatSink.Data;
using SciTransfer.Transfer.Data;
using SciTransfer.Transfer.Options;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.HeatSink.Problems;

/// <summary>Registers <see cref="NusseltProblem"/>; options and the data block are documented in docs/heat-sink.md.</summary>
internal sealed class NusseltFactory : IProblemFactory
{
    /// <inheritdoc/>
    public string Name => NusseltProblem.ProblemName;

    /// <inheritdoc/>
    public string Summary => "average-Nu network of channel designs: water CFD designs -> a few sodium designs, data + correlation prior (generated designs or the user's CFD table)";

    /// <inheritdoc/>
    public OptionSet Options => NusseltSettings.Declared;

    /// <inheritdoc/>
    public DataSpec? Data => NusseltTable.Spec;

    /// <inheritdoc/>
    public ITransferProblem Create(ProblemOptions options, ProblemSettings settings) =>
        new NusseltProblem(NusseltSettings.From(options))
        {
            Warnings = Core.Gpu.EngineDevices.IsAccelerated(settings.Device)
                ? [$"device '{settings.Device}': the Nusselt network has no device path; it trains on the CPU"]
                : [],
        };
}
