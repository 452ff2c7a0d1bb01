using System.Runtime.CompilerServices;

namespace SciTransfer.Quantum.Simulation;

/// <summary>
/// A Pauli product observable such as Z4 or X0 Y2, as bit masks. P|i> = phase(i) |i xor flip>,
/// phase(i) = i^{#Y} (-1)^{popcount(i and (zMask or yMask))}.
/// </summary>
public sealed record PauliString(long XMask, long YMask, long ZMask)
{
    /// <summary>Z on one wire.</summary>
    public static PauliString Z(int q) => new(0, 0, 1L << q);

    /// <summary>Parses e.g. "Z4", "X0 Y2 Z3".</summary>
    public static PauliString Parse(string text)
    {
        long x = 0, y = 0, z = 0;
        foreach (string part in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.Length < 2 || !int.TryParse(part.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int q) || q > 62)
            {
                throw new FormatException($"PauliString.Parse: bad factor '{part}' in '{text}' (expected e.g. Z4)");
            }

            long bit = 1L << q;
            if (((x | y | z) & bit) != 0)
            {
                throw new FormatException($"PauliString.Parse: wire {q} appears twice in '{text}'");
            }

            switch (char.ToUpperInvariant(part[0]))
            {
                case 'X': x |= bit; break;
                case 'Y': y |= bit; break;
                case 'Z': z |= bit; break;
                default: throw new FormatException($"PauliString.Parse: bad Pauli '{part[0]}' in '{text}'");
            }
        }

        return new PauliString(x, y, z);
    }

    /// <summary>Bits flipped by the operator (X and Y wires).</summary>
    public long FlipMask => XMask | YMask;

    /// <summary>Highest wire used, or -1 for the identity.</summary>
    public int MaxWire => 63 - (int)long.LeadingZeroCount(XMask | YMask | ZMask);

    /// <summary>
    /// Writes P|psi> into <paramref name="destination"/> (interleaved complex, same length), scaled by <paramref name="weight"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Apply(ReadOnlySpan<double> psi, double weight, Span<double> destination)
    {
        int dim = psi.Length / 2;
        long flip = FlipMask, signMask = YMask | ZMask;
        int ny = (int)long.PopCount(YMask) & 3;
        // i^ny as (re, im)
        (double pr, double pi) = ny switch { 0 => (1.0, 0.0), 1 => (0.0, 1.0), 2 => (-1.0, 0.0), _ => (0.0, -1.0) };
        pr *= weight;
        pi *= weight;
        for (int i = 0; i < dim; i++)
        {
            double sign = (long.PopCount(i & signMask) & 1) == 0 ? 1.0 : -1.0;
            double re = psi[2 * i], im = psi[(2 * i) + 1];
            int j = (int)(i ^ flip);
            destination[2 * j] = sign * ((pr * re) - (pi * im));
            destination[(2 * j) + 1] = sign * ((pr * im) + (pi * re));
        }
    }

    /// <summary>&lt;psi|P|psi&gt; (real because P is Hermitian).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Expectation(ReadOnlySpan<double> psi)
    {
        int dim = psi.Length / 2;
        long flip = FlipMask, signMask = YMask | ZMask;
        int ny = (int)long.PopCount(YMask) & 3;
        double acc = 0;
        for (int i = 0; i < dim; i++)
        {
            double sign = (long.PopCount(i & signMask) & 1) == 0 ? 1.0 : -1.0;
            int j = (int)(i ^ flip);
            // conj(psi_j) * psi_i, real or imaginary part depending on i^ny
            double re = (psi[2 * j] * psi[2 * i]) + (psi[(2 * j) + 1] * psi[(2 * i) + 1]);
            double im = (psi[2 * j] * psi[(2 * i) + 1]) - (psi[(2 * j) + 1] * psi[2 * i]);
            acc += sign * (ny switch { 0 => re, 1 => -im, 2 => -re, _ => im });
        }

        return acc;
    }
}
