using System.Numerics;

namespace SciTransfer.Quantum.Noise;

/// <summary>
/// A completely positive trace-preserving map on k wires given by Kraus operators K_m (each 2^k x 2^k,
/// row-major interleaved complex, local basis with the first listed wire most significant, like two-wire gates):
/// rho -> sum_m K_m rho K_m^dagger, with sum_m K_m^dagger K_m = I (checked at construction).
/// </summary>
public sealed class KrausChannel
{
    /// <summary>Creates the channel; throws when the operators are not complete.</summary>
    public KrausChannel(int wireCount, IReadOnlyList<double[]> operators)
    {
        int d = 1 << wireCount;
        if (operators.Count == 0 || operators.Any(k => k.Length != 2 * d * d))
        {
            throw new ArgumentException($"KrausChannel: every operator on {wireCount} wires needs {2 * d * d} doubles");
        }

        WireCount = wireCount;
        Operators = operators;
        for (int r = 0; r < d; r++)
        {
            for (int c = 0; c < d; c++)
            {
                // (sum_m K^dagger K)[r, c] = sum_m sum_i conj(K[i, r]) K[i, c]
                Complex s = 0;
                foreach (var k in operators)
                {
                    for (int i = 0; i < d; i++)
                    {
                        s += Complex.Conjugate(At(k, d, i, r)) * At(k, d, i, c);
                    }
                }

                if ((s - (r == c ? 1 : 0)).Magnitude > 1e-12)
                {
                    throw new ArgumentException($"KrausChannel: sum K^dagger K is not the identity at [{r},{c}] ({s})");
                }
            }
        }
    }

    /// <summary>Wires k the operators act on.</summary>
    public int WireCount { get; }

    /// <summary>The Kraus operators.</summary>
    public IReadOnlyList<double[]> Operators { get; }

    /// <summary>
    /// The k-qubit depolarising channel D_p(rho) = (1 - p) rho + p I/d Tr rho (d = 2^k). Because
    /// I/d Tr rho = (1/d^2) sum_P P rho P over all d^2 Pauli strings P, its Kraus operators are
    /// sqrt(1 - p (d^2 - 1)/d^2) I and sqrt(p)/d P for the d^2 - 1 non-identity strings.
    /// </summary>
    public static KrausChannel Depolarizing(int wireCount, double p)
    {
        int d = 1 << wireCount, d2 = d * d;
        var ops = new List<double[]>(d2);
        for (int code = 0; code < d2; code++)
        {
            double w = code == 0 ? Math.Sqrt(1 - (p * (d2 - 1) / d2)) : Math.Sqrt(p) / d;
            ops.Add(Scale(PauliMatrix(wireCount, code), w));
        }

        return new KrausChannel(wireCount, ops);
    }

    /// <summary>Amplitude damping: K0 = [[1, 0], [0, sqrt(1 - gamma)]], K1 = [[0, sqrt(gamma)], [0, 0]].</summary>
    public static KrausChannel AmplitudeDamping(double gamma) => new(1,
    [
        [1, 0, 0, 0, 0, 0, Math.Sqrt(1 - gamma), 0],
        [0, 0, Math.Sqrt(gamma), 0, 0, 0, 0, 0],
    ]);

    // Pauli string number `code` (base 4 digits: I, X, Y, Z; digit t belongs to local wire t, wire 0 most significant).
    private static double[] PauliMatrix(int k, int code)
    {
        Complex[] m = [1];
        int size = 1;
        for (int t = 0; t < k; t++)
        {
            Complex[] p = ((code >> (2 * (k - 1 - t))) & 3) switch
            {
                0 => [1, 0, 0, 1],
                1 => [0, 1, 1, 0],
                2 => [0, -Complex.ImaginaryOne, Complex.ImaginaryOne, 0],
                _ => [1, 0, 0, -1],
            };
            var next = new Complex[4 * size * size];
            int ns = 2 * size;
            for (int r = 0; r < size; r++)
            {
                for (int c = 0; c < size; c++)
                {
                    for (int a = 0; a < 2; a++)
                    {
                        for (int b = 0; b < 2; b++)
                        {
                            next[(((2 * r) + a) * ns) + (2 * c) + b] = m[(r * size) + c] * p[(2 * a) + b];
                        }
                    }
                }
            }

            m = next;
            size = ns;
        }

        var flat = new double[2 * m.Length];
        for (int i = 0; i < m.Length; i++)
        {
            flat[2 * i] = m[i].Real;
            flat[(2 * i) + 1] = m[i].Imaginary;
        }

        return flat;
    }

    private static double[] Scale(double[] m, double w) => [.. m.Select(v => v * w)];

    private static Complex At(double[] m, int d, int r, int c) => new(m[2 * ((r * d) + c)], m[(2 * ((r * d) + c)) + 1]);
}
