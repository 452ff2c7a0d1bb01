namespace SciTransfer.Quantum.Qasm;

/// <summary>
/// Reads OpenQASM 2 circuits written elsewhere (Qiskit, QDK exports...) into the simulator's circuit type, so they
/// can be run and differentiated. Angles are expressions of numbers, pi, + - * / ^ and sin cos tan exp ln sqrt; an
/// undeclared identifier in an angle (an extension: OpenQASM 2 only allows them inside gate definitions) becomes a
/// named trainable parameter, and each angle must be affine in at most one of them. Errors are
/// <see cref="QasmException"/>s with "file:line:column".
/// </summary>
public static class QasmReader
{
    /// <summary>Parses QASM text.</summary>
    /// <param name="text">The program.</param>
    /// <param name="source">Name used in error messages.</param>
    /// <param name="angleParameters">When true every constant angle becomes a trainable parameter starting at its value (to differentiate a fixed circuit).</param>
    public static QasmProgram Parse(string text, string source = "<text>", bool angleParameters = false) =>
        new QasmParser(text, source, angleParameters).Parse();

    /// <summary>Reads a .qasm file.</summary>
    public static QasmProgram ReadFile(string path, bool angleParameters = false)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"OpenQASM file '{path}' does not exist", path);
        }

        return Parse(File.ReadAllText(path), path, angleParameters);
    }
}
