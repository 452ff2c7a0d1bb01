using System.Numerics;

namespace SciTransfer.Core.Random;

/// <summary>
/// The project's own seeded generator: xoshiro256** (Blackman &amp; Vigna 2018), seeded through
/// SplitMix64. Not thread-safe by design: a stream belongs to one piece of work; split child
/// streams with <see cref="SeedTree"/> (by purpose) or <see cref="Split"/> instead of sharing.
/// </summary>
public sealed class Rng
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spareNormal;
    private bool _hasSpareNormal;

    /// <summary>Seeds the 256-bit state from one 64-bit seed via four SplitMix64 outputs.</summary>
    public Rng(ulong seed)
    {
        ulong sm = seed;
        _s0 = SplitMix64.Next(ref sm);
        _s1 = SplitMix64.Next(ref sm);
        _s2 = SplitMix64.Next(ref sm);
        _s3 = SplitMix64.Next(ref sm);
    }

    /// <summary>Creates a generator from a raw xoshiro state (used by the reference-vector test).</summary>
    public static Rng FromState(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        if ((s0 | s1 | s2 | s3) == 0)
        {
            throw new ArgumentException("xoshiro256** state must not be all zero.");
        }

        var rng = new Rng(0) { _s0 = s0, _s1 = s1, _s2 = s2, _s3 = s3 };
        return rng;
    }

    /// <summary>Next raw 64-bit output.</summary>
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / 9007199254740992.0);

    /// <summary>Uniform double in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public double Uniform(double low, double high) => low + ((high - low) * NextDouble());

    /// <summary>Uniform integer in [0, <paramref name="maxExclusive"/>), unbiased (Lemire's method).</summary>
    public int NextInt(int maxExclusive)
    {
        if (maxExclusive <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive, "must be positive");
        }

        ulong range = (ulong)maxExclusive;
        ulong product = Math.BigMul(NextUInt64(), range, out ulong low);
        if (low < range)
        {
            ulong threshold = (0UL - range) % range;
            while (low < threshold)
            {
                product = Math.BigMul(NextUInt64(), range, out low);
            }
        }

        return (int)product;
    }

    /// <summary>Uniform integer in [<paramref name="low"/>, <paramref name="highExclusive"/>).</summary>
    public int NextInt(int low, int highExclusive) => low + NextInt(highExclusive - low);

    /// <summary>Standard normal draw (Marsaglia polar method; the spare value is cached).</summary>
    public double Normal()
    {
        if (_hasSpareNormal)
        {
            _hasSpareNormal = false;
            return _spareNormal;
        }

        double u, v, s;
        do
        {
            u = (2.0 * NextDouble()) - 1.0;
            v = (2.0 * NextDouble()) - 1.0;
            s = (u * u) + (v * v);
        }
        while (s >= 1.0 || s == 0.0);

        double factor = Math.Sqrt(-2.0 * Math.Log(s) / s);
        _spareNormal = v * factor;
        _hasSpareNormal = true;
        return u * factor;
    }

    /// <summary>Normal draw with the given mean and standard deviation.</summary>
    public double Normal(double mean, double std) => mean + (std * Normal());

    /// <summary>Fills <paramref name="destination"/> with standard normal draws times <paramref name="scale"/>.</summary>
    public void FillNormal(Span<double> destination, double scale = 1.0)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = scale * Normal();
        }
    }

    /// <summary>Fills <paramref name="destination"/> with uniform draws in [low, high).</summary>
    public void FillUniform(Span<double> destination, double low, double high)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = Uniform(low, high);
        }
    }

    /// <summary>Fisher-Yates shuffle in place.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>A uniformly random permutation of 0..n-1.</summary>
    public int[] Permutation(int n)
    {
        var p = new int[n];
        for (int i = 0; i < n; i++)
        {
            p[i] = i;
        }

        Shuffle<int>(p);
        return p;
    }

    /// <summary>
    /// A child stream seeded from this stream's next output. Use when one piece of work needs
    /// several independent sub-streams in a fixed order (for example one per tree of a forest).
    /// </summary>
    public Rng Split() => new(SplitMix64.Mix(NextUInt64() ^ 0x6A09E667F3BCC909UL));
}
