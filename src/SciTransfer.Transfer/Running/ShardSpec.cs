using System.Globalization;
using SciTransfer.Transfer.Errors;

namespace SciTransfer.Transfer.Running;

/// <summary>Shard K of N (1-based): the cells whose index in the plan is congruent to K-1 modulo N.</summary>
public sealed record ShardSpec(int Index, int Count)
{
    /// <summary>Parses "K/N" with 1 &lt;= K &lt;= N.</summary>
    public static ShardSpec Parse(string text)
    {
        string[] parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int k)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n)
            && n >= 1 && k >= 1 && k <= n)
        {
            return new ShardSpec(k, n);
        }

        throw new ConfigException("command line", "--shard", $"expected K/N with 1 <= K <= N, found '{text}'");
    }

    /// <summary>True when the plan's cell number <paramref name="cellIndex"/> belongs to this shard.</summary>
    public bool Contains(int cellIndex) => cellIndex % Count == Index - 1;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
