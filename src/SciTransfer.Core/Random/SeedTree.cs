using System.Globalization;
using System.Text;

namespace SciTransfer.Core.Random;

/// <summary>
/// An immutable node of a seed hierarchy: (master seed, problem, repeat, purpose, ...) -> 64-bit key.
/// Children are derived by name or index, never by the order in which work runs, so every piece of
/// work gets the same stream whatever the thread count.
/// </summary>
public sealed class SeedTree
{
    /// <summary>Creates the root of a hierarchy from a master seed.</summary>
    public SeedTree(ulong masterSeed)
        : this(SplitMix64.Mix(masterSeed ^ 0x243F6A8885A308D3UL), "root")
    {
    }

    private SeedTree(ulong key, string path)
    {
        Key = key;
        Path = path;
    }

    /// <summary>The derived 64-bit key of this node; also the seed of <see cref="CreateRng"/>.</summary>
    public ulong Key { get; }

    /// <summary>Human-readable derivation path, e.g. "root/fuel-moisture/10h-to-1h/repeat:2/source".</summary>
    public string Path { get; }

    /// <summary>A child for a named purpose ("source", "subset", "strategy:fine-tune").</summary>
    public SeedTree Child(string purpose)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        ulong h = Fnv1a64(purpose);
        return new SeedTree(SplitMix64.Mix(Key ^ SplitMix64.Mix(h + 0x9E3779B97F4A7C15UL)), Path + "/" + purpose);
    }

    /// <summary>A child for an index (repeat number, tree number, ...).</summary>
    public SeedTree Child(int index) => Child("#" + index.ToString(CultureInfo.InvariantCulture));

    /// <summary>A fresh generator seeded by this node's key.</summary>
    public Rng CreateRng() => new(Key);

    /// <summary>A 31-bit non-negative seed for APIs that take an int (MathNet, System.Random).</summary>
    public int IntSeed => (int)(Key & 0x7FFFFFFF);

    /// <summary>FNV-1a 64 over UTF-8: stable across processes and runtimes (unlike string.GetHashCode).</summary>
    private static ulong Fnv1a64(string text)
    {
        ulong hash = 0xCBF29CE484222325UL;
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= 0x100000001B3UL;
        }

        return hash;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Path} ({Key:X16})";
}
