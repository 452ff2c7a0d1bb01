namespace SciTransfer.Transfer.Cluster;

/// <summary>Quotes words for bash so paths with spaces, quotes or <c>$</c> reach the program unchanged.</summary>
public static class ShellQuote
{
    /// <summary>
    /// <paramref name="word"/> as one bash word: unchanged when it holds only safe characters
    /// (letters, digits, <c>-_./:=@%+,</c>), else in single quotes with each <c>'</c> written as <c>'\''</c>.
    /// </summary>
    public static string Quote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=@%+,".Contains(c, StringComparison.Ordinal)))
        {
            return word;
        }

        return "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    /// <summary>The words quoted and joined by spaces: a command line to paste into bash.</summary>
    public static string Join(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));
}
