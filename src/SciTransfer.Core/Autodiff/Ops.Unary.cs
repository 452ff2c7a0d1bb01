using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using SciTransfer.Core.Tensors;

namespace SciTransfer.Core.Autodiff;

public static partial class Ops
{
    /// <summary>Elementwise tanh.</summary>
    public static Var Tanh(Var x) => Unary(x, UnaryKind.Tanh);

    /// <summary>Elementwise logistic sigmoid 1 / (1 + e^-x).</summary>
    public static Var Sigmoid(Var x) => Unary(x, UnaryKind.Sigmoid);

    /// <summary>Elementwise max(x, 0) (derivative 0 at 0).</summary>
    public static Var Relu(Var x) => Unary(x, UnaryKind.Relu);

    /// <summary>Elementwise e^x.</summary>
    public static Var Exp(Var x) => Unary(x, UnaryKind.Exp);

    /// <summary>Elementwise natural logarithm.</summary>
    public static Var Log(Var x) => Unary(x, UnaryKind.Log);

    /// <summary>Elementwise x^2.</summary>
    public static Var Square(Var x) => Unary(x, UnaryKind.Square);

    /// <summary>Elementwise square root.</summary>
    public static Var Sqrt(Var x) => Unary(x, UnaryKind.Sqrt);

    private enum UnaryKind
    {
        Tanh,
        Sigmoid,
        Relu,
        Exp,
        Log,
        Square,
        Sqrt,
    }

    private static Var Unary(Var x, UnaryKind kind)
    {
        ArgumentNullException.ThrowIfNull(x);
        var tape = x.Tape;
        var y = tape.Rent(x.Shape);
        ReadOnlySpan<double> xs = x.Value.Span;
        Span<double> ys = y.Span;
        switch (kind)
        {
            case UnaryKind.Tanh: TensorPrimitives.Tanh(xs, ys); break;
            case UnaryKind.Sigmoid: TensorPrimitives.Sigmoid(xs, ys); break;
            case UnaryKind.Relu: TensorPrimitives.Max(xs, 0.0, ys); break;
            case UnaryKind.Exp: TensorPrimitives.Exp(xs, ys); break;
            case UnaryKind.Log: TensorPrimitives.Log(xs, ys); break;
            case UnaryKind.Square: TensorPrimitives.Multiply(xs, xs, ys); break;
            default: TensorPrimitives.Sqrt(xs, ys); break;
        }

        var r = tape.Result(y, x.RequiresGrad);
        if (x.RequiresGrad)
        {
            tape.Record(r, g => UnaryBackward(x, y, g, kind));
        }

        return r;
    }

    private static void UnaryBackward(Var x, Tensor y, Tensor g, UnaryKind kind)
    {
        ReadOnlySpan<double> xs = x.Value.Span, ys = y.Span, gs = g.Span;
        Span<double> gx = x.EnsureGrad().Span;
        int start = kind is UnaryKind.Tanh or UnaryKind.Sigmoid or UnaryKind.Relu ? UnaryBackwardVector(xs, ys, gs, gx, kind) : 0;
        if (start > 0)
        {
            xs = xs[start..];
            ys = ys[start..];
            gs = gs[start..];
            gx = gx[start..];
        }

        switch (kind)
        {
            case UnaryKind.Tanh:
                for (int i = 0; i < gx.Length; i++)
                {
                    gx[i] += gs[i] * (1 - (ys[i] * ys[i]));
                }

                break;
            case UnaryKind.Sigmoid:
                for (int i = 0; i < gx.Length; i++)
                {
                    gx[i] += gs[i] * ys[i] * (1 - ys[i]);
                }

                break;
            case UnaryKind.Relu:
                for (int i = 0; i < gx.Length; i++)
                {
                    gx[i] += xs[i] > 0 ? gs[i] : 0;
                }

                break;
            case UnaryKind.Exp:
                TensorPrimitives.FusedMultiplyAdd(gs, ys, gx, gx);
                break;
            case UnaryKind.Log:
                for (int i = 0; i < gx.Length; i++)
                {
                    gx[i] += gs[i] / xs[i];
                }

                break;
            case UnaryKind.Square:
                for (int i = 0; i < gx.Length; i++)
                {
                    gx[i] += 2 * gs[i] * xs[i];
                }

                break;
            default:
                for (int i = 0; i < gx.Length; i++)
                {
                    gx[i] += 0.5 * gs[i] / ys[i];
                }

                break;
        }
    }

    /// <summary>Vectorized backward of tanh, sigmoid and relu; returns how many leading elements it handled.</summary>
    private static int UnaryBackwardVector(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, ReadOnlySpan<double> gs, Span<double> gx, UnaryKind kind)
    {
        if (!Vector512.IsHardwareAccelerated)
        {
            return 0;
        }

        ref double rx = ref MemoryMarshal.GetReference(xs);
        ref double ry = ref MemoryMarshal.GetReference(ys);
        ref double rg = ref MemoryMarshal.GetReference(gs);
        ref double rgx = ref MemoryMarshal.GetReference(gx);
        var one = Vector512<double>.One;
        int i = 0;
        for (; i + 8 <= gx.Length; i += 8)
        {
            nuint u = (nuint)i;
            var g = Vector512.LoadUnsafe(ref rg, u);
            var acc = Vector512.LoadUnsafe(ref rgx, u);
            Vector512<double> d;
            switch (kind)
            {
                case UnaryKind.Tanh:
                    {
                        var y = Vector512.LoadUnsafe(ref ry, u);
                        d = g * (one - (y * y));
                        break;
                    }

                case UnaryKind.Sigmoid:
                    {
                        var y = Vector512.LoadUnsafe(ref ry, u);
                        d = g * y * (one - y);
                        break;
                    }

                default:
                    d = Vector512.ConditionalSelect(Vector512.GreaterThan(Vector512.LoadUnsafe(ref rx, u), Vector512<double>.Zero), g, Vector512<double>.Zero);
                    break;
            }

            (acc + d).StoreUnsafe(ref rgx, u);
        }

        return i;
    }
}
