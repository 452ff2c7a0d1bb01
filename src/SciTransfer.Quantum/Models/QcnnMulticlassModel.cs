using SciTransfer.Core.Random;
using SciTransfer.Quantum.Backends;
using SciTransfer.Quantum.Qcnn;
using SciTransfer.Quantum.Simulation;

namespace SciTransfer.Quantum.Models;

/// <summary>
/// The QCNN as a k-class classifier (k &gt; 2): the circuit stops at r = ceil(log2 k) readout wires and
/// <see cref="QcnnMulticlass"/> gives the k outcome probabilities, the cross-entropy and its adjoint gradient; the decision
/// is the most probable class. Exact expectations only (shots and noise use the binary readout).
/// </summary>
public sealed class QcnnMulticlassModel : BinaryModelKind
{
    private readonly QcnnMulticlass _readout;

    /// <summary>Creates the model; <paramref name="circuit"/> must have at least ceil(log2 k) readout wires.</summary>
    public QcnnMulticlassModel(QcnnCircuit circuit, QuantumBackend backend, int classes)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        _readout = new QcnnMulticlass(circuit, backend, classes);
        FrozenByFreezeConv = new bool[circuit.Circuit.ParameterCount];
        foreach (int k in circuit.ConvParameters)
        {
            FrozenByFreezeConv[k] = true;
        }
    }

    /// <summary>Readout wires needed for <paramref name="classes"/> outcomes: ceil(log2 k).</summary>
    public static int ReadoutWiresFor(int classes) => classes <= 2 ? 1 : 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)(classes - 1));

    /// <summary>The circuit.</summary>
    public QcnnCircuit Qcnn => _readout.Qcnn;

    /// <inheritdoc/>
    public override string Name => "qcnn";

    /// <inheritdoc/>
    public override int Classes => _readout.Classes;

    /// <inheritdoc/>
    public override int ParameterCount => Qcnn.Circuit.ParameterCount;

    /// <inheritdoc/>
    public override bool[] FrozenByFreezeConv { get; }

    /// <inheritdoc/>
    public override double[] Initialize(Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var p = new double[ParameterCount];
        rng.FillUniform(p, 0, 2 * Math.PI);
        return p;
    }

    /// <summary>Class probabilities, row-major Count x k.</summary>
    public double[] ClassProbabilities(double[] parameters, LabelledSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var p = new double[data.Count * Classes];
        _readout.Probabilities(parameters, Input(data), p);
        return p;
    }

    /// <inheritdoc/>
    public override void Probabilities(double[] parameters, LabelledSet data, Span<double> probabilities)
    {
        var p = ClassProbabilities(parameters, data);
        for (int i = 0; i < data.Count; i++)
        {
            probabilities[i] = p[(i * Classes) + 1];
        }
    }

    /// <inheritdoc/>
    public override int[] Classify(double[] parameters, LabelledSet data)
    {
        var p = ClassProbabilities(parameters, data);
        return [.. Enumerable.Range(0, data.Count).Select(i => ArgMax(p.AsSpan(i * Classes, Classes)))];
    }

    /// <inheritdoc/>
    public override double LossAndGradient(double[] parameters, LabelledSet batch, Span<double> gradient)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return _readout.LossAndGradient(parameters, Input(batch), batch.Labels, gradient);
    }

    private BatchInput Input(LabelledSet data) => Qcnn.Encoding == QcnnEncoding.Angle
        ? new BatchInput(data.Count, data.FeatureCount, data.Features)
        : new BatchInput(data.Count, 0, ReadOnlyMemory<double>.Empty, data.States ?? throw new ArgumentException("QcnnMulticlassModel: amplitude encoding needs states"));
}
