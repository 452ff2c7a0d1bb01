using SciTransfer.Quantum.Models;
using SciTransfer.Quantum.Noise;
using SciTransfer.Quantum.Qcnn;
using SciTransfer.Transfer.Options;

namespace SciTransfer.Quantum.Problems;

/// <summary>Options shared by the quantum transfer problems.</summary>
/// <param name="Model">"qcnn" or "classical".</param>
/// <param name="Conv">QCNN conv block: ttn, so4, su4 (also sets the classical baseline's parameter budget).</param>
/// <param name="Source">Training of the source model.</param>
/// <param name="Target">Training on target data (scratch, fine-tune, freeze-conv, oracle).</param>
/// <param name="SourceSamples">Source training samples.</param>
/// <param name="PoolSize">Target pool size (largest n).</param>
/// <param name="TestSize">Target test samples.</param>
/// <param name="Shots">QCNN measurement shots per expectation (0 = exact).</param>
/// <param name="Noise">QCNN gate noise (density-matrix simulation).</param>
/// <param name="ShotSeed">Seed of the shot sampling.</param>
/// <param name="Capacity">Classical MLP budget as a multiple of the QCNN's parameter count (1 = matched, 2 = twice).</param>
/// <param name="Paired">True: repeats are seeded from the comparison group, so the QCNN and classical entries of a study see
/// identical data, target subsets and seeds (paired differences in summary.csv and the report).</param>
/// <param name="Pooling">QCNN pooling block (also sets the classical baseline's budget through the QCNN's count).</param>
/// <param name="Qubits">QCNN width n (8 unless the problem offers the option <c>qubits</c>).</param>
/// <param name="Classes">Classes k of the task (2 unless <c>source_classes</c> / <c>target_classes</c> list more);
/// k &gt; 2 reads out ceil(log2 k) wires.</param>
internal sealed record TransferOptions(
    string Model,
    ConvAnsatz Conv,
    TrainingOptions Source,
    TrainingOptions Target,
    int SourceSamples,
    int PoolSize,
    int TestSize,
    int Shots,
    NoiseModel Noise,
    ulong ShotSeed,
    int Capacity,
    bool Paired = false,
    PoolingAnsatz Pooling = PoolingAnsatz.Zx,
    int Qubits = QcnnCircuit.QubitCount,
    int Classes = 2)
{
    /// <summary>The QCNN model kind.</summary>
    public const string Qcnn = "qcnn";

    /// <summary>The parameter-matched classical MLP.</summary>
    public const string Classical = "classical";

    /// <summary>
    /// The common declarations followed by the problem's own; quick mode shrinks steps to 60 / 30 and the sets to at
    /// most 100 source, 64 pool and 100 test samples.
    /// </summary>
    public static OptionSet Declare(int defaultSource, int defaultPool, int defaultTest, params OptionSpec[] own) => new(
    [
        OptionSpec.Choice("model", Qcnn, [Qcnn, Classical], "the 8-qubit QCNN or its parameter-matched classical MLP"),
        OptionSpec.Choice("conv", "su4", [.. ConvBlocks.Names], "QCNN conv block of Hur-Kim-Park: U_TTN, U_5, U_6, U_9, U_13, U_14, U_15, U_SO4, U_SU4 (also the classical baseline's parameter budget)"),
        OptionSpec.Choice("pooling", "zx", [.. PoolingBlocks.Names], "QCNN pooling block: zx (CRZ, X, CRX; 2 parameters), cz (parameter-free), crot (controlled Rot; 3 parameters)"),
        OptionSpec.Integer("source_steps", 300, 0, 1_000_000, "Adam steps on the source", quick: 60),
        OptionSpec.Integer("steps", 150, 0, 1_000_000, "Adam steps on target data (scratch, fine-tune, freeze-conv, oracle)", quick: 30),
        OptionSpec.Integer("batch_size", 25, 1, 100_000, "mini-batch size (capped at the training-set size)"),
        OptionSpec.Number("learning_rate", 0.05, 1e-6, 10, "Adam learning rate"),
        OptionSpec.Integer("source_samples", defaultSource, 2, 100_000, "source training samples", quick: QuickOrNull(defaultSource, 100)),
        OptionSpec.Integer("pool_size", defaultPool, 1, 100_000, "target pool size (the largest n)", quick: QuickOrNull(defaultPool, 64)),
        OptionSpec.Integer("test_size", defaultTest, 1, 100_000, "target test samples", quick: QuickOrNull(defaultTest, 100)),
        OptionSpec.Integer("shots", 0, 0, 1_000_000, "QCNN measurement shots per expectation value (0 = exact); with shots, gradients are parameter shift on sampled expectations"),
        OptionSpec.Number("noise_depolarizing", 0, 0, 1, "QCNN gate noise: depolarising probability p on each gate's wires (density-matrix simulation, <= 10 qubits)"),
        OptionSpec.Number("noise_amplitude_damping", 0, 0, 1, "QCNN gate noise: amplitude damping gamma on each gate's wires after every gate"),
        OptionSpec.Integer("capacity", 1, 1, 2, "classical MLP parameter budget as a multiple of the QCNN's count: 1 (matched) or 2"),
        OptionSpec.Boolean("paired", false, "seed repeats from the comparison group instead of the entry id, so every model of the group sees identical data, target subsets and seeds (paired statistics)"),
        OptionSpec.Integer("shot_seed", 1, 0, int.MaxValue, "seed of the shot sampling (mixed with the parameters and batch of each evaluation)"),
        .. own,
    ]);

    /// <summary>Reads the validated common values.</summary>
    /// <param name="o">The problem's options.</param>
    /// <param name="qubits">QCNN width (the problem's <c>qubits</c> option where it has one).</param>
    /// <param name="classes">Classes of the task (the length of its class lists).</param>
    /// <param name="classesOption">The option named in errors about k &gt; 2.</param>
    public static TransferOptions From(ProblemOptions o, int qubits = QcnnCircuit.QubitCount, int classes = 2, string classesOption = "target_classes")
    {
        ArgumentNullException.ThrowIfNull(o);
        int batch = o.Int("batch_size");
        double lr = o.Number("learning_rate");
        string model = o.Text("model");
        var noise = new NoiseModel(o.Number("noise_depolarizing"), o.Number("noise_amplitude_damping"));
        int shots = o.Int("shots");
        if (model != Qcnn && (shots > 0 || !noise.IsNoiseless))
        {
            throw o.Error(shots > 0 ? "shots" : noise.Depolarizing > 0 ? "noise_depolarizing" : "noise_amplitude_damping", $"shots and noise apply to model qcnn only, not '{model}'");
        }

        if (model == Qcnn && o.Int("capacity") != 1)
        {
            throw o.Error("capacity", "capacity sets the classical model's budget; use it with model classical");
        }

        if (!noise.IsNoiseless && qubits > DensityMatrix.MaxQubits)
        {
            throw o.Error(noise.Depolarizing > 0 ? "noise_depolarizing" : "noise_amplitude_damping", $"noise needs density-matrix simulation, limited to {DensityMatrix.MaxQubits} qubits; the QCNN has {qubits}");
        }

        if (classes > 2 && (shots > 0 || !noise.IsNoiseless))
        {
            throw o.Error(classesOption, $"{classes} classes use the exact multi-class readout; shots and noise need the binary readout (two classes)");
        }

        if (classes > 2 && QcnnMulticlassModel.ReadoutWiresFor(classes) >= qubits)
        {
            throw o.Error(classesOption, $"{classes} classes need {QcnnMulticlassModel.ReadoutWiresFor(classes)} readout wires, more than a {qubits}-qubit QCNN can keep");
        }

        return new TransferOptions(
            model,
            ConvBlocks.Parse(o.Text("conv")),
            new TrainingOptions(o.Int("source_steps"), batch, lr),
            new TrainingOptions(o.Int("steps"), batch, lr),
            o.Int("source_samples"),
            o.Int("pool_size"),
            o.Int("test_size"),
            shots,
            noise,
            (ulong)o.Int("shot_seed"),
            o.Int("capacity"),
            o.Bool("paired"),
            PoolingBlocks.Parse(o.Text("pooling")),
            qubits,
            classes);
    }

    /// <summary>The QCNN's parameter count and the classical MLP's (at <see cref="Capacity"/> times that budget).</summary>
    public (int Qcnn, int Classical) ParameterCounts(int classicalFeatures)
    {
        int q = QcnnCircuit.ExpectedParameterCount(Conv, Qubits, Pooling, QcnnMulticlassModel.ReadoutWiresFor(Classes));
        return (q, new ClassicalModel(classicalFeatures, Capacity * q, Classes).ParameterCount);
    }

    private static int? QuickOrNull(int defaultValue, int cap) => defaultValue > cap ? cap : null;
}
