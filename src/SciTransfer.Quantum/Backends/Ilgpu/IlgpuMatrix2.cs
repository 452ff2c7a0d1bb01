using ILGPU;
using SciTransfer.Quantum.Simulation;

namespace SciTransfer.Quantum.Backends.Ilgpu;

/// <summary>
/// A 2x2 complex matrix in registers (row-major: a = row 0, b = row 1), built on the device from a
/// table or from a gate kind and its angles (same formulas as <see cref="GateMatrices"/>).
/// </summary>
internal struct IlgpuMatrix2
{
    public double R00;
    public double I00;
    public double R01;
    public double I01;
    public double R10;
    public double I10;
    public double R11;
    public double I11;

    /// <summary>Reads 8 doubles (row-major interleaved) at <paramref name="offset"/>.</summary>
    public static IlgpuMatrix2 Load(ArrayView<double> table, long offset) => new()
    {
        R00 = table[offset], I00 = table[offset + 1], R01 = table[offset + 2], I01 = table[offset + 3],
        R10 = table[offset + 4], I10 = table[offset + 5], R11 = table[offset + 6], I11 = table[offset + 7],
    };

    /// <summary>The matrix of a one-wire kind with angles (RX, RY, RZ, Phase, U3: the kinds that take angles).</summary>
    public static IlgpuMatrix2 Build(int kind, double a0, double a1, double a2)
    {
        var m = default(IlgpuMatrix2);
        if (kind == (int)GateKind.Phase)
        {
            IlgpuMath.SinCos(a0, out double sp, out double cp);
            m.R00 = 1.0;
            m.R11 = cp;
            m.I11 = sp;
            return m;
        }

        IlgpuMath.SinCos(0.5 * a0, out double s, out double c);
        if (kind == (int)GateKind.RX)
        {
            m.R00 = c; m.I01 = -s; m.I10 = -s; m.R11 = c;
        }
        else if (kind == (int)GateKind.RY)
        {
            m.R00 = c; m.R01 = -s; m.R10 = s; m.R11 = c;
        }
        else if (kind == (int)GateKind.RZ)
        {
            m.R00 = c; m.I00 = -s; m.R11 = c; m.I11 = s;
        }
        else
        {
            IlgpuMath.SinCos(a1, out double sp, out double cp);
            IlgpuMath.SinCos(a2, out double sl, out double cl);
            IlgpuMath.SinCos(a1 + a2, out double spl, out double cpl);
            m.R00 = c;
            m.R01 = -cl * s; m.I01 = -sl * s;
            m.R10 = cp * s; m.I10 = sp * s;
            m.R11 = cpl * c; m.I11 = spl * c;
        }

        return m;
    }

    /// <summary>dU/d(angle <paramref name="which"/>) of a one-wire kind with angles, as <see cref="GateMatrices.FillDerivative"/>.</summary>
    public static IlgpuMatrix2 Derivative(int kind, double a0, double a1, double a2, int which)
    {
        if (kind == (int)GateKind.RX || kind == (int)GateKind.RY || kind == (int)GateKind.RZ)
        {
            var d = Build(kind, a0 + Math.PI, 0, 0);
            return d.Scale(0.5);
        }

        var m = default(IlgpuMatrix2);
        if (kind == (int)GateKind.Phase)
        {
            IlgpuMath.SinCos(a0, out double sp, out double cp);
            m.R11 = -sp;
            m.I11 = cp;
            return m;
        }

        IlgpuMath.SinCos(0.5 * a0, out double s, out double c);
        IlgpuMath.SinCos(a1, out double sp1, out double cp1);
        IlgpuMath.SinCos(a2, out double sl, out double cl);
        IlgpuMath.SinCos(a1 + a2, out double spl, out double cpl);
        if (which == 0)
        {
            m.R00 = -s / 2;
            m.R01 = -cl * c / 2; m.I01 = -sl * c / 2;
            m.R10 = cp1 * c / 2; m.I10 = sp1 * c / 2;
            m.R11 = -cpl * s / 2; m.I11 = -spl * s / 2;
        }
        else if (which == 1)
        {
            m.R10 = -sp1 * s; m.I10 = cp1 * s;
            m.R11 = -spl * c; m.I11 = cpl * c;
        }
        else
        {
            m.R01 = sl * s; m.I01 = -cl * s;
            m.R11 = -spl * c; m.I11 = cpl * c;
        }

        return m;
    }

    /// <summary>Conjugate transpose.</summary>
    public readonly IlgpuMatrix2 Dagger() => new()
    {
        R00 = R00, I00 = -I00, R01 = R10, I01 = -I10,
        R10 = R01, I10 = -I01, R11 = R11, I11 = -I11,
    };

    /// <summary>Every element times <paramref name="f"/>.</summary>
    public readonly IlgpuMatrix2 Scale(double f) => new()
    {
        R00 = f * R00, I00 = f * I00, R01 = f * R01, I01 = f * I01,
        R10 = f * R10, I10 = f * I10, R11 = f * R11, I11 = f * I11,
    };
}
