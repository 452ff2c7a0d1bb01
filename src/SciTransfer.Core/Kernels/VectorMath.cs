using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SciTransfer.Core.Kernels;

/// <summary>
/// Elementwise exp, logistic sigmoid and tanh over double spans, 8 lanes at a time (Vector512;
/// software-emulated where the hardware lacks it). Full double accuracy (a few ulp relative,
/// checked against Math.Exp / Math.Tanh in the tests) and bit-reproducible: every operation is a
/// basic IEEE operation or an explicit fused multiply-add, so the result does not depend on the JIT
/// tier (a draft on Vector512.Exp gave results that moved by an ulp between the first, tier-0, call
/// and later ones), and the last partial vector is padded rather than computed by a different scalar
/// path, so an element's value does not depend on its position. The *Vector forms let the LSTM cell
/// fuse gate activations, cell update and tanh(c) in one pass. Measured steady state (48 x 16,384
/// values, one thread): sigmoid 0.54 ms vs TensorPrimitives.Sigmoid 0.71 ms, tanh 0.77 vs 0.79 ms.
/// Source and destination may be the same span.
/// </summary>
public static class VectorMath
{
    // exp: x = n ln2 + r, |r| <= ln2 / 2; exp(r) by its Taylor series to r^13 (truncation < 0.05 ulp).
    private const double Log2E = 1.4426950408889634;
    private const double Ln2Hi = 0.6931471805599453;
    private const double Ln2Lo = 2.3190468138462996e-17;
    private const double Shifter = 6755399441055744.0; // 1.5 * 2^52: adding it rounds to an integer held in the low mantissa bits.

    // Cephes tanh.c: for |x| < 0.625, tanh x = x + x z P(z) / Q(z), z = x^2 (relative error ~2e-16).
    private const double P0 = -9.64399179425052238628E-1;
    private const double P1 = -9.92877231001918586564E1;
    private const double P2 = -1.61468768441708447952E3;
    private const double Q0 = 1.12811678491632931402E2;
    private const double Q1 = 2.23548839060100448583E3;
    private const double Q2 = 4.84406305325125486048E3;
    private const double SmallTanh = 0.625;

    private enum Function
    {
        Exp,
        Sigmoid,
        Tanh,
    }

    /// <summary>y = exp(x) elementwise; <paramref name="y"/> as long as <paramref name="x"/>.</summary>
    public static void Exp(ReadOnlySpan<double> x, Span<double> y) => Apply(x, y, Function.Exp, "Exp");

    /// <summary>y = 1 / (1 + exp(-x)) elementwise; <paramref name="y"/> as long as <paramref name="x"/>.</summary>
    public static void Sigmoid(ReadOnlySpan<double> x, Span<double> y) => Apply(x, y, Function.Sigmoid, "Sigmoid");

    /// <summary>y = tanh(x) elementwise; <paramref name="y"/> as long as <paramref name="x"/>.</summary>
    public static void Tanh(ReadOnlySpan<double> x, Span<double> y) => Apply(x, y, Function.Tanh, "Tanh");

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Apply(ReadOnlySpan<double> x, Span<double> y, Function f, string op)
    {
        if (y.Length != x.Length)
        {
            throw new ArgumentException($"VectorMath.{op}: destination of {y.Length} does not match source of {x.Length}.");
        }

        int n = x.Length, i = 0;
        ref double rx = ref MemoryMarshal.GetReference(x);
        ref double ry = ref MemoryMarshal.GetReference(y);
        for (; i + 8 <= n; i += 8)
        {
            Eval(Vector512.LoadUnsafe(ref rx, (nuint)i), f).StoreUnsafe(ref ry, (nuint)i);
        }

        if (i < n)
        {
            Span<double> pad = stackalloc double[8];
            pad.Clear();
            x[i..].CopyTo(pad);
            var v = Eval(Vector512.Create((ReadOnlySpan<double>)pad), f);
            v.CopyTo(pad);
            pad[..(n - i)].CopyTo(y[i..]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Eval(Vector512<double> v, Function f) => f switch
    {
        Function.Exp => ExpVector(v),
        Function.Sigmoid => SigmoidVector(v),
        _ => TanhVector(v),
    };

    /// <summary>1 / (1 + exp(-x)) on 8 lanes, bit-identical to <see cref="Sigmoid"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<double> SigmoidVector(Vector512<double> v) => Vector512<double>.One / (Vector512<double>.One + ExpVector(-v));

    /// <summary>exp(x) on 8 lanes, bit-identical to <see cref="Exp"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<double> ExpVector(Vector512<double> x)
    {
        // Clamp so 2^n splits into two normal factors; beyond it exp over/underflows anyway.
        var xc = Vector512.Min(Vector512.Max(x, Vector512.Create(-746.0)), Vector512.Create(710.0));
        var shifter = Vector512.Create(Shifter);
        var t = Vector512.FusedMultiplyAdd(xc, Vector512.Create(Log2E), shifter);
        var n = t - shifter;
        var r = Vector512.FusedMultiplyAdd(-n, Vector512.Create(Ln2Hi), xc);
        r = Vector512.FusedMultiplyAdd(-n, Vector512.Create(Ln2Lo), r);

        var p = Vector512.Create(1.0 / 6227020800.0); // 1/13!
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 479001600.0));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 39916800.0));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 3628800.0));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 362880.0));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 40320.0));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 5040.0));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 720.0));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 120.0));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 24.0));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 6.0));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(0.5));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512<double>.One);
        p = Vector512.FusedMultiplyAdd(p, r, Vector512<double>.One);

        // 2^n = 2^n1 2^n2 with both halves in the normal range (n in [-1077, 1025]).
        var ni = t.AsInt64() - shifter.AsInt64();
        var n1 = Vector512.ShiftRightArithmetic(ni, 1);
        var n2 = ni - n1;
        var bias = Vector512.Create(1023L);
        var s1 = Vector512.ShiftLeft(n1 + bias, 52).AsDouble();
        var s2 = Vector512.ShiftLeft(n2 + bias, 52).AsDouble();
        var result = p * s1 * s2;
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), result, x);
    }

    /// <summary>tanh(x) on 8 lanes, bit-identical to <see cref="Tanh"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<double> TanhVector(Vector512<double> v)
    {
        var ax = Vector512.Abs(v);
        var isSmall = Vector512.LessThan(ax, Vector512.Create(SmallTanh));

        // Each lane takes one of two branches; a branch no lane takes is skipped (a vector of LSTM
        // gate or cell values is often all small), which cannot change any lane's result.
        ulong smallLanes = Vector512.ExtractMostSignificantBits(isSmall);
        if (smallLanes == 0xFF)
        {
            return TanhSmall(v);
        }

        if (smallLanes == 0)
        {
            return TanhLarge(v, ax);
        }

        return Vector512.ConditionalSelect(isSmall, TanhSmall(v), TanhLarge(v, ax));
    }

    /// <summary>Small |x|: the rational form (exact for x = 0, keeps -0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> TanhSmall(Vector512<double> v)
    {
        var z = v * v;
        var p = Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.Create(P0), z, Vector512.Create(P1)), z, Vector512.Create(P2));
        var q = Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(z + Vector512.Create(Q0), z, Vector512.Create(Q1)), z, Vector512.Create(Q2));
        return Vector512.FusedMultiplyAdd(v * z, p / q, v);
    }

    /// <summary>Large |x|: 1 - 2 / (e^{2|x|} + 1) with the sign of x (e^{2|x|} = inf gives exactly 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> TanhLarge(Vector512<double> v, Vector512<double> ax)
    {
        var one = Vector512<double>.One;
        var two = Vector512.Create(2.0);
        var large = one - (two / (ExpVector(two * ax) + one));
        return Vector512.ConditionalSelect(Vector512.LessThan(v, Vector512<double>.Zero), -large, large);
    }
}
