using SciTransfer.Quantum.Simulation;

namespace SciTransfer.Quantum.Qcnn;

/// <summary>How classical inputs enter the 8-qubit QCNN.</summary>
public enum QcnnEncoding
{
    /// <summary>RY(x_i) on wire i for 8 features (data slots).</summary>
    Angle,
    /// <summary>The sample is a normalised 256-amplitude initial state.</summary>
    Amplitude,
}

/// <summary>
/// The 8-qubit Hur-Kim-Park QCNN: conv1 on (0,7),(0,1),(2,3),(4,5),(6,7),(1,2),(3,4),(5,6); pool1
/// (1->0),(3->2),(5->4),(7->6); conv2 (0,6),(0,2),(4,6),(2,4); pool2 (2->0),(6->4); conv3 (0,4);
/// pool3 (0->4); read out &lt;Z&gt; on wire 4. One conv block's parameters are shared within a layer.
/// Pooling V(p0, p1) on (source s -> sink k) = CRZ(p0; s -> k), X(s), CRX(p1; s -> k): the deferred-measurement
/// form of measuring s and conditionally rotating k, so it stays unitary and differentiable.
/// Parameters: 3 |U| + 6, laid out conv1, pool1, conv2, pool2, conv3, pool3.
/// </summary>
public sealed class QcnnCircuit
{
    /// <summary>Builds the circuit.</summary>
    public QcnnCircuit(ConvAnsatz ansatz, QcnnEncoding encoding)
    {
        Ansatz = ansatz;
        Encoding = encoding;
        var b = new CircuitBuilder(QubitCount);
        if (encoding == QcnnEncoding.Angle)
        {
            b.AngleEncoding();
        }

        int k = ConvBlocks.ParameterCount(ansatz);
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

        var c1 = NewParams(k, conv);
        foreach (var (x, y) in new[] { (0, 7), (0, 1), (2, 3), (4, 5), (6, 7), (1, 2), (3, 4), (5, 6) })
        {
            ConvBlocks.Append(b, ansatz, c1, x, y);
        }

        var p1 = NewParams(2, pool);
        foreach (var (s, t) in new[] { (1, 0), (3, 2), (5, 4), (7, 6) })
        {
            Pool(b, p1, s, t);
        }

        var c2 = NewParams(k, conv);
        foreach (var (x, y) in new[] { (0, 6), (0, 2), (4, 6), (2, 4) })
        {
            ConvBlocks.Append(b, ansatz, c2, x, y);
        }

        var p2 = NewParams(2, pool);
        foreach (var (s, t) in new[] { (2, 0), (6, 4) })
        {
            Pool(b, p2, s, t);
        }

        var c3 = NewParams(k, conv);
        ConvBlocks.Append(b, ansatz, c3, 0, 4);
        var p3 = NewParams(2, pool);
        Pool(b, p3, 0, 4);
        Circuit = b.Build();
        ConvParameters = [.. conv];
        PoolParameters = [.. pool];
    }

    /// <summary>Wires of the QCNN.</summary>
    public const int QubitCount = 8;

    /// <summary>Readout wire.</summary>
    public const int ReadoutWire = 4;

    /// <summary>Conv block family.</summary>
    public ConvAnsatz Ansatz { get; }

    /// <summary>Input encoding.</summary>
    public QcnnEncoding Encoding { get; }

    /// <summary>The compiled circuit (8 data slots for angle encoding).</summary>
    public CompiledCircuit Circuit { get; }

    /// <summary>Indices of conv-block parameters (frozen by the freeze-conv strategy).</summary>
    public int[] ConvParameters { get; }

    /// <summary>Indices of pooling parameters.</summary>
    public int[] PoolParameters { get; }

    /// <summary>The readout observable Z on wire 4; p(class 1) = (1 - &lt;Z&gt;) / 2.</summary>
    public static PauliString Readout { get; } = PauliString.Z(ReadoutWire);

    /// <summary>3 |U| + 6.</summary>
    public static int ExpectedParameterCount(ConvAnsatz ansatz) => (3 * ConvBlocks.ParameterCount(ansatz)) + 6;

    private static void Pool(CircuitBuilder b, ParamRef[] p, int source, int sink)
    {
        b.CRZ(source, sink, p[0]);
        b.X(source);
        b.CRX(source, sink, p[1]);
    }
}
