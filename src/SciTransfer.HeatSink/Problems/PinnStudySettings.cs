using SciTransfer.HeatSink.Pinn;
using SciTransfer.HeatSink.Solver;

namespace SciTransfer.HeatSink.Problems;

/// <summary>Resolved options of a water -> sodium PINN problem.</summary>
internal sealed record PinnStudySettings
{
    /// <summary>Source (water) case.</summary>
    public required HeatSinkCase Source { get; init; }

    /// <summary>Target (sodium) case.</summary>
    public required HeatSinkCase Target { get; init; }

    /// <summary>Hidden layer widths.</summary>
    public required int[] Hidden { get; init; }

    /// <summary>Source pre-training (water physics + water sensors).</summary>
    public required PinnTrainingOptions SourceTraining { get; init; }

    /// <summary>Target training for scratch and data-only.</summary>
    public required PinnTrainingOptions TargetTraining { get; init; }

    /// <summary>Learning rate of the fine-tune strategies.</summary>
    public required double FineTuneLearningRate { get; init; }

    /// <summary>Layers frozen by the fine-tune-head strategy.</summary>
    public required int HeadFrozenLayers { get; init; }

    /// <summary>L-BFGS iterations of the fine-tune+lbfgs strategy.</summary>
    public required int LbfgsSteps { get; init; }

    /// <summary>Water sensors used in pre-training (the plentiful water simulations).</summary>
    public required int SourceSensors { get; init; }

    /// <summary>Candidate sodium sensor positions (the target pool).</summary>
    public required int PoolSize { get; init; }

    /// <summary>Relative standard deviation of sensor noise (0: exact reference values).</summary>
    public required double SensorNoise { get; init; }

    /// <summary>Reference grid resolution (cells per unit length).</summary>
    public required int GridCellsPerUnit { get; init; }

    /// <summary>n_target whose repeat-0 cell emits the heat-map figures.</summary>
    public required int FigureN { get; init; }

    /// <summary>Measured sodium sensors (and reference field) from the data block; null: sensors drawn from the solver.</summary>
    public SensorDataSet? Data { get; init; }

    /// <summary>Inner and outer cutoff radii of the fin-root corner term of the sodium PINNs (null: no corner term).</summary>
    public (double Inner, double Outer)? CornerRadii { get; init; }

    /// <summary>Strategy whose field the figures show.</summary>
    public required string FigureStrategy { get; init; }
}
