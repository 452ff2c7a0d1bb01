namespace SciTransfer.Core.Random;

/// <summary>
/// Presents an <see cref="Rng"/> as a <see cref="System.Random"/> so MathNet samplers
/// (which take a System.Random) draw from our seeded streams.
/// </summary>
public sealed class RngRandomAdapter : System.Random
{
    private readonly Rng _rng;

    /// <summary>Wraps <paramref name="rng"/>; the adapter advances it.</summary>
    public RngRandomAdapter(Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        _rng = rng;
    }

    /// <inheritdoc />
    public override double NextDouble() => _rng.NextDouble();

    /// <inheritdoc />
    protected override double Sample() => _rng.NextDouble();

    /// <inheritdoc />
    public override int Next() => _rng.NextInt(int.MaxValue);

    /// <inheritdoc />
    public override int Next(int maxValue) => maxValue <= 1 ? 0 : _rng.NextInt(maxValue);

    /// <inheritdoc />
    public override int Next(int minValue, int maxValue) =>
        maxValue - minValue <= 1 ? minValue : minValue + _rng.NextInt(maxValue - minValue);

    /// <inheritdoc />
    public override long NextInt64() => (long)(_rng.NextUInt64() >> 1);

    /// <inheritdoc />
    public override void NextBytes(Span<byte> buffer)
    {
        for (int i = 0; i < buffer.Length; i += 8)
        {
            ulong v = _rng.NextUInt64();
            for (int k = 0; k < 8 && i + k < buffer.Length; k++)
            {
                buffer[i + k] = (byte)(v >> (8 * k));
            }
        }
    }

    /// <inheritdoc />
    public override void NextBytes(byte[] buffer) => NextBytes(buffer.AsSpan());
}
