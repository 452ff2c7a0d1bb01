using System.Globalization;

namespace SciTransfer.Quantum.Qasm;

/// <summary>Token kinds of OpenQASM 2.</summary>
internal enum QasmTokenKind
{
    Identifier,
    Number,
    String,
    Symbol,
    End,
}

/// <summary>One token with its 1-based position.</summary>
internal readonly record struct QasmToken(QasmTokenKind Kind, string Text, double Value, int Line, int Column);

/// <summary>Splits OpenQASM 2 text into tokens; // comments are skipped.</summary>
internal static class QasmLexer
{
    public static List<QasmToken> Tokenize(string text, string source)
    {
        var tokens = new List<QasmToken>();
        int i = 0, line = 1, col = 1;
        void Advance(int count)
        {
            for (int k = 0; k < count; k++)
            {
                if (text[i] == '\n')
                {
                    line++;
                    col = 1;
                }
                else
                {
                    col++;
                }

                i++;
            }
        }

        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c))
            {
                Advance(1);
                continue;
            }

            if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    Advance(1);
                }

                continue;
            }

            int startLine = line, startCol = col;
            if (char.IsLetter(c) || c == '_')
            {
                int j = i;
                while (j < text.Length && (char.IsLetterOrDigit(text[j]) || text[j] == '_'))
                {
                    j++;
                }

                tokens.Add(new QasmToken(QasmTokenKind.Identifier, text[i..j], 0, startLine, startCol));
                Advance(j - i);
            }
            else if (char.IsDigit(c) || (c == '.' && i + 1 < text.Length && char.IsDigit(text[i + 1])))
            {
                int j = i;
                while (j < text.Length && (char.IsDigit(text[j]) || text[j] == '.'))
                {
                    j++;
                }

                if (j < text.Length && (text[j] == 'e' || text[j] == 'E'))
                {
                    int k = j + 1;
                    if (k < text.Length && (text[k] == '+' || text[k] == '-'))
                    {
                        k++;
                    }

                    if (k < text.Length && char.IsDigit(text[k]))
                    {
                        j = k;
                        while (j < text.Length && char.IsDigit(text[j]))
                        {
                            j++;
                        }
                    }
                }

                string s = text[i..j];
                if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
                {
                    throw new QasmException(source, startLine, startCol, $"'{s}' is not a number");
                }

                tokens.Add(new QasmToken(QasmTokenKind.Number, s, v, startLine, startCol));
                Advance(j - i);
            }
            else if (c == '"')
            {
                int j = text.IndexOf('"', i + 1);
                if (j < 0 || text.AsSpan(i, j - i).Contains('\n'))
                {
                    throw new QasmException(source, startLine, startCol, "unterminated string");
                }

                tokens.Add(new QasmToken(QasmTokenKind.String, text[(i + 1)..j], 0, startLine, startCol));
                Advance(j + 1 - i);
            }
            else if (c == '-' && i + 1 < text.Length && text[i + 1] == '>')
            {
                tokens.Add(new QasmToken(QasmTokenKind.Symbol, "->", 0, startLine, startCol));
                Advance(2);
            }
            else if (c == '=' && i + 1 < text.Length && text[i + 1] == '=')
            {
                tokens.Add(new QasmToken(QasmTokenKind.Symbol, "==", 0, startLine, startCol));
                Advance(2);
            }
            else if ("[](){};,+-*/^".Contains(c))
            {
                tokens.Add(new QasmToken(QasmTokenKind.Symbol, c.ToString(), 0, startLine, startCol));
                Advance(1);
            }
            else
            {
                throw new QasmException(source, startLine, startCol, $"unexpected character '{c}'");
            }

        }

        tokens.Add(new QasmToken(QasmTokenKind.End, "end of input", 0, line, col));
        return tokens;
    }
}
