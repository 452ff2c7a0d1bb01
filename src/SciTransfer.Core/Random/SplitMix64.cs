namespace SciTransfer.Core.Random;

/// <summary>
/// SplitMix64 (Steele, Lea, Flood 2014): a 64-bit mixer used to expand one seed into the
/// 256-bit xoshiro state and to derive child seeds. Never used as the main generator.
/// </summary>
public static class SplitMix64
{
    /// <summary>Advances <paramref name="state"/> by the golden-ratio increment and returns the mixed value.</summary>
    public static ulong Next(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    /// <summary>The SplitMix64 finaliser: a bijective avalanche of a 64-bit word.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
