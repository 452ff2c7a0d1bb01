using System.Numerics;
using SciTransfer.Quantum.Simulation;

namespace SciTransfer.Quantum.Tests.Support;

/// <summary>
/// A deliberately naive simulator (System.Numerics.Complex, one output amplitude at a time) used as
/// an independent reference for the kernels: out[i] = sum over local inputs of M[local(i), l] psi[i with l].
/// </summary>
internal static class ReferenceSimulator
{
    public static Complex[] Run(CompiledCircuit circuit, double[] parameters, double[] dataRow, Complex[]? initial = null)
    {
        int dim = circuit.Dimension;
        var psi = initial is null ? new Complex[dim] : (Complex[])initial.Clone();
        if (initial is null)
        {
            psi[0] = 1;
        }

        var angles = new double[3];
        var m = new double[32];
        foreach (var op in circuit.Ops)
        {
            op.ResolveAngles(parameters, dataRow, angles);
            op.FillMatrix(angles, m);
            psi = ApplyGate(psi, op, m);
        }

        return psi;
    }

    public static Complex[] ApplyGate(Complex[] psi, GateOp op, double[] m)
    {
        var output = new Complex[psi.Length];
        int[] wires = op.Arity == 1 ? [op.Target0] : [op.Target0, op.Target1];
        int d = 1 << wires.Length;
        for (int i = 0; i < psi.Length; i++)
        {
            if ((i & op.ControlMask) != op.ControlMask)
            {
                output[i] = psi[i];
                continue;
            }

            int row = Local(i, wires);
            Complex acc = 0;
            for (int col = 0; col < d; col++)
            {
                int j = WithLocal(i, wires, col);
                acc += new Complex(m[2 * (row * d + col)], m[2 * (row * d + col) + 1]) * psi[j];
            }

            output[i] = acc;
        }

        return output;
    }

    public static double Expectation(Complex[] psi, PauliString p)
    {
        Complex acc = 0;
        int ny = (int)long.PopCount(p.YMask);
        for (int i = 0; i < psi.Length; i++)
        {
            // P|i> = i^ny (-1)^{popcount(i & (y|z))} |i ^ flip>
            Complex phase = Complex.Pow(Complex.ImaginaryOne, ny) * ((long.PopCount(i & (p.YMask | p.ZMask)) & 1) == 0 ? 1 : -1);
            acc += Complex.Conjugate(psi[(int)(i ^ p.FlipMask)]) * phase * psi[i];
        }

        return acc.Real;
    }

    public static Complex[] FromInterleaved(ReadOnlySpan<double> s)
    {
        var c = new Complex[s.Length / 2];
        for (int i = 0; i < c.Length; i++)
        {
            c[i] = new Complex(s[2 * i], s[2 * i + 1]);
        }

        return c;
    }

    // Local index: first wire is the most significant bit.
    private static int Local(int i, int[] wires)
    {
        int l = 0;
        foreach (int w in wires)
        {
            l = (l << 1) | ((i >> w) & 1);
        }

        return l;
    }

    private static int WithLocal(int i, int[] wires, int l)
    {
        for (int k = 0; k < wires.Length; k++)
        {
            int bit = (l >> (wires.Length - 1 - k)) & 1;
            i = (i & ~(1 << wires[k])) | (bit << wires[k]);
        }

        return i;
    }
}
