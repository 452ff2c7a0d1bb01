using SciTransfer.Quantum.Backends;
using SciTransfer.Quantum.Qcnn;
using SciTransfer.Quantum.Simulation;

namespace SciTransfer.Quantum.Models;

/// <summary>
/// Multi-class readout of a QCNN with r readout wires (<see cref="QcnnCircuit.ReadoutWires"/>): class c in 0..k-1
/// (k &lt;= 2^r) is the outcome whose bit j is the measured value of readout wire j, with probability
/// P(c) = 2^-r sum over subsets S of the readout wires of (-1)^{|c and S|} &lt;Z_S&gt; (the projector onto c written in
/// Z strings). Outcomes k..2^r-1 count as wrong. Loss: mean cross-entropy -log P(y) (P clamped at 1e-12). The gradient
/// is one adjoint sweep per non-empty S, weighted by dL/d&lt;Z_S&gt;_b = -2^-r (-1)^{|y_b and S|} / (B P_b(y_b)).
/// This is Hur-Kim-Park's qml.probs readout with cross-entropy, generalised to k classes.
/// </summary>
public sealed class QcnnMulticlass
{
    private readonly QuantumBackend _backend;
    private readonly PauliString[] _strings; // index S = 1..2^r-1: Z on the readout wires of S's bits

    /// <summary>Creates the readout.</summary>
    /// <param name="circuit">A QCNN with r = ReadoutWires.Count readout wires.</param>
    /// <param name="backend">Simulator backend.</param>
    /// <param name="classes">k, 2..2^r.</param>
    public QcnnMulticlass(QcnnCircuit circuit, QuantumBackend backend, int classes)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(backend);
        int r = circuit.ReadoutWires.Count;
        if (classes < 2 || classes > 1 << r)
        {
            throw new ArgumentOutOfRangeException(nameof(classes), classes, $"{r} readout wire(s) give at most {1 << r} classes");
        }

        Qcnn = circuit;
        Classes = classes;
        _backend = backend;
        _strings = new PauliString[1 << r];
        for (int s = 1; s < 1 << r; s++)
        {
            long mask = 0;
            for (int j = 0; j < r; j++)
            {
                if (((s >> j) & 1) != 0)
                {
                    mask |= 1L << circuit.ReadoutWires[j];
                }
            }

            _strings[s] = new PauliString(0, 0, mask);
        }
    }

    /// <summary>The circuit.</summary>
    public QcnnCircuit Qcnn { get; }

    /// <summary>k.</summary>
    public int Classes { get; }

    /// <summary>Class probabilities, row-major B x k.</summary>
    public void Probabilities(ReadOnlySpan<double> parameters, BatchInput input, Span<double> probabilities)
    {
        ArgumentNullException.ThrowIfNull(input);
        var z = ZExpectations(parameters, input);
        for (int b = 0; b < input.Count; b++)
        {
            for (int c = 0; c < Classes; c++)
            {
                probabilities[(b * Classes) + c] = Outcome(z, b, c);
            }
        }
    }

    /// <summary>Mean cross-entropy over the batch and its gradient (overwritten).</summary>
    public double LossAndGradient(ReadOnlySpan<double> parameters, BatchInput input, ReadOnlySpan<int> labels, Span<double> gradient)
    {
        ArgumentNullException.ThrowIfNull(input);
        int n = input.Count;
        var z = ZExpectations(parameters, input);
        var py = new double[n];
        double loss = 0;
        for (int b = 0; b < n; b++)
        {
            if ((uint)labels[b] >= (uint)Classes)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), labels[b], $"sample {b}: label outside 0..{Classes - 1}");
            }

            py[b] = Math.Max(Outcome(z, b, labels[b]), 1e-12);
            loss -= Math.Log(py[b]);
        }

        gradient.Clear();
        double scale = 1.0 / _strings.Length; // 2^-r
        var w = new double[n];
        var values = new double[n];
        var g = new double[gradient.Length];
        for (int s = 1; s < _strings.Length; s++)
        {
            for (int b = 0; b < n; b++)
            {
                w[b] = -scale * Sign(labels[b], s) / (n * py[b]);
            }

            _backend.ExpectationsAndGradient(Qcnn.Circuit, parameters, input, _strings[s], w, values, g);
            for (int i = 0; i < g.Length; i++)
            {
                gradient[i] += g[i];
            }
        }

        return loss / n;
    }

    private double[][] ZExpectations(ReadOnlySpan<double> parameters, BatchInput input)
    {
        var z = new double[_strings.Length][];
        for (int s = 1; s < _strings.Length; s++)
        {
            z[s] = new double[input.Count];
            _backend.Expectations(Qcnn.Circuit, parameters, input, _strings[s], z[s]);
        }

        return z;
    }

    private double Outcome(double[][] z, int b, int c)
    {
        double p = 1; // S = {} : <I> = 1
        for (int s = 1; s < _strings.Length; s++)
        {
            p += Sign(c, s) * z[s][b];
        }

        return p / _strings.Length;
    }

    private static double Sign(int outcome, int subset) => (System.Numerics.BitOperations.PopCount((uint)(outcome & subset)) & 1) == 0 ? 1 : -1;
}
