using System.Diagnostics;
using SciTransfer.Core.Nn;
using SciTransfer.HeatSink.Nn;
using SciTransfer.HeatSink.Pinn;

namespace SciTransfer.HeatSink.Problems;

/// <summary>
/// One cell's copy of the water PINN as the generic fine-tuning strategies see it (<see cref="IModule"/>): the
/// network plus the log of its training, so that <see cref="WaterToSodiumInstance.Score(IModule)"/> can report
/// steps_to_target, which depends on the whole training run and not only on the final parameters. Belongs to one
/// cell (one thread).
/// </summary>
internal sealed class PinnCellModel : IModule
{
    /// <summary>Wraps <paramref name="network"/> (a fresh copy); the clock starts now.</summary>
    public PinnCellModel(FieldMlp network)
    {
        ArgumentNullException.ThrowIfNull(network);
        Network = network;
    }

    /// <summary>The network.</summary>
    public FieldMlp Network { get; }

    /// <summary>The last training run's log (null: not trained).</summary>
    public PinnTrainingLog? Log { get; set; }

    /// <summary>Wall clock from the copy's creation (seconds_to_target of an untrained copy).</summary>
    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    /// <inheritdoc/>
    public IReadOnlyList<Parameter> Parameters => Network.Parameters;
}
