using System.Numerics;
using SciTransfer.Core.Random;
using SciTransfer.Quantum.Backends;
using SciTransfer.Quantum.Models;
using SciTransfer.Quantum.Qcnn;
using SciTransfer.Quantum.Simulation;
using SciTransfer.Quantum.Tests.Support;

namespace SciTransfer.Quantum.Tests;

/// <summary>
/// Hur-Kim-Park conv and pooling blocks against dense 4x4 matrices built here gate by gate (an independent
/// construction: no simulator code), QCNN widths 8-16, and the multi-class readout's cross-entropy gradient.
/// </summary>
public class QcnnBlocksTests
{
    // Little-endian: wire 0 is bit 0 of the basis index, wire 1 is bit 1. The block acts on (a, b) = (0, 1).
    private static Complex[,] Gate(Complex[,] g, int target, int control = -1)
    {
        var m = new Complex[4, 4];
        for (int i = 0; i < 4; i++)
        {
            for (int o = 0; o < 4; o++)
            {
                int other = 1 - target;
                if (((i >> other) & 1) != ((o >> other) & 1))
                {
                    continue;
                }

                bool on = control < 0 || ((i >> control) & 1) == 1;
                int it = (i >> target) & 1, ot = (o >> target) & 1;
                m[o, i] = on ? g[ot, it] : (ot == it ? 1 : 0);
            }
        }

        return m;
    }

    private static Complex[,] Mul(Complex[,] a, Complex[,] b)
    {
        var m = new Complex[4, 4];
        for (int i = 0; i < 4; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                for (int k = 0; k < 4; k++)
                {
                    m[i, j] += a[i, k] * b[k, j];
                }
            }
        }

        return m;
    }

    private static readonly Complex I = Complex.ImaginaryOne;

    private static Complex[,] Rx(double t) => new Complex[,] { { Math.Cos(t / 2), -I * Math.Sin(t / 2) }, { -I * Math.Sin(t / 2), Math.Cos(t / 2) } };

    private static Complex[,] Ry(double t) => new Complex[,] { { Math.Cos(t / 2), -Math.Sin(t / 2) }, { Math.Sin(t / 2), Math.Cos(t / 2) } };

    private static Complex[,] Rz(double t) => new Complex[,] { { Complex.Exp(-I * t / 2), 0 }, { 0, Complex.Exp(I * t / 2) } };

    private static Complex[,] U3(double t, double f, double l) => new Complex[,]
    {
        { Math.Cos(t / 2), -Complex.Exp(I * l) * Math.Sin(t / 2) },
        { Complex.Exp(I * f) * Math.Sin(t / 2), Complex.Exp(I * (f + l)) * Math.Cos(t / 2) },
    };

    private static readonly Complex[,] X = { { 0, 1 }, { 1, 0 } };
    private static readonly Complex[,] Z = { { 1, 0 }, { 0, -1 } };
    private static readonly Complex[,] H = { { 1 / Math.Sqrt(2), 1 / Math.Sqrt(2) }, { 1 / Math.Sqrt(2), -1 / Math.Sqrt(2) } };

    /// <summary>The block's unitary as the product of its gates in time order (later gates multiply on the left).</summary>
    private static Complex[,] Dense(ConvAnsatz ansatz, double[] p)
    {
        const int A = 0, B = 1;
        Complex[][,] gates = ansatz switch
        {
            ConvAnsatz.Ttn => [Gate(Ry(p[0]), A), Gate(Ry(p[1]), B), Gate(X, B, A)],
            ConvAnsatz.So4 => [Gate(Ry(p[0]), A), Gate(Ry(p[1]), B), Gate(X, B, A), Gate(Ry(p[2]), A), Gate(Ry(p[3]), B), Gate(X, B, A), Gate(Ry(p[4]), A), Gate(Ry(p[5]), B)],
            ConvAnsatz.Su4 => [Gate(U3(p[0], p[1], p[2]), A), Gate(U3(p[3], p[4], p[5]), B), Gate(X, B, A), Gate(Ry(p[6]), A), Gate(Rz(p[7]), B), Gate(X, A, B), Gate(Ry(p[8]), A), Gate(X, B, A), Gate(U3(p[9], p[10], p[11]), A), Gate(U3(p[12], p[13], p[14]), B)],
            ConvAnsatz.U5 => [Gate(Rx(p[0]), A), Gate(Rx(p[1]), B), Gate(Rz(p[2]), A), Gate(Rz(p[3]), B), Gate(Rz(p[4]), A, B), Gate(Rz(p[5]), B, A), Gate(Rx(p[6]), A), Gate(Rx(p[7]), B), Gate(Rz(p[8]), A), Gate(Rz(p[9]), B)],
            ConvAnsatz.U6 => [Gate(Rx(p[0]), A), Gate(Rx(p[1]), B), Gate(Rz(p[2]), A), Gate(Rz(p[3]), B), Gate(Rx(p[4]), A, B), Gate(Rx(p[5]), B, A), Gate(Rx(p[6]), A), Gate(Rx(p[7]), B), Gate(Rz(p[8]), A), Gate(Rz(p[9]), B)],
            ConvAnsatz.U9 => [Gate(H, A), Gate(H, B), Gate(Z, B, A), Gate(Rx(p[0]), A), Gate(Rx(p[1]), B)],
            ConvAnsatz.U13 => [Gate(Ry(p[0]), A), Gate(Ry(p[1]), B), Gate(Rz(p[2]), A, B), Gate(Ry(p[3]), A), Gate(Ry(p[4]), B), Gate(Rz(p[5]), B, A)],
            ConvAnsatz.U14 => [Gate(Ry(p[0]), A), Gate(Ry(p[1]), B), Gate(Rx(p[2]), A, B), Gate(Ry(p[3]), A), Gate(Ry(p[4]), B), Gate(Rx(p[5]), B, A)],
            ConvAnsatz.U15 => [Gate(Ry(p[0]), A), Gate(Ry(p[1]), B), Gate(X, A, B), Gate(Ry(p[2]), A), Gate(Ry(p[3]), B), Gate(X, B, A)],
            _ => throw new ArgumentOutOfRangeException(nameof(ansatz)),
        };
        return Product(gates);
    }

    /// <summary>Pooling (source 0 -> sink 1) as a dense product.</summary>
    private static Complex[,] Dense(PoolingAnsatz pooling, double[] p)
    {
        const int S = 0, K = 1;
        Complex[][,] gates = pooling switch
        {
            PoolingAnsatz.Zx => [Gate(Rz(p[0]), K, S), Gate(X, S), Gate(Rx(p[1]), K, S)],
            PoolingAnsatz.Cz => [Gate(Z, K, S)],
            // Controlled Rot(phi, theta, omega) with Rot = RZ(omega) RY(theta) RZ(phi) as one controlled 2x2 matrix.
            PoolingAnsatz.CRot => [Gate(Mul2(Rz(p[2]), Mul2(Ry(p[1]), Rz(p[0]))), K, S)],
            _ => throw new ArgumentOutOfRangeException(nameof(pooling)),
        };
        return Product(gates);
    }

    private static Complex[,] Mul2(Complex[,] a, Complex[,] b)
    {
        var m = new Complex[2, 2];
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 2; j++)
            {
                m[i, j] = (a[i, 0] * b[0, j]) + (a[i, 1] * b[1, j]);
            }
        }

        return m;
    }

    private static Complex[,] Product(IEnumerable<Complex[,]> gates)
    {
        var u = new Complex[4, 4];
        for (int i = 0; i < 4; i++)
        {
            u[i, i] = 1;
        }

        foreach (var g in gates)
        {
            u = Mul(g, u);
        }

        return u;
    }

    /// <summary>The simulator's unitary: column i is the circuit applied to basis state i.</summary>
    private static Complex[,] Simulated(CompiledCircuit circuit, double[] p)
    {
        var initial = new double[4 * 8];
        for (int i = 0; i < 4; i++)
        {
            initial[(i * 8) + (2 * i)] = 1;
        }

        var states = new double[4 * 8];
        using var backend = new Backends.Managed.ManagedBackend();
        backend.Run(circuit, p, new BatchInput(4, 0, ReadOnlyMemory<double>.Empty, initial), states);
        var u = new Complex[4, 4];
        for (int col = 0; col < 4; col++)
        {
            for (int row = 0; row < 4; row++)
            {
                u[row, col] = new Complex(states[(col * 8) + (2 * row)], states[(col * 8) + (2 * row) + 1]);
            }
        }

        return u;
    }

    private static double MaxDiff(Complex[,] a, Complex[,] b)
    {
        double d = 0;
        for (int i = 0; i < 4; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                d = Math.Max(d, (a[i, j] - b[i, j]).Magnitude);
            }
        }

        return d;
    }

    [Theory]
    [InlineData(ConvAnsatz.Ttn, 2)]
    [InlineData(ConvAnsatz.U5, 10)]
    [InlineData(ConvAnsatz.U6, 10)]
    [InlineData(ConvAnsatz.U9, 2)]
    [InlineData(ConvAnsatz.U13, 6)]
    [InlineData(ConvAnsatz.U14, 6)]
    [InlineData(ConvAnsatz.U15, 4)]
    [InlineData(ConvAnsatz.So4, 6)]
    [InlineData(ConvAnsatz.Su4, 15)]
    public void Conv_block_has_the_published_parameter_count_and_the_unitary_of_its_gate_list(ConvAnsatz ansatz, int parameters)
    {
        var b = new CircuitBuilder(2);
        var refs = Enumerable.Range(0, parameters).Select(_ => b.NewParameter()).ToArray();
        ConvBlocks.Append(b, ansatz, refs, 0, 1);
        var circuit = b.Build();
        Assert.Equal(parameters, ConvBlocks.ParameterCount(ansatz));
        Assert.Equal(parameters, circuit.ParameterCount);
        var rng = new Rng((ulong)(11 + parameters));
        for (int trial = 0; trial < 3; trial++)
        {
            var p = RandomCircuits.RandomVector(rng, parameters, -Math.PI, Math.PI);
            double diff = MaxDiff(Dense(ansatz, p), Simulated(circuit, p));
            Assert.True(diff < 1e-12, $"{ansatz}: max |U_dense - U_sim| = {diff}");
        }

        Assert.Equal(ansatz, ConvBlocks.Parse(ConvBlocks.Names.Single(n => ConvBlocks.Parse(n) == ansatz)));
    }

    [Theory]
    [InlineData(PoolingAnsatz.Zx, 2)]
    [InlineData(PoolingAnsatz.Cz, 0)]
    [InlineData(PoolingAnsatz.CRot, 3)]
    public void Pooling_block_has_its_parameter_count_and_the_unitary_of_its_gate_list(PoolingAnsatz pooling, int parameters)
    {
        var b = new CircuitBuilder(2);
        var refs = Enumerable.Range(0, parameters).Select(_ => b.NewParameter()).ToArray();
        PoolingBlocks.Append(b, pooling, refs, 0, 1);
        var circuit = b.Build();
        Assert.Equal(parameters, PoolingBlocks.ParameterCount(pooling));
        Assert.Equal(parameters, circuit.ParameterCount);
        var p = RandomCircuits.RandomVector(new Rng(5), parameters, -Math.PI, Math.PI);
        double diff = MaxDiff(Dense(pooling, p), Simulated(circuit, p));
        Assert.True(diff < 1e-12, $"{pooling}: max |U_dense - U_sim| = {diff}");
    }

    [Fact]
    public void Eight_qubit_layout_is_hur_kim_parks()
    {
        var active = Enumerable.Range(0, 8).ToList();
        Assert.Equal([(0, 7), (0, 1), (2, 3), (4, 5), (6, 7), (1, 2), (3, 4), (5, 6)], QcnnCircuit.ConvPairs(active));
        var (pool1, kept1) = QcnnCircuit.PoolPairs(active, 1);
        Assert.Equal([(1, 0), (3, 2), (5, 4), (7, 6)], pool1);
        Assert.Equal([(0, 6), (0, 2), (4, 6), (2, 4)], QcnnCircuit.ConvPairs(kept1));
        var (pool2, kept2) = QcnnCircuit.PoolPairs(kept1, 1);
        Assert.Equal([(2, 0), (6, 4)], pool2);
        Assert.Equal([(0, 4)], QcnnCircuit.ConvPairs(kept2));
        var (pool3, kept3) = QcnnCircuit.PoolPairs(kept2, 1);
        Assert.Equal([(0, 4)], pool3);
        Assert.Equal([4], kept3);
        var q = new QcnnCircuit(ConvAnsatz.Su4, QcnnEncoding.Angle);
        Assert.Equal([4], q.ReadoutWires);
        Assert.Equal(QcnnCircuit.Readout, q.ReadoutObservable);
    }

    [Theory]
    [InlineData(8, 3)]
    [InlineData(10, 4)]
    [InlineData(12, 4)]
    [InlineData(16, 4)]
    public void Widths_8_to_16_have_layer_count_times_block_parameters(int qubits, int layers)
    {
        foreach (string conv in ConvBlocks.Names)
        {
            foreach (string pool in PoolingBlocks.Names)
            {
                var a = ConvBlocks.Parse(conv);
                var v = PoolingBlocks.Parse(pool);
                var q = new QcnnCircuit(a, QcnnEncoding.Angle, qubits, v);
                int expected = layers * (ConvBlocks.ParameterCount(a) + PoolingBlocks.ParameterCount(v));
                Assert.Equal(layers, q.Layers);
                Assert.Equal(expected, q.Circuit.ParameterCount);
                Assert.Equal(expected, QcnnCircuit.ExpectedParameterCount(a, qubits, v));
                Assert.Equal(layers * ConvBlocks.ParameterCount(a), q.ConvParameters.Length);
                Assert.Single(q.ReadoutWires);
            }
        }
    }

    [Fact]
    public void Sixteen_qubit_qcnn_runs_on_the_managed_backend_with_gradients_matching_finite_differences()
    {
        var rng = new Rng(16);
        var set = new LabelledSet(16, RandomCircuits.RandomVector(rng, 3 * 16, 0, Math.PI), [0, 1, 1]);
        using var backend = BackendSelector.Create("managed", 1, false);
        var model = new QcnnModel(new QcnnCircuit(ConvAnsatz.So4, QcnnEncoding.Angle, 16), backend);
        Assert.Equal(32, model.ParameterCount); // 4 layers x (6 + 2)
        var p = model.Initialize(rng);
        var probabilities = new double[3];
        model.Probabilities(p, set, probabilities);
        Assert.All(probabilities, x => Assert.InRange(x, 0, 1));
        var g = new double[p.Length];
        model.LossAndGradient(p, set, g);
        foreach (int k in new[] { 0, 13, 31 }) // a layer-1 conv angle, a layer-2 conv angle, the last pooling angle
        {
            var plus = (double[])p.Clone();
            var minus = (double[])p.Clone();
            plus[k] += 1e-6;
            minus[k] -= 1e-6;
            double fd = (model.LossAndGradient(plus, set, new double[p.Length]) - model.LossAndGradient(minus, set, new double[p.Length])) / 2e-6;
            Assert.True(Math.Abs(fd - g[k]) < 1e-6 * Math.Max(1, Math.Abs(fd)), $"parameter {k}: adjoint {g[k]} vs finite difference {fd}");
        }
    }

    [Theory]
    [InlineData(8, 3)]
    [InlineData(10, 4)]
    public void Multiclass_probabilities_equal_the_marginal_of_the_readout_wires_and_the_cross_entropy_gradient_matches_finite_differences(int qubits, int classes)
    {
        var rng = new Rng((ulong)(qubits + classes));
        var q = new QcnnCircuit(ConvAnsatz.U13, QcnnEncoding.Angle, qubits, PoolingAnsatz.CRot, readoutWires: 2);
        Assert.Equal(2, q.ReadoutWires.Count);
        using var backend = BackendSelector.Create("managed", 1, false);
        var model = new QcnnMulticlass(q, backend, classes);
        const int B = 4;
        var input = new BatchInput(B, qubits, RandomCircuits.RandomVector(rng, B * qubits, 0, Math.PI));
        var p = RandomCircuits.RandomVector(rng, q.Circuit.ParameterCount, 0, 2 * Math.PI);
        int[] labels = [0, 1, 2, classes - 1];

        // Probabilities against the marginal of the simulated final states (an independent path: no Pauli strings).
        var probs = new double[B * classes];
        model.Probabilities(p, input, probs);
        int doubles = 2 << qubits;
        var states = new double[B * doubles];
        backend.Run(q.Circuit, p, input, states);
        var marginal = new double[4];
        int[] wires = [.. q.ReadoutWires];
        for (int b = 0; b < B; b++)
        {
            Probabilities.Marginal(states.AsSpan(b * doubles, doubles), wires, marginal);
            for (int c = 0; c < classes; c++)
            {
                Assert.Equal(marginal[c], probs[(b * classes) + c], 12);
            }
        }

        var g = new double[p.Length];
        double loss = model.LossAndGradient(p, input, labels, g);
        double expectedLoss = Enumerable.Range(0, B).Average(b => -Math.Log(probs[(b * classes) + labels[b]]));
        Assert.Equal(expectedLoss, loss, 12);
        for (int k = 0; k < p.Length; k++)
        {
            var plus = (double[])p.Clone();
            var minus = (double[])p.Clone();
            plus[k] += 1e-6;
            minus[k] -= 1e-6;
            double fd = (model.LossAndGradient(plus, input, labels, new double[p.Length]) - model.LossAndGradient(minus, input, labels, new double[p.Length])) / 2e-6;
            Assert.True(Math.Abs(fd - g[k]) < 1e-6 * Math.Max(1, Math.Abs(fd)), $"parameter {k}: adjoint {g[k]} vs finite difference {fd}");
        }
    }
}
