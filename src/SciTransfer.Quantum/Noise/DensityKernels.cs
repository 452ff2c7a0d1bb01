using System.Runtime.CompilerServices;

namespace SciTransfer.Quantum.Noise;

/// <summary>
/// Loops over a density matrix stored as a 2n-qubit vector (row bits on wires n..2n-1, column bits on 0..n-1,
/// see <see cref="DensityMatrix"/>). Plain scalar code: n &lt;= 10 keeps every pass under 2^20 entries.
/// </summary>
internal static class DensityKernels
{
    /// <summary>
    /// v -> M v for a dense 2^k x 2^k matrix on <paramref name="wires"/> (wires[0] the most significant local bit),
    /// only on indices whose <paramref name="controlMask"/> bits are 1; <paramref name="conjugate"/> uses conj(M).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ApplyDense(double[] v, ReadOnlySpan<int> wires, long controlMask, ReadOnlySpan<double> m, bool conjugate)
    {
        int k = wires.Length, d = 1 << k;
        long targetMask = 0;
        Span<long> offset = stackalloc long[d];
        foreach (int w in wires)
        {
            targetMask |= 1L << w;
        }

        for (int a = 0; a < d; a++)
        {
            long o = 0;
            for (int t = 0; t < k; t++)
            {
                if (((a >> (k - 1 - t)) & 1) != 0)
                {
                    o |= 1L << wires[t];
                }
            }

            offset[a] = o;
        }

        double sign = conjugate ? -1.0 : 1.0;
        Span<double> re = stackalloc double[d];
        Span<double> im = stackalloc double[d];
        long length = v.Length / 2;
        for (long b = 0; b < length; b++)
        {
            if ((b & targetMask) != 0 || (b & controlMask) != controlMask)
            {
                continue;
            }

            for (int a = 0; a < d; a++)
            {
                re[a] = v[2 * (b | offset[a])];
                im[a] = v[(2 * (b | offset[a])) + 1];
            }

            for (int r = 0; r < d; r++)
            {
                double sr = 0, si = 0;
                for (int c = 0; c < d; c++)
                {
                    double mr = m[2 * ((r * d) + c)], mi = sign * m[(2 * ((r * d) + c)) + 1];
                    sr += (mr * re[c]) - (mi * im[c]);
                    si += (mr * im[c]) + (mi * re[c]);
                }

                v[2 * (b | offset[r])] = sr;
                v[(2 * (b | offset[r])) + 1] = si;
            }
        }
    }

    /// <summary>
    /// D_p on the wires S: rho -> (1 - p) rho + p (I_S/d) (x) Tr_S rho, d = 2^|S|. For rows i0|s and columns
    /// j0|s' (S bits of i0, j0 zero) the partial trace is t(i0, j0) = sum_s rho[i0|s, j0|s]; the new entry is
    /// (1 - p) rho + [s == s'] p t / d.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Depolarize(double[] rho, int n, ReadOnlySpan<int> wires, double p)
    {
        if (p == 0)
        {
            return;
        }

        int dim = 1 << n, k = wires.Length, d = 1 << k;
        int sMask = 0;
        Span<int> offset = stackalloc int[d];
        foreach (int w in wires)
        {
            sMask |= 1 << w;
        }

        for (int a = 0; a < d; a++)
        {
            int o = 0;
            for (int t = 0; t < k; t++)
            {
                if (((a >> t) & 1) != 0)
                {
                    o |= 1 << wires[t];
                }
            }

            offset[a] = o;
        }

        for (int i0 = 0; i0 < dim; i0++)
        {
            if ((i0 & sMask) != 0)
            {
                continue;
            }

            for (int j0 = 0; j0 < dim; j0++)
            {
                if ((j0 & sMask) != 0)
                {
                    continue;
                }

                double tr = 0, ti = 0;
                for (int s = 0; s < d; s++)
                {
                    long e = 2 * ((((long)(i0 | offset[s])) << n) | (uint)(j0 | offset[s]));
                    tr += rho[e];
                    ti += rho[e + 1];
                }

                for (int s = 0; s < d; s++)
                {
                    for (int s2 = 0; s2 < d; s2++)
                    {
                        long e = 2 * ((((long)(i0 | offset[s])) << n) | (uint)(j0 | offset[s2]));
                        rho[e] *= 1 - p;
                        rho[e + 1] *= 1 - p;
                        if (s == s2)
                        {
                            rho[e] += p * tr / d;
                            rho[e + 1] += p * ti / d;
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// Amplitude damping on wire q (b = 2^q; i0, j0 with bit q clear): rho00 += gamma rho11,
    /// rho01 and rho10 *= sqrt(1 - gamma), rho11 *= 1 - gamma; this is K0 rho K0^dagger + K1 rho K1^dagger with
    /// K0 = diag(1, sqrt(1 - gamma)), K1 = sqrt(gamma) |0&gt;&lt;1|.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AmplitudeDamp(double[] rho, int n, int q, double gamma)
    {
        if (gamma == 0)
        {
            return;
        }

        int dim = 1 << n, bit = 1 << q;
        double c = Math.Sqrt(1 - gamma);
        for (int i0 = 0; i0 < dim; i0++)
        {
            if ((i0 & bit) != 0)
            {
                continue;
            }

            for (int j0 = 0; j0 < dim; j0++)
            {
                if ((j0 & bit) != 0)
                {
                    continue;
                }

                long e00 = 2 * (((long)i0 << n) | (uint)j0), e01 = 2 * (((long)i0 << n) | (uint)(j0 | bit));
                long e10 = 2 * (((long)(i0 | bit) << n) | (uint)j0), e11 = 2 * (((long)(i0 | bit) << n) | (uint)(j0 | bit));
                rho[e00] += gamma * rho[e11];
                rho[e00 + 1] += gamma * rho[e11 + 1];
                rho[e01] *= c;
                rho[e01 + 1] *= c;
                rho[e10] *= c;
                rho[e10 + 1] *= c;
                rho[e11] *= 1 - gamma;
                rho[e11 + 1] *= 1 - gamma;
            }
        }
    }
}
