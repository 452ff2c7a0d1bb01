using SciTransfer.Quantum.Simulation;

namespace SciTransfer.Quantum.Qcnn;

/// <summary>How classical inputs enter the QCNN.</summary>
public enum QcnnEncoding
{
    /// <summary>RY(x_i) on wire i for one feature per wire (data slots).</summary>
    Angle,
    /// <summary>The sample is a normalised 2^n-amplitude initial state.</summary>
    Amplitude,
}

/// <summary>
/// The Hur-Kim-Park QCNN, generalised to n wires. Each layer works on the active wires w_0 &lt; ... &lt; w_{m-1}:
/// conv on (w_0, w_{m-1}), then (w_0, w_1), (w_2, w_3), ..., then (w_1, w_2), (w_3, w_4), ... (one pair (w_0, w_1)
/// when m = 2); then pooling (w_{2i+1} -> w_{2i}) keeps the even positions (w_0 -> w_1 when m = 2, keeping w_1). Layers
/// repeat until <see cref="ReadoutWires"/> wires remain. At n = 8 with one readout wire this is exactly their circuit:
/// conv1 on (0,7),(0,1),(2,3),(4,5),(6,7),(1,2),(3,4),(5,6); pool1 (1->0),(3->2),(5->4),(7->6); conv2 (0,6),(0,2),(4,6),
/// (2,4); pool2 (2->0),(6->4); conv3 (0,4); pool3 (0->4); readout &lt;Z&gt; on wire 4. One conv block's and one pooling
/// block's parameters are shared within a layer; parameters are laid out conv1, pool1, conv2, pool2, ...
/// Layers: 3 at n = 8, 4 at n = 10, 12 and 16 (10 -> 5 -> 3 -> 2 -> 1; odd counts keep the last wire unpaired).
/// </summary>
public sealed class QcnnCircuit
{
    /// <summary>Builds the 8-qubit circuit with the default pooling (<see cref="PoolingAnsatz.Zx"/>) and one readout wire.</summary>
    public QcnnCircuit(ConvAnsatz ansatz, QcnnEncoding encoding)
        : this(ansatz, encoding, QubitCount)
    {
    }

    /// <summary>Builds the circuit.</summary>
    /// <param name="ansatz">Conv block.</param>
    /// <param name="encoding">Input encoding.</param>
    /// <param name="qubits">Width n, 2..<see cref="MaxQubits"/> (the study widths are 8, 10, 12, 16).</param>
    /// <param name="pooling">Pooling block.</param>
    /// <param name="readoutWires">Wires left for the readout (1: binary &lt;Z&gt;; r: 2^r outcome probabilities).</param>
    public QcnnCircuit(ConvAnsatz ansatz, QcnnEncoding encoding, int qubits, PoolingAnsatz pooling = PoolingAnsatz.Zx, int readoutWires = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(qubits, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(qubits, MaxQubits);
        ArgumentOutOfRangeException.ThrowIfLessThan(readoutWires, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(readoutWires, qubits);
        Ansatz = ansatz;
        Encoding = encoding;
        Qubits = qubits;
        Pooling = pooling;
        var b = new CircuitBuilder(qubits);
        if (encoding == QcnnEncoding.Angle)
        {
            b.AngleEncoding();
        }

        int k = ConvBlocks.ParameterCount(ansatz);
        int v = PoolingBlocks.ParameterCount(pooling);
        var conv = new List<int>();
        var pool = new List<int>();
        ParamRef[] NewParams(int count, List<int> group)
        {
            var r = new ParamRef[count];
            for (int i = 0; i < count; i++)
            {
                r[i] = b.NewParameter();
                group.Add(r[i].Index);
            }

            return r;
        }

        var active = Enumerable.Range(0, qubits).ToList();
        int layers = 0;
        while (active.Count > readoutWires)
        {
            var c = NewParams(k, conv);
            foreach (var (x, y) in ConvPairs(active))
            {
                ConvBlocks.Append(b, ansatz, c, x, y);
            }

            var p = NewParams(v, pool);
            var (pairs, kept) = PoolPairs(active, readoutWires);
            foreach (var (s, t) in pairs)
            {
                PoolingBlocks.Append(b, pooling, p, s, t);
            }

            active = kept;
            layers++;
        }

        Circuit = b.Build();
        Layers = layers;
        ConvParameters = [.. conv];
        PoolParameters = [.. pool];
        ReadoutWireList = [.. active];
        ReadoutObservable = PauliString.Z(active[^1]);
    }

    /// <summary>Width of the default (Hur-Kim-Park) circuit.</summary>
    public const int QubitCount = 8;

    /// <summary>Readout wire of the default circuit.</summary>
    public const int ReadoutWire = 4;

    /// <summary>Widest circuit built (the managed backend holds a batch of 16-qubit states easily; wider is for the GPU).</summary>
    public const int MaxQubits = 24;

    /// <summary>Conv block family.</summary>
    public ConvAnsatz Ansatz { get; }

    /// <summary>Pooling block.</summary>
    public PoolingAnsatz Pooling { get; }

    /// <summary>Input encoding.</summary>
    public QcnnEncoding Encoding { get; }

    /// <summary>Width n.</summary>
    public int Qubits { get; }

    /// <summary>Conv + pool layers.</summary>
    public int Layers { get; }

    /// <summary>The compiled circuit (n data slots for angle encoding).</summary>
    public CompiledCircuit Circuit { get; }

    /// <summary>Indices of conv-block parameters (frozen by the freeze-conv strategy).</summary>
    public int[] ConvParameters { get; }

    /// <summary>Indices of pooling parameters.</summary>
    public int[] PoolParameters { get; }

    /// <summary>The wires left after the last pooling, ascending (outcome bit j of a multi-class readout is wire j of this list).</summary>
    public IReadOnlyList<int> ReadoutWires => ReadoutWireList;

    /// <summary>Z on the last readout wire; binary p(class 1) = (1 - &lt;Z&gt;) / 2.</summary>
    public PauliString ReadoutObservable { get; }

    /// <summary>The readout observable of the default circuit: Z on wire 4.</summary>
    public static PauliString Readout { get; } = PauliString.Z(ReadoutWire);

    private int[] ReadoutWireList { get; }

    /// <summary>Parameters of the default 8-qubit circuit: 3 |U| + 6.</summary>
    public static int ExpectedParameterCount(ConvAnsatz ansatz) => (3 * ConvBlocks.ParameterCount(ansatz)) + 6;

    /// <summary>Parameters: L (|U| + |V|) with L the layer count of the width (computed independently of the builder).</summary>
    public static int ExpectedParameterCount(ConvAnsatz ansatz, int qubits, PoolingAnsatz pooling, int readoutWires = 1)
    {
        int layers = 0;
        for (int m = qubits; m > readoutWires; m -= Math.Min(m / 2, m - readoutWires))
        {
            layers++;
        }

        return layers * (ConvBlocks.ParameterCount(ansatz) + PoolingBlocks.ParameterCount(pooling));
    }

    /// <summary>Conv pairs of one layer over the active wires.</summary>
    public static List<(int A, int B)> ConvPairs(IReadOnlyList<int> active)
    {
        ArgumentNullException.ThrowIfNull(active);
        int m = active.Count;
        if (m == 2)
        {
            return [(active[0], active[1])];
        }

        var pairs = new List<(int, int)> { (active[0], active[m - 1]) };
        for (int i = 0; i + 1 < m; i += 2)
        {
            pairs.Add((active[i], active[i + 1]));
        }

        for (int i = 1; i + 1 < m; i += 2)
        {
            pairs.Add((active[i], active[i + 1]));
        }

        return pairs;
    }

    /// <summary>Pooling pairs (source, sink) of one layer and the wires kept; never fewer than <paramref name="keep"/> remain.</summary>
    public static (List<(int Source, int Sink)> Pairs, List<int> Kept) PoolPairs(IReadOnlyList<int> active, int keep)
    {
        ArgumentNullException.ThrowIfNull(active);
        int m = active.Count;
        if (m == 2)
        {
            // Hur-Kim-Park's last layer pools (0 -> 4): the first wire into the second.
            return ([(active[0], active[1])], [active[1]]);
        }

        int pools = Math.Min(m / 2, m - keep);
        var pairs = new List<(int, int)>();
        var dropped = new HashSet<int>();
        for (int i = 0; i < pools; i++)
        {
            pairs.Add((active[(2 * i) + 1], active[2 * i]));
            dropped.Add(active[(2 * i) + 1]);
        }

        return (pairs, [.. active.Where(w => !dropped.Contains(w))]);
    }
}
