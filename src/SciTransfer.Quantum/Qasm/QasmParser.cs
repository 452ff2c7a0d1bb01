using SciTransfer.Quantum.Simulation;

namespace SciTransfer.Quantum.Qasm;

/// <summary>
/// Parses OpenQASM 2 statements: the OPENQASM header, include "qelib1.inc", qreg, creg, qelib1 gate calls
/// (<see cref="QasmGate.Table"/>; whole-register arguments broadcast), barrier (ignored) and measure (final
/// measurements only: a gate after a measure on the same qubit is refused). gate/opaque definitions, reset and
/// if are refused with their position.
/// </summary>
internal sealed class QasmParser
{
    private readonly List<QasmToken> _tokens;
    private readonly string _source;
    private readonly bool _angleParameters;
    private readonly Dictionary<string, (bool Quantum, int Offset, int Size)> _registers = new(StringComparer.Ordinal);
    private readonly List<(string Name, int Offset, int Size)> _qregs = [];
    private readonly Dictionary<string, int> _named = new(StringComparer.Ordinal);
    private readonly List<string> _parameterNames = [];
    private readonly List<double> _initial = [];
    private readonly List<(QasmGate Gate, int[] Wires, QasmAffine[] Angles)> _gates = [];
    private readonly HashSet<int> _measured = [];
    private int _pos;
    private int _qubits;

    public QasmParser(string text, string source, bool angleParameters)
    {
        _source = source;
        _angleParameters = angleParameters;
        _tokens = QasmLexer.Tokenize(text, source);
    }

    public QasmToken Peek => _tokens[_pos];

    public QasmToken Next() => _tokens[_pos < _tokens.Count - 1 ? _pos++ : _pos];

    public QasmException Error(QasmToken at, string message) => new(_source, at.Line, at.Column, message);

    public QasmToken Expect(string symbol)
    {
        var t = Next();
        if (t.Kind != QasmTokenKind.Symbol || t.Text != symbol)
        {
            throw Error(t, $"expected '{symbol}', found '{t.Text}'");
        }

        return t;
    }

    /// <summary>Index of the trainable parameter a free identifier in an angle names (allocated on first use).</summary>
    public int NamedParameter(QasmToken name)
    {
        if (!_named.TryGetValue(name.Text, out int k))
        {
            k = _parameterNames.Count;
            _named[name.Text] = k;
            _parameterNames.Add(name.Text);
            _initial.Add(0);
        }

        return k;
    }

    public QasmProgram Parse()
    {
        Header();
        while (Peek.Kind != QasmTokenKind.End)
        {
            Statement();
        }

        if (_qubits == 0)
        {
            throw Error(Peek, "no qreg declared");
        }

        if (_qubits > 30)
        {
            throw Error(Peek, $"{_qubits} qubits declared; the simulator holds at most 30");
        }

        var b = new CircuitBuilder(_qubits);
        for (int k = 0; k < _parameterNames.Count; k++)
        {
            b.NewParameter();
        }

        foreach (var (gate, wires, angles) in _gates)
        {
            if (gate.Kind is not { } kind)
            {
                continue;
            }

            var refs = angles.Select(a => a.IsConstant ? ParamRef.Const(a.Offset) : new ParamRef(ParamSource.Trainable, a.Parameter, a.Scale, a.Offset)).ToArray();
            var controls = wires.AsSpan(0, gate.Controls);
            if (gate.Targets == 1)
            {
                b.Gate1(kind, wires[gate.Controls], refs, controls);
            }
            else
            {
                b.Gate2(kind, wires[gate.Controls], wires[gate.Controls + 1], refs, controls);
            }
        }

        return new QasmProgram(b.Build(), [.. _parameterNames], [.. _initial], [.. _qregs]);
    }

    private void Header()
    {
        var t = Next();
        if (t.Kind != QasmTokenKind.Identifier || t.Text != "OPENQASM")
        {
            throw Error(t, $"expected 'OPENQASM 2.0;' first, found '{t.Text}'");
        }

        var v = Next();
        if (v.Kind != QasmTokenKind.Number || Math.Floor(v.Value) != 2)
        {
            throw Error(v, $"only OpenQASM 2 is supported, found version '{v.Text}'");
        }

        Expect(";");
    }

    private void Statement()
    {
        var t = Next();
        if (t.Kind != QasmTokenKind.Identifier)
        {
            throw Error(t, $"expected a statement, found '{t.Text}'");
        }

        switch (t.Text)
        {
            case "include":
                var file = Next();
                if (file.Kind != QasmTokenKind.String)
                {
                    throw Error(file, "include needs a quoted file name");
                }

                if (file.Text != "qelib1.inc")
                {
                    throw Error(file, $"only \"qelib1.inc\" can be included, not \"{file.Text}\"");
                }

                Expect(";");
                break;
            case "qreg" or "creg":
                Register(t.Text == "qreg");
                break;
            case "barrier":
                Arguments(quantum: true);
                Expect(";");
                break;
            case "measure":
                var q = Argument(quantum: true);
                Expect("->");
                var c = Argument(quantum: false);
                if (q.Length != c.Length)
                {
                    throw Error(t, $"measure of {q.Length} qubits into {c.Length} bits");
                }

                Expect(";");
                _measured.UnionWith(q);
                break;
            case "gate" or "opaque" or "reset" or "if":
                throw Error(t, $"'{t.Text}' is not supported (the reader takes flat circuits of qelib1 gates)");
            default:
                GateCall(t);
                break;
        }
    }

    private void Register(bool quantum)
    {
        var name = Next();
        if (name.Kind != QasmTokenKind.Identifier)
        {
            throw Error(name, "expected a register name");
        }

        if (_registers.ContainsKey(name.Text))
        {
            throw Error(name, $"register '{name.Text}' is declared twice");
        }

        Expect("[");
        var size = Next();
        if (size.Kind != QasmTokenKind.Number || size.Value != Math.Floor(size.Value) || size.Value < 1 || size.Value > 30)
        {
            throw Error(size, $"register size must be an integer 1..30, found '{size.Text}'");
        }

        Expect("]");
        Expect(";");
        int n = (int)size.Value;
        _registers[name.Text] = (quantum, quantum ? _qubits : 0, n);
        if (quantum)
        {
            _qregs.Add((name.Text, _qubits, n));
            _qubits += n;
        }
    }

    private void GateCall(QasmToken name)
    {
        if (!QasmGate.Table.TryGetValue(name.Text, out var gate))
        {
            throw Error(name, $"unknown gate '{name.Text}' (supported: {string.Join(" ", QasmGate.Table.Keys)})");
        }

        var angles = new List<QasmAffine>();
        if (Peek.Kind == QasmTokenKind.Symbol && Peek.Text == "(")
        {
            Next();
            if (!(Peek.Kind == QasmTokenKind.Symbol && Peek.Text == ")"))
            {
                angles.Add(Angle(name, angles.Count));
                while (Peek.Kind == QasmTokenKind.Symbol && Peek.Text == ",")
                {
                    Next();
                    angles.Add(Angle(name, angles.Count));
                }
            }

            Expect(")");
        }

        if (angles.Count != gate.Parameters)
        {
            throw Error(name, $"gate '{name.Text}' takes {gate.Parameters} parameters, got {angles.Count}");
        }

        var args = Arguments(quantum: true);
        Expect(";");
        if (args.Count != gate.Qubits)
        {
            throw Error(name, $"gate '{name.Text}' takes {gate.Qubits} qubits, got {args.Count}");
        }

        // Broadcast: whole registers (all of one size) are applied element-wise.
        int length = 1;
        foreach (var a in args.Where(a => a.Length > 1))
        {
            if (length > 1 && a.Length != length)
            {
                throw Error(name, $"gate '{name.Text}' mixes registers of sizes {length} and {a.Length}");
            }

            length = a.Length;
        }

        QasmAffine[] full = name.Text == "u2" ? [QasmAffine.Constant(Math.PI / 2), angles[0], angles[1]] : [.. angles];
        for (int i = 0; i < length; i++)
        {
            int[] wires = [.. args.Select(a => a.Length == 1 ? a[0] : a[i])];
            if (wires.Distinct().Count() != wires.Length)
            {
                throw Error(name, $"gate '{name.Text}' uses a qubit twice");
            }

            if (wires.FirstOrDefault(_measured.Contains, -1) is var m && m >= 0)
            {
                throw Error(name, $"gate '{name.Text}' acts on wire {m} after it was measured (mid-circuit measurement is not supported)");
            }

            _gates.Add((gate, wires, full));
        }
    }

    // One angle; with angleParameters a constant angle becomes a trainable parameter starting at its value.
    private QasmAffine Angle(QasmToken gate, int slot)
    {
        var at = Peek;
        var a = new QasmExpression(this).Parse();
        if (_angleParameters && a.IsConstant)
        {
            int k = _parameterNames.Count;
            _parameterNames.Add($"{gate.Text}@{at.Line}:{at.Column}#{slot}");
            _initial.Add(a.Offset);
            return new QasmAffine(k, 1, 0);
        }

        return a;
    }

    private List<int[]> Arguments(bool quantum)
    {
        var list = new List<int[]> { Argument(quantum) };
        while (Peek.Kind == QasmTokenKind.Symbol && Peek.Text == ",")
        {
            Next();
            list.Add(Argument(quantum));
        }

        return list;
    }

    private int[] Argument(bool quantum)
    {
        var name = Next();
        if (name.Kind != QasmTokenKind.Identifier || !_registers.TryGetValue(name.Text, out var reg))
        {
            throw Error(name, $"'{name.Text}' is not a declared register");
        }

        if (reg.Quantum != quantum)
        {
            throw Error(name, $"'{name.Text}' is a {(reg.Quantum ? "qreg" : "creg")}, expected a {(quantum ? "qreg" : "creg")}");
        }

        if (Peek.Kind == QasmTokenKind.Symbol && Peek.Text == "[")
        {
            Next();
            var index = Next();
            if (index.Kind != QasmTokenKind.Number || index.Value != Math.Floor(index.Value) || index.Value < 0 || index.Value >= reg.Size)
            {
                throw Error(index, $"index '{index.Text}' is out of range for {name.Text}[{reg.Size}]");
            }

            Expect("]");
            return [reg.Offset + (int)index.Value];
        }

        return [.. Enumerable.Range(reg.Offset, reg.Size)];
    }
}
