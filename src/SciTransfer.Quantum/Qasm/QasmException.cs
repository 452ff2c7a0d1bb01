namespace SciTransfer.Quantum.Qasm;

/// <summary>An OpenQASM input error with its position: "source:line:column: message".</summary>
public sealed class QasmException : FormatException
{
    /// <summary>Creates the error.</summary>
    public QasmException(string source, int line, int column, string message)
        : base($"{source}:{line}:{column}: {message}")
    {
        Source = source;
        Line = line;
        Column = column;
    }

    /// <summary>File name (or "&lt;text&gt;").</summary>
    public new string Source { get; }

    /// <summary>1-based line.</summary>
    public int Line { get; }

    /// <summary>1-based column.</summary>
    public int Column { get; }
}
