namespace SciTransfer.Quantum.Simulation;

/// <summary>
/// Builds a <see cref="CompiledCircuit"/>. Wires are 0..n-1 (qubit k = bit k of the basis index).
/// Trainable parameters are allocated with <see cref="NewParameter"/> and can be shared by several gates.
/// </summary>
public sealed class CircuitBuilder
{
    private readonly List<GateOp> _ops = [];
    private int _parameters;
    private int _dataWidth;

    /// <summary>Starts a circuit on <paramref name="qubitCount"/> wires (1..30).</summary>
    public CircuitBuilder(int qubitCount)
    {
        if (qubitCount is < 1 or > 30)
        {
            throw new ArgumentOutOfRangeException(nameof(qubitCount), qubitCount, "CircuitBuilder: qubit count must be 1..30");
        }

        QubitCount = qubitCount;
    }

    /// <summary>Number of wires.</summary>
    public int QubitCount { get; }

    /// <summary>Trainable parameters allocated so far.</summary>
    public int ParameterCount => _parameters;

    /// <summary>Gates added so far.</summary>
    public int GateCount => _ops.Count;

    /// <summary>Allocates a new trainable parameter and returns a reference to it.</summary>
    public ParamRef NewParameter() => ParamRef.Param(_parameters++);

    /// <summary>Declares at least <paramref name="width"/> data slots per sample.</summary>
    public CircuitBuilder UseData(int width)
    {
        _dataWidth = Math.Max(_dataWidth, width);
        return this;
    }

    /// <summary>Adds a one-wire gate with optional controls.</summary>
    public CircuitBuilder Gate1(GateKind kind, int target, ReadOnlySpan<ParamRef> angles, ReadOnlySpan<int> controls = default)
    {
        if (GateKinds.Arity(kind) != 1 || kind == GateKind.Unitary1)
        {
            throw new ArgumentException($"CircuitBuilder.Gate1: {kind} is not a built-in one-wire gate", nameof(kind));
        }

        return Add(kind, target, -1, controls, angles, null);
    }

    /// <summary>Adds a two-wire gate with optional controls.</summary>
    public CircuitBuilder Gate2(GateKind kind, int target0, int target1, ReadOnlySpan<ParamRef> angles, ReadOnlySpan<int> controls = default)
    {
        if (GateKinds.Arity(kind) != 2 || kind == GateKind.Unitary2)
        {
            throw new ArgumentException($"CircuitBuilder.Gate2: {kind} is not a built-in two-wire gate", nameof(kind));
        }

        return Add(kind, target0, target1, controls, angles, null);
    }

    /// <summary>Adds an arbitrary 2x2 unitary (8 doubles, row-major interleaved complex), optionally controlled.</summary>
    public CircuitBuilder Unitary(int target, ReadOnlySpan<double> matrix, ReadOnlySpan<int> controls = default)
    {
        CheckUnitary(matrix, 2);
        return Add(GateKind.Unitary1, target, -1, controls, [], matrix.ToArray());
    }

    /// <summary>Adds an arbitrary 4x4 unitary (32 doubles, basis |a b>, a = <paramref name="target0"/>), optionally controlled.</summary>
    public CircuitBuilder Unitary(int target0, int target1, ReadOnlySpan<double> matrix, ReadOnlySpan<int> controls = default)
    {
        CheckUnitary(matrix, 4);
        return Add(GateKind.Unitary2, target0, target1, controls, [], matrix.ToArray());
    }

    /// <summary>Pauli X.</summary>
    public CircuitBuilder X(int q) => Gate1(GateKind.X, q, []);

    /// <summary>Pauli Y.</summary>
    public CircuitBuilder Y(int q) => Gate1(GateKind.Y, q, []);

    /// <summary>Pauli Z.</summary>
    public CircuitBuilder Z(int q) => Gate1(GateKind.Z, q, []);

    /// <summary>Hadamard.</summary>
    public CircuitBuilder H(int q) => Gate1(GateKind.H, q, []);

    /// <summary>S.</summary>
    public CircuitBuilder S(int q) => Gate1(GateKind.S, q, []);

    /// <summary>T.</summary>
    public CircuitBuilder T(int q) => Gate1(GateKind.T, q, []);

    /// <summary>RX.</summary>
    public CircuitBuilder RX(int q, ParamRef theta) => Gate1(GateKind.RX, q, [theta]);

    /// <summary>RY.</summary>
    public CircuitBuilder RY(int q, ParamRef theta) => Gate1(GateKind.RY, q, [theta]);

    /// <summary>RZ.</summary>
    public CircuitBuilder RZ(int q, ParamRef theta) => Gate1(GateKind.RZ, q, [theta]);

    /// <summary>U3(theta, phi, lambda).</summary>
    public CircuitBuilder U3(int q, ParamRef theta, ParamRef phi, ParamRef lambda) => Gate1(GateKind.U3, q, [theta, phi, lambda]);

    /// <summary>CNOT (control, target).</summary>
    public CircuitBuilder CNOT(int control, int target) => Gate1(GateKind.X, target, [], [control]);

    /// <summary>CZ.</summary>
    public CircuitBuilder CZ(int control, int target) => Gate1(GateKind.Z, target, [], [control]);

    /// <summary>Controlled RX.</summary>
    public CircuitBuilder CRX(int control, int target, ParamRef theta) => Gate1(GateKind.RX, target, [theta], [control]);

    /// <summary>Controlled RY.</summary>
    public CircuitBuilder CRY(int control, int target, ParamRef theta) => Gate1(GateKind.RY, target, [theta], [control]);

    /// <summary>Controlled RZ.</summary>
    public CircuitBuilder CRZ(int control, int target, ParamRef theta) => Gate1(GateKind.RZ, target, [theta], [control]);

    /// <summary>SWAP.</summary>
    public CircuitBuilder Swap(int a, int b) => Gate2(GateKind.Swap, a, b, []);

    /// <summary>IsingXX.</summary>
    public CircuitBuilder IsingXX(int a, int b, ParamRef phi) => Gate2(GateKind.IsingXX, a, b, [phi]);

    /// <summary>IsingYY.</summary>
    public CircuitBuilder IsingYY(int a, int b, ParamRef phi) => Gate2(GateKind.IsingYY, a, b, [phi]);

    /// <summary>IsingZZ.</summary>
    public CircuitBuilder IsingZZ(int a, int b, ParamRef phi) => Gate2(GateKind.IsingZZ, a, b, [phi]);

    /// <summary>Angle encoding: RY(scale * x_i) on wire i for data slots 0..n-1.</summary>
    public CircuitBuilder AngleEncoding(double scale = 1.0)
    {
        UseData(QubitCount);
        for (int q = 0; q < QubitCount; q++)
        {
            RY(q, ParamRef.Data(q, scale));
        }

        return this;
    }

    /// <summary>Freezes the gate list.</summary>
    public CompiledCircuit Build() => new(QubitCount, [.. _ops], _parameters, _dataWidth);

    private CircuitBuilder Add(GateKind kind, int t0, int t1, ReadOnlySpan<int> controls, ReadOnlySpan<ParamRef> angles, double[]? matrix)
    {
        CheckWire(t0, kind);
        if (t1 >= 0)
        {
            CheckWire(t1, kind);
            if (t1 == t0)
            {
                throw new ArgumentException($"CircuitBuilder: {kind} on wires ({t0},{t1}) needs two distinct wires");
            }
        }

        long mask = 0;
        foreach (int c in controls)
        {
            CheckWire(c, kind);
            if (c == t0 || c == t1 || (mask & (1L << c)) != 0)
            {
                throw new ArgumentException($"CircuitBuilder: control wire {c} of {kind} repeats a target or control");
            }

            mask |= 1L << c;
        }

        if (angles.Length != GateKinds.AngleCount(kind))
        {
            throw new ArgumentException($"CircuitBuilder: {kind} takes {GateKinds.AngleCount(kind)} angles, got {angles.Length}");
        }

        foreach (var a in angles)
        {
            if (a.Source == ParamSource.Trainable && (a.Index < 0 || a.Index >= _parameters))
            {
                throw new ArgumentException($"CircuitBuilder: {kind} uses parameter {a.Index}, but only {_parameters} were allocated");
            }

            if (a.Source == ParamSource.Data)
            {
                if (a.Index < 0)
                {
                    throw new ArgumentException($"CircuitBuilder: {kind} uses data slot {a.Index}");
                }

                UseData(a.Index + 1);
            }
        }

        _ops.Add(new GateOp(kind, t0, t1, mask, angles.ToArray(), matrix));
        return this;
    }

    private void CheckWire(int q, GateKind kind)
    {
        if (q < 0 || q >= QubitCount)
        {
            throw new ArgumentOutOfRangeException(nameof(q), q, $"CircuitBuilder: {kind} on wire {q}, circuit has {QubitCount} wires");
        }
    }

    private static void CheckUnitary(ReadOnlySpan<double> m, int d)
    {
        if (m.Length != 2 * d * d)
        {
            throw new ArgumentException($"CircuitBuilder.Unitary: a {d}x{d} matrix needs {2 * d * d} doubles, got {m.Length}");
        }

        for (int r = 0; r < d; r++)
        {
            for (int c = 0; c < d; c++)
            {
                double re = 0, im = 0;
                for (int k = 0; k < d; k++)
                {
                    // (U U^dagger)[r,c] = sum_k U[r,k] conj(U[c,k])
                    double ar = m[2 * ((r * d) + k)], ai = m[(2 * ((r * d) + k)) + 1];
                    double br = m[2 * ((c * d) + k)], bi = -m[(2 * ((c * d) + k)) + 1];
                    re += (ar * br) - (ai * bi);
                    im += (ar * bi) + (ai * br);
                }

                if (Math.Abs(re - (r == c ? 1 : 0)) > 1e-9 || Math.Abs(im) > 1e-9)
                {
                    throw new ArgumentException($"CircuitBuilder.Unitary: the {d}x{d} matrix is not unitary (U U^dagger [{r},{c}] = {re}+{im}i)");
                }
            }
        }
    }
}
