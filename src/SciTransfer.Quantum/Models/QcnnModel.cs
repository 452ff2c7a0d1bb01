using SciTransfer.Core.Random;
using SciTransfer.Quantum.Backends;
using SciTransfer.Quantum.Noise;
using SciTransfer.Quantum.Qcnn;
using SciTransfer.Quantum.Simulation;

namespace SciTransfer.Quantum.Models;

/// <summary>
/// The QCNN as a classifier: p(1) = (1 - &lt;Z_4&gt;) / 2, trained on binary cross-entropy with adjoint
/// gradients from the backend (one forward pass for the probabilities, one adjoint pass weighted by dL/d&lt;Z&gt;).
/// With a non-exact <see cref="NisqEstimator"/> (shots and/or noise) every &lt;Z&gt; is the device estimate and the
/// gradient is parameter shift on it; the shot stream of each call is a hash of (parameters, samples), so training
/// stays deterministic for a seed and independent of threads.
/// </summary>
public sealed class QcnnModel : BinaryModelKind
{
    private readonly NisqEstimator _nisq;

    /// <summary>Creates the model on a backend (shared; backends are thread-safe).</summary>
    public QcnnModel(QcnnCircuit circuit, QuantumBackend backend, NisqEstimator? nisq = null)
    {
        Qcnn = circuit;
        _nisq = nisq ?? new NisqEstimator(backend, NoiseModel.None, 0, 0);
        FrozenByFreezeConv = new bool[circuit.Circuit.ParameterCount];
        foreach (int k in circuit.ConvParameters)
        {
            FrozenByFreezeConv[k] = true;
        }
    }

    /// <summary>The circuit.</summary>
    public QcnnCircuit Qcnn { get; }

    /// <inheritdoc/>
    public override string Name => "qcnn";

    /// <inheritdoc/>
    public override int ParameterCount => Qcnn.Circuit.ParameterCount;

    /// <inheritdoc/>
    public override bool[] FrozenByFreezeConv { get; }

    /// <inheritdoc/>
    public override double[] Initialize(Rng rng)
    {
        var p = new double[ParameterCount];
        rng.FillUniform(p, 0, 2 * Math.PI);
        return p;
    }

    /// <inheritdoc/>
    public override void Probabilities(double[] parameters, LabelledSet data, Span<double> probabilities)
    {
        var z = new double[data.Count];
        _nisq.Expectations(Qcnn.Circuit, parameters, Input(data), Qcnn.ReadoutObservable, z, Stream(parameters, data));
        for (int i = 0; i < z.Length; i++)
        {
            probabilities[i] = 0.5 * (1 - z[i]);
        }
    }

    /// <inheritdoc/>
    public override double LossAndGradient(double[] parameters, LabelledSet batch, Span<double> gradient)
    {
        var input = Input(batch);
        var z = new double[batch.Count];
        ulong stream = Stream(parameters, batch);
        _nisq.Expectations(Qcnn.Circuit, parameters, input, Qcnn.ReadoutObservable, z, stream);
        var w = new double[batch.Count];
        double loss = 0;
        for (int i = 0; i < z.Length; i++)
        {
            loss += CrossEntropy(0.5 * (1 - z[i]), batch.Labels[i], out double dp);
            w[i] = -0.5 * dp / batch.Count; // dL/d<Z> = dL/dp * dp/d<Z>
        }

        _nisq.Gradient(Qcnn.Circuit, parameters, input, Qcnn.ReadoutObservable, w, gradient, stream ^ 0x5DEECE66DUL);
        return loss / batch.Count;
    }

    // A hash of everything the evaluation depends on: distinct calls draw distinct shots, equal calls equal shots.
    private static ulong Stream(double[] parameters, LabelledSet data)
    {
        ulong h = 0x243F6A8885A308D3UL;
        void Mix(double v) => h = Core.Random.SplitMix64.Mix(h ^ (ulong)BitConverter.DoubleToInt64Bits(v));
        foreach (double v in parameters)
        {
            Mix(v);
        }

        foreach (double v in data.Features)
        {
            Mix(v);
        }

        foreach (double v in data.States ?? [])
        {
            Mix(v);
        }

        foreach (int l in data.Labels)
        {
            Mix(l);
        }

        return h;
    }

    private BatchInput Input(LabelledSet data) => Qcnn.Encoding == QcnnEncoding.Angle
        ? new BatchInput(data.Count, data.FeatureCount, data.Features)
        : new BatchInput(data.Count, 0, ReadOnlyMemory<double>.Empty, data.States ?? throw new ArgumentException("QcnnModel: amplitude encoding needs states"));
}
