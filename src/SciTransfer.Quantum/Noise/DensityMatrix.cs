using System.Numerics;
using SciTransfer.Quantum.Simulation;

namespace SciTransfer.Quantum.Noise;

/// <summary>
/// A mixed state rho of n &lt;= <see cref="MaxQubits"/> qubits: a 2^n x 2^n complex matrix stored row-major as
/// interleaved (re, im) doubles, 2 * 4^n of them (8 MiB at n = 10). Element (i, j) sits at 2 * (i * 2^n + j),
/// so the storage is a 2n-qubit vector whose high n wires carry the row index and low n wires the column:
/// U rho U^dagger is U on wires q + n and conj(U) on wires q (<see cref="DensityKernels"/>). Qubit k is bit k of
/// the basis index, as in the state-vector simulator.
/// </summary>
public sealed class DensityMatrix
{
    /// <summary>Largest supported register: 4^10 complex entries.</summary>
    public const int MaxQubits = 10;

    private DensityMatrix(int qubitCount, double[] data)
    {
        QubitCount = qubitCount;
        Data = data;
    }

    /// <summary>Number of qubits n.</summary>
    public int QubitCount { get; }

    /// <summary>2^n.</summary>
    public int Dimension => 1 << QubitCount;

    /// <summary>The matrix, row-major interleaved complex (2 * 4^n doubles); the storage itself, so writes change the state.</summary>
    public double[] Data { get; }

    /// <summary>|0...0&gt;&lt;0...0|.</summary>
    public static DensityMatrix Zero(int qubitCount)
    {
        int d = 1 << CheckSize(qubitCount);
        var m = new DensityMatrix(qubitCount, new double[2 * d * d]);
        m.Data[0] = 1;
        return m;
    }

    /// <summary>|psi&gt;&lt;psi| from a state vector (interleaved complex, 2^(n+1) doubles).</summary>
    public static DensityMatrix FromPure(ReadOnlySpan<double> psi, int qubitCount)
    {
        int d = 1 << CheckSize(qubitCount);
        if (psi.Length != 2 * d)
        {
            throw new ArgumentException($"DensityMatrix.FromPure: a {qubitCount}-qubit state needs {2 * d} doubles, got {psi.Length}");
        }

        var data = new double[2 * d * d];
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                // psi_i conj(psi_j)
                double ar = psi[2 * i], ai = psi[(2 * i) + 1], br = psi[2 * j], bi = -psi[(2 * j) + 1];
                data[2 * ((i * d) + j)] = (ar * br) - (ai * bi);
                data[(2 * ((i * d) + j)) + 1] = (ar * bi) + (ai * br);
            }
        }

        return new DensityMatrix(qubitCount, data);
    }

    /// <summary>Entry rho[i, j].</summary>
    public Complex this[int i, int j] => new(Data[2 * ((i * Dimension) + j)], Data[(2 * ((i * Dimension) + j)) + 1]);

    /// <summary>Tr rho (1 for a valid state).</summary>
    public double Trace()
    {
        double t = 0;
        for (int i = 0; i < Dimension; i++)
        {
            t += Data[2 * ((i * Dimension) + i)];
        }

        return t;
    }

    /// <summary>Outcome probabilities of measuring every wire: the diagonal, 2^n entries.</summary>
    public void Probabilities(Span<double> destination)
    {
        if (destination.Length != Dimension)
        {
            throw new ArgumentException($"DensityMatrix.Probabilities: destination has {destination.Length} entries, expected {Dimension}");
        }

        for (int i = 0; i < Dimension; i++)
        {
            destination[i] = Data[2 * ((i * Dimension) + i)];
        }
    }

    /// <summary>
    /// Tr(rho P) for a Pauli string: P|j&gt; = phase(j) |j xor flip&gt;, so
    /// Tr(rho P) = sum_j &lt;j|rho P|j&gt; = sum_j phase(j) rho[j xor flip, j].
    /// </summary>
    public double Expectation(PauliString p)
    {
        int d = Dimension;
        long flip = p.FlipMask, signMask = p.YMask | p.ZMask;
        int ny = (int)long.PopCount(p.YMask) & 3;
        Complex phaseY = ny switch { 0 => 1, 1 => Complex.ImaginaryOne, 2 => -1, _ => -Complex.ImaginaryOne };
        Complex acc = 0;
        for (int j = 0; j < d; j++)
        {
            double sign = (long.PopCount(j & signMask) & 1) == 0 ? 1.0 : -1.0;
            acc += sign * phaseY * this[(int)(j ^ flip), j];
        }

        return acc.Real;
    }

    /// <summary>&lt;psi|rho|psi&gt;: the fidelity with a pure state.</summary>
    public double Fidelity(ReadOnlySpan<double> psi)
    {
        int d = Dimension;
        Complex acc = 0;
        for (int i = 0; i < d; i++)
        {
            var ci = new Complex(psi[2 * i], -psi[(2 * i) + 1]);
            for (int j = 0; j < d; j++)
            {
                acc += ci * this[i, j] * new Complex(psi[2 * j], psi[(2 * j) + 1]);
            }
        }

        return acc.Real;
    }

    /// <summary>Applies a gate of the simulator's gate set: rho -> U rho U^dagger (controls included).</summary>
    public void ApplyGate(GateOp op, ReadOnlySpan<double> parameters, ReadOnlySpan<double> dataRow)
    {
        Span<double> angles = stackalloc double[3];
        Span<double> m = stackalloc double[32];
        op.ResolveAngles(parameters, dataRow, angles);
        op.FillMatrix(angles, m);
        int[] wires = op.Arity == 1 ? [op.Target0] : [op.Target0, op.Target1];
        ApplyUnitary(wires, op.ControlMask, m[..(op.Arity == 1 ? 8 : 32)]);
    }

    /// <summary>rho -> U rho U^dagger for a 2^k x 2^k matrix on <paramref name="wires"/> (first most significant), acting where the control bits are 1.</summary>
    public void ApplyUnitary(ReadOnlySpan<int> wires, long controlMask, ReadOnlySpan<double> matrix)
    {
        CheckWires(wires, controlMask);
        int n = QubitCount;
        Span<int> high = stackalloc int[wires.Length];
        for (int t = 0; t < wires.Length; t++)
        {
            high[t] = wires[t] + n;
        }

        // U on the row wires (controls on the row bits), conj(U) on the column wires (controls on the column bits).
        DensityKernels.ApplyDense(Data, high, controlMask << n, matrix, conjugate: false);
        DensityKernels.ApplyDense(Data, wires, controlMask, matrix, conjugate: true);
    }

    /// <summary>rho -> sum_m K_m rho K_m^dagger on <paramref name="wires"/> (generic Kraus path).</summary>
    public void ApplyChannel(KrausChannel channel, ReadOnlySpan<int> wires)
    {
        if (wires.Length != channel.WireCount)
        {
            throw new ArgumentException($"DensityMatrix.ApplyChannel: the channel acts on {channel.WireCount} wires, got {wires.Length}");
        }

        CheckWires(wires, 0);
        var sum = new double[Data.Length];
        var term = new double[Data.Length];
        int n = QubitCount;
        Span<int> high = stackalloc int[wires.Length];
        for (int t = 0; t < wires.Length; t++)
        {
            high[t] = wires[t] + n;
        }

        foreach (var k in channel.Operators)
        {
            Data.CopyTo(term, 0);
            DensityKernels.ApplyDense(term, high, 0, k, conjugate: false);
            DensityKernels.ApplyDense(term, wires, 0, k, conjugate: true);
            for (int i = 0; i < sum.Length; i++)
            {
                sum[i] += term[i];
            }
        }

        sum.CopyTo(Data, 0);
    }

    /// <summary>The depolarising channel on <paramref name="wires"/> (direct formula, same map as <see cref="KrausChannel.Depolarizing"/>).</summary>
    public void Depolarize(ReadOnlySpan<int> wires, double p)
    {
        CheckWires(wires, 0);
        DensityKernels.Depolarize(Data, QubitCount, wires, p);
    }

    /// <summary>Amplitude damping on one wire (direct formula, same map as <see cref="KrausChannel.AmplitudeDamping"/>).</summary>
    public void AmplitudeDamp(int wire, double gamma)
    {
        CheckWires([wire], 0);
        DensityKernels.AmplitudeDamp(Data, QubitCount, wire, gamma);
    }

    /// <summary>A copy.</summary>
    public DensityMatrix Clone() => new(QubitCount, (double[])Data.Clone());

    private void CheckWires(ReadOnlySpan<int> wires, long controlMask)
    {
        long seen = controlMask;
        foreach (int w in wires)
        {
            if (w < 0 || w >= QubitCount || (seen & (1L << w)) != 0)
            {
                throw new ArgumentException($"DensityMatrix: wire {w} is out of range 0..{QubitCount - 1} or repeated");
            }

            seen |= 1L << w;
        }

        if (controlMask >> QubitCount != 0)
        {
            throw new ArgumentException($"DensityMatrix: control mask {controlMask} names wires beyond {QubitCount - 1}");
        }
    }

    private static int CheckSize(int qubitCount) => qubitCount is >= 1 and <= MaxQubits
        ? qubitCount
        : throw new ArgumentOutOfRangeException(nameof(qubitCount), qubitCount, $"DensityMatrix: density-matrix simulation supports 1..{MaxQubits} qubits (4^n complex entries)");
}
