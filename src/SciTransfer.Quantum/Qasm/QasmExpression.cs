namespace SciTransfer.Quantum.Qasm;

/// <summary>
/// An angle expression reduced to Scale * parameter + Offset (Parameter -1: a constant), the form a
/// <see cref="Simulation.ParamRef"/> holds. Products of two parameter terms or functions of parameters are refused.
/// </summary>
internal readonly record struct QasmAffine(int Parameter, double Scale, double Offset)
{
    public bool IsConstant => Parameter < 0;

    public static QasmAffine Constant(double v) => new(-1, 0, v);
}

/// <summary>Recursive-descent evaluation of OpenQASM 2 expressions: + - * / ^, unary minus, pi, sin cos tan exp ln sqrt.</summary>
internal sealed class QasmExpression(QasmParser parser)
{
    public QasmAffine Parse() => Sum();

    private QasmAffine Sum()
    {
        var left = Product();
        while (parser.Peek.Text is "+" or "-" && parser.Peek.Kind == QasmTokenKind.Symbol)
        {
            var op = parser.Next();
            var right = Product();
            double sign = op.Text == "+" ? 1 : -1;
            if (!left.IsConstant && !right.IsConstant && left.Parameter != right.Parameter)
            {
                throw parser.Error(op, "an angle may depend on one parameter only (it becomes scale * parameter + offset)");
            }

            left = new QasmAffine(left.IsConstant ? right.Parameter : left.Parameter, left.Scale + (sign * right.Scale), left.Offset + (sign * right.Offset));
        }

        return left;
    }

    private QasmAffine Product()
    {
        var left = Power();
        while (parser.Peek.Text is "*" or "/" && parser.Peek.Kind == QasmTokenKind.Symbol)
        {
            var op = parser.Next();
            var right = Power();
            if (op.Text == "*")
            {
                if (!left.IsConstant && !right.IsConstant)
                {
                    throw parser.Error(op, "a product of two parameters is not an affine angle");
                }

                left = left.IsConstant
                    ? new QasmAffine(right.Parameter, right.Scale * left.Offset, right.Offset * left.Offset)
                    : new QasmAffine(left.Parameter, left.Scale * right.Offset, left.Offset * right.Offset);
            }
            else
            {
                if (!right.IsConstant)
                {
                    throw parser.Error(op, "division by a parameter is not an affine angle");
                }

                if (right.Offset == 0)
                {
                    throw parser.Error(op, "division by zero");
                }

                left = new QasmAffine(left.Parameter, left.Scale / right.Offset, left.Offset / right.Offset);
            }
        }

        return left;
    }

    private QasmAffine Power()
    {
        var baseValue = Unary();
        if (parser.Peek.Text == "^" && parser.Peek.Kind == QasmTokenKind.Symbol)
        {
            var op = parser.Next();
            var exponent = Power(); // right associative
            if (!baseValue.IsConstant || !exponent.IsConstant)
            {
                throw parser.Error(op, "powers of parameters are not affine angles");
            }

            return QasmAffine.Constant(Math.Pow(baseValue.Offset, exponent.Offset));
        }

        return baseValue;
    }

    private QasmAffine Unary()
    {
        if (parser.Peek.Kind == QasmTokenKind.Symbol && parser.Peek.Text is "-" or "+")
        {
            var op = parser.Next();
            var v = Unary();
            return op.Text == "-" ? new QasmAffine(v.Parameter, -v.Scale, -v.Offset) : v;
        }

        return Primary();
    }

    private QasmAffine Primary()
    {
        var t = parser.Next();
        switch (t.Kind)
        {
            case QasmTokenKind.Number:
                return QasmAffine.Constant(t.Value);
            case QasmTokenKind.Symbol when t.Text == "(":
                var inner = Sum();
                parser.Expect(")");
                return inner;
            case QasmTokenKind.Identifier when t.Text == "pi":
                return QasmAffine.Constant(Math.PI);
            case QasmTokenKind.Identifier when parser.Peek.Text == "(" && Functions.ContainsKey(t.Text):
                parser.Next();
                var arg = Sum();
                parser.Expect(")");
                if (!arg.IsConstant)
                {
                    throw parser.Error(t, $"{t.Text}() of a parameter is not an affine angle");
                }

                return QasmAffine.Constant(Functions[t.Text](arg.Offset));
            case QasmTokenKind.Identifier:
                return new QasmAffine(parser.NamedParameter(t), 1, 0);
            default:
                throw parser.Error(t, $"expected a number, pi, a parameter name or '(', found '{t.Text}'");
        }
    }

    private static readonly Dictionary<string, Func<double, double>> Functions = new(StringComparer.Ordinal)
    {
        ["sin"] = Math.Sin,
        ["cos"] = Math.Cos,
        ["tan"] = Math.Tan,
        ["exp"] = Math.Exp,
        ["ln"] = Math.Log,
        ["sqrt"] = Math.Sqrt,
    };
}
