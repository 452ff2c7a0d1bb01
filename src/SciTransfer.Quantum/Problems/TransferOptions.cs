using SciTransfer.Quantum.Models;
using SciTransfer.Quantum.Qcnn;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.Quantum.Problems;

/// <summary>Options shared by the quantum transfer problems (read strictly from the config's "options").</summary>
/// <param name="Model">"qcnn" or "classical".</param>
/// <param name="Conv">QCNN conv block: ttn, so4, su4 (also sets the classical baseline's parameter budget).</param>
/// <param name="Source">Training of the source model.</param>
/// <param name="Target">Training on target data (scratch, fine-tune, freeze-conv, oracle).</param>
/// <param name="SourceSamples">Source training samples.</param>
/// <param name="PoolSize">Target pool size (largest n).</param>
/// <param name="TestSize">Target test samples.</param>
public sealed record TransferOptions(
    string Model,
    ConvAnsatz Conv,
    TrainingOptions Source,
    TrainingOptions Target,
    int SourceSamples,
    int PoolSize,
    int TestSize)
{
    /// <summary>Model kinds.</summary>
    public static IReadOnlyList<string> Models { get; } = ["qcnn", "classical"];

    /// <summary>Reads the common options; quick mode shrinks steps and sets.</summary>
    public static TransferOptions Read(OptionsReader o, ProblemSettings settings, int defaultSource, int defaultPool, int defaultTest)
    {
        bool q = settings.Quick;
        string model = o.GetChoice("model", "qcnn", [.. Models]);
        var conv = ConvBlocks.Parse(o.GetChoice("conv", "su4", ["ttn", "so4", "su4"]));
        int batch = o.GetInt("batch_size", 25, 1, 100_000);
        double lr = o.GetDouble("learning_rate", 0.05, 1e-6, 10);
        var source = new TrainingOptions(o.GetInt("source_steps", q ? 60 : 300, 0, 1_000_000), batch, lr);
        var target = new TrainingOptions(o.GetInt("steps", q ? 30 : 150, 0, 1_000_000), batch, lr);
        return new TransferOptions(
            model,
            conv,
            source,
            target,
            o.GetInt("source_samples", q ? Math.Min(defaultSource, 100) : defaultSource, 2, 100_000),
            o.GetInt("pool_size", q ? Math.Min(defaultPool, 64) : defaultPool, 1, 100_000),
            o.GetInt("test_size", q ? Math.Min(defaultTest, 100) : defaultTest, 1, 100_000));
    }
}
