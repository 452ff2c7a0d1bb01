using SciTransfer.Core.Random;
using SciTransfer.Quantum.Simulation;

namespace SciTransfer.Quantum.Tests.Support;

/// <summary>Random circuits over every gate kind, with trainable, data and constant angles and controls.</summary>
internal static class RandomCircuits
{
    public static readonly GateKind[] OneWire =
    [
        GateKind.X, GateKind.Y, GateKind.Z, GateKind.H, GateKind.S, GateKind.Sdg, GateKind.T, GateKind.Tdg,
        GateKind.RX, GateKind.RY, GateKind.RZ, GateKind.Phase, GateKind.U3,
    ];

    public static readonly GateKind[] TwoWire = [GateKind.Swap, GateKind.IsingXX, GateKind.IsingYY, GateKind.IsingZZ];

    /// <summary>
    /// A random circuit. <paramref name="parameterCount"/> trainable parameters are shared by several
    /// gates; data slots 0..dataWidth-1 feed some angles; <paramref name="allowControlledU3"/> false
    /// keeps the circuit inside the parameter-shift rules.
    /// </summary>
    public static CompiledCircuit Create(Rng rng, int n, int gates, int parameterCount, int dataWidth, bool controls = true, bool allowControlledU3 = true, bool unitaries = true, bool mixDataAndTrainable = true)
    {
        var b = new CircuitBuilder(n);
        var ps = new ParamRef[parameterCount];
        for (int k = 0; k < parameterCount; k++)
        {
            ps[k] = b.NewParameter();
        }

        b.UseData(dataWidth);
        for (int g = 0; g < gates; g++)
        {
            bool two = n >= 2 && rng.NextDouble() < 0.3;
            int t0 = rng.NextInt(n);
            int t1 = -1;
            if (two)
            {
                do
                {
                    t1 = rng.NextInt(n);
                }
                while (t1 == t0);
            }

            var ctrl = new List<int>();
            if (controls && rng.NextDouble() < 0.35)
            {
                int want = 1 + rng.NextInt(2);
                for (int tries = 0; tries < 10 && ctrl.Count < want; tries++)
                {
                    int c = rng.NextInt(n);
                    if (c != t0 && c != t1 && !ctrl.Contains(c))
                    {
                        ctrl.Add(c);
                    }
                }
            }

            if (unitaries && rng.NextDouble() < 0.08)
            {
                if (two)
                {
                    b.Unitary(t0, t1, RandomUnitary(rng, 4), [.. ctrl]);
                }
                else
                {
                    b.Unitary(t0, RandomUnitary(rng, 2), [.. ctrl]);
                }

                continue;
            }

            var kind = two ? TwoWire[rng.NextInt(TwoWire.Length)] : OneWire[rng.NextInt(OneWire.Length)];
            if (!allowControlledU3 && kind == GateKind.U3)
            {
                ctrl.Clear();
            }

            var angles = new ParamRef[GateKinds.AngleCount(kind)];
            // Without mixing, a gate takes all its variable angles from one source (the OpenCL kernels require it).
            double gateSource = rng.NextDouble();
            for (int a = 0; a < angles.Length; a++)
            {
                double u = mixDataAndTrainable ? rng.NextDouble() : gateSource;
                angles[a] = u < 0.6 && parameterCount > 0 ? ParamRef.Param(rng.NextInt(parameterCount), rng.Uniform(0.5, 1.5))
                    : u < 0.85 && dataWidth > 0 ? ParamRef.Data(rng.NextInt(dataWidth), rng.Uniform(0.5, 2), rng.Uniform(-1, 1))
                    : ParamRef.Const(rng.Uniform(-Math.PI, Math.PI));
            }

            if (two)
            {
                b.Gate2(kind, t0, t1, angles, [.. ctrl]);
            }
            else
            {
                b.Gate1(kind, t0, angles, [.. ctrl]);
            }
        }

        return b.Build();
    }

    /// <summary>A Haar-ish random unitary: Gram-Schmidt on a complex Gaussian matrix (row-major interleaved).</summary>
    public static double[] RandomUnitary(Rng rng, int d)
    {
        var m = new System.Numerics.Complex[d, d];
        for (int r = 0; r < d; r++)
        {
            for (int c = 0; c < d; c++)
            {
                m[r, c] = new System.Numerics.Complex(rng.Normal(), rng.Normal());
            }

            for (int p = 0; p < r; p++)
            {
                System.Numerics.Complex dot = 0;
                for (int c = 0; c < d; c++)
                {
                    dot += System.Numerics.Complex.Conjugate(m[p, c]) * m[r, c];
                }

                for (int c = 0; c < d; c++)
                {
                    m[r, c] -= dot * m[p, c];
                }
            }

            double norm = 0;
            for (int c = 0; c < d; c++)
            {
                norm += m[r, c].Magnitude * m[r, c].Magnitude;
            }

            for (int c = 0; c < d; c++)
            {
                m[r, c] /= Math.Sqrt(norm);
            }
        }

        var result = new double[2 * d * d];
        for (int r = 0; r < d; r++)
        {
            for (int c = 0; c < d; c++)
            {
                result[2 * (r * d + c)] = m[r, c].Real;
                result[2 * (r * d + c) + 1] = m[r, c].Imaginary;
            }
        }

        return result;
    }

    public static double[] RandomVector(Rng rng, int count, double low, double high)
    {
        var v = new double[count];
        rng.FillUniform(v, low, high);
        return v;
    }
}
