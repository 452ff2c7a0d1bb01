using System.Runtime.CompilerServices;

namespace SciTransfer.Quantum.Simulation;

/// <summary>
/// Gate matrices as row-major interleaved complex numbers: 8 doubles (2x2) or 32 doubles (4x4,
/// local basis |a b>, a = first target). Kernels take these matrices, so every backend shares them.
/// </summary>
public static class GateMatrices
{
    private const double InvSqrt2 = 0.70710678118654752440;

    /// <summary>Fills the matrix of a kind without a stored matrix (angles in radians).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Fill(GateKind kind, ReadOnlySpan<double> angles, Span<double> m)
    {
        int size = GateKinds.Arity(kind) == 1 ? 8 : 32;
        m[..size].Clear();
        switch (kind)
        {
            case GateKind.X: Set(m, 2, 0, 1, 1, 0); Set(m, 2, 1, 0, 1, 0); break;
            case GateKind.Y: Set(m, 2, 0, 1, 0, -1); Set(m, 2, 1, 0, 0, 1); break;
            case GateKind.Z: Diag1(m, 1, 0, -1, 0); break;
            case GateKind.H:
                Set(m, 2, 0, 0, InvSqrt2, 0); Set(m, 2, 0, 1, InvSqrt2, 0);
                Set(m, 2, 1, 0, InvSqrt2, 0); Set(m, 2, 1, 1, -InvSqrt2, 0);
                break;
            case GateKind.S: Diag1(m, 1, 0, 0, 1); break;
            case GateKind.Sdg: Diag1(m, 1, 0, 0, -1); break;
            case GateKind.T: Diag1(m, 1, 0, InvSqrt2, InvSqrt2); break;
            case GateKind.Tdg: Diag1(m, 1, 0, InvSqrt2, -InvSqrt2); break;
            case GateKind.RX:
                {
                    (double s, double c) = Math.SinCos(angles[0] / 2);
                    Set(m, 2, 0, 0, c, 0); Set(m, 2, 0, 1, 0, -s); Set(m, 2, 1, 0, 0, -s); Set(m, 2, 1, 1, c, 0);
                    break;
                }

            case GateKind.RY:
                {
                    (double s, double c) = Math.SinCos(angles[0] / 2);
                    Set(m, 2, 0, 0, c, 0); Set(m, 2, 0, 1, -s, 0); Set(m, 2, 1, 0, s, 0); Set(m, 2, 1, 1, c, 0);
                    break;
                }

            case GateKind.RZ:
                {
                    (double s, double c) = Math.SinCos(angles[0] / 2);
                    Diag1(m, c, -s, c, s);
                    break;
                }

            case GateKind.Phase:
                {
                    (double s, double c) = Math.SinCos(angles[0]);
                    Diag1(m, 1, 0, c, s);
                    break;
                }

            case GateKind.U3:
                {
                    (double s, double c) = Math.SinCos(angles[0] / 2);
                    (double sp, double cp) = Math.SinCos(angles[1]);
                    (double sl, double cl) = Math.SinCos(angles[2]);
                    (double spl, double cpl) = Math.SinCos(angles[1] + angles[2]);
                    Set(m, 2, 0, 0, c, 0);
                    Set(m, 2, 0, 1, -cl * s, -sl * s);
                    Set(m, 2, 1, 0, cp * s, sp * s);
                    Set(m, 2, 1, 1, cpl * c, spl * c);
                    break;
                }

            case GateKind.Swap:
                Set(m, 4, 0, 0, 1, 0); Set(m, 4, 1, 2, 1, 0); Set(m, 4, 2, 1, 1, 0); Set(m, 4, 3, 3, 1, 0);
                break;
            case GateKind.IsingXX:
                {
                    (double s, double c) = Math.SinCos(angles[0] / 2);
                    for (int l = 0; l < 4; l++)
                    {
                        Set(m, 4, l, l, c, 0);
                        Set(m, 4, l, 3 - l, 0, -s);
                    }

                    break;
                }

            case GateKind.IsingYY:
                {
                    (double s, double c) = Math.SinCos(angles[0] / 2);
                    for (int l = 0; l < 4; l++)
                    {
                        int sign = ((l >> 1) ^ l) & 1; // parity of a+b
                        Set(m, 4, l, l, c, 0);
                        Set(m, 4, 3 - l, l, 0, sign == 0 ? s : -s);
                    }

                    break;
                }

            case GateKind.IsingZZ:
                {
                    (double s, double c) = Math.SinCos(angles[0] / 2);
                    for (int l = 0; l < 4; l++)
                    {
                        int parity = ((l >> 1) ^ l) & 1;
                        Set(m, 4, l, l, c, parity == 0 ? -s : s);
                    }

                    break;
                }

            default:
                throw new ArgumentException($"GateMatrices.Fill: {kind} has no built-in matrix (give one explicitly)", nameof(kind));
        }
    }

    /// <summary>
    /// Fills dU/d(angle <paramref name="which"/>) for a parametric kind. Pauli rotations use
    /// dU/dtheta = U(theta + pi) / 2, exact because U(theta) = cos(theta/2) I - i sin(theta/2) P.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void FillDerivative(GateKind kind, ReadOnlySpan<double> angles, int which, Span<double> m)
    {
        switch (kind)
        {
            case GateKind.RX or GateKind.RY or GateKind.RZ or GateKind.IsingXX or GateKind.IsingYY or GateKind.IsingZZ:
                {
                    Span<double> shifted = [angles[0] + Math.PI];
                    Fill(kind, shifted, m);
                    int size = GateKinds.Arity(kind) == 1 ? 8 : 32;
                    for (int i = 0; i < size; i++)
                    {
                        m[i] *= 0.5;
                    }

                    return;
                }

            case GateKind.Phase:
                {
                    (double s, double c) = Math.SinCos(angles[0]);
                    m[..8].Clear();
                    Set(m, 2, 1, 1, -s, c);
                    return;
                }

            case GateKind.U3:
                {
                    (double s, double c) = Math.SinCos(angles[0] / 2);
                    (double sp, double cp) = Math.SinCos(angles[1]);
                    (double sl, double cl) = Math.SinCos(angles[2]);
                    (double spl, double cpl) = Math.SinCos(angles[1] + angles[2]);
                    m[..8].Clear();
                    switch (which)
                    {
                        case 0:
                            Set(m, 2, 0, 0, -s / 2, 0);
                            Set(m, 2, 0, 1, -cl * c / 2, -sl * c / 2);
                            Set(m, 2, 1, 0, cp * c / 2, sp * c / 2);
                            Set(m, 2, 1, 1, -cpl * s / 2, -spl * s / 2);
                            break;
                        case 1: // d/dphi: i * row 1
                            Set(m, 2, 1, 0, -sp * s, cp * s);
                            Set(m, 2, 1, 1, -spl * c, cpl * c);
                            break;
                        default: // d/dlambda: i * column 1
                            Set(m, 2, 0, 1, sl * s, -cl * s);
                            Set(m, 2, 1, 1, -spl * c, cpl * c);
                            break;
                    }

                    return;
                }

            default:
                throw new ArgumentException($"GateMatrices.FillDerivative: {kind} has no angle", nameof(kind));
        }
    }

    /// <summary>Writes the conjugate transpose of a d x d matrix (d = 2 or 4) into <paramref name="destination"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Dagger(ReadOnlySpan<double> m, int d, Span<double> destination)
    {
        for (int r = 0; r < d; r++)
        {
            for (int c = 0; c < d; c++)
            {
                destination[2 * ((r * d) + c)] = m[2 * ((c * d) + r)];
                destination[(2 * ((r * d) + c)) + 1] = -m[(2 * ((c * d) + r)) + 1];
            }
        }
    }

    private static void Set(Span<double> m, int d, int r, int c, double re, double im)
    {
        m[2 * ((r * d) + c)] = re;
        m[(2 * ((r * d) + c)) + 1] = im;
    }

    private static void Diag1(Span<double> m, double r0, double i0, double r1, double i1)
    {
        Set(m, 2, 0, 0, r0, i0);
        Set(m, 2, 1, 1, r1, i1);
    }
}
