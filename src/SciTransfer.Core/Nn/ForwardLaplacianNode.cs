using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Kernels;
using SciTransfer.Core.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace SciTransfer.Core.Nn;

/// <summary>
/// Forward-Laplacian propagation through one dense layer as a single tape node. The state is a
/// stacked matrix S [(d + 2) N, width] with row blocks [value; d/dx_1; ...; d/dx_d; laplacian].
/// A layer computes Z = S W (one product of (d + 2) N rows), adds the bias to the value block only,
/// then applies the activation rule
///   h = s(z),  d_k h = s'(z) d_k z,  lap h = s'(z) lap z + s''(z) sum_k (d_k z)^2.
/// Backward is hand-written from the same rule (it needs s''' for the value block).
/// </summary>
internal static class ForwardLaplacianNode
{
    /// <summary>Builds the stacked input [x; e_1; ...; e_d; 0] for x [N, d] (x is a constant).</summary>
    public static Var StackInput(Tape tape, Tensor x)
    {
        int n = x.Dim(0), d = x.Dim(1);
        var s = tape.RentZeroed([(d + 2) * n, d]);
        x.Span.CopyTo(s.Span);
        for (int k = 0; k < d; k++)
        {
            int block = (k + 1) * n;
            for (int i = 0; i < n; i++)
            {
                s[((block + i) * d) + k] = 1.0;
            }
        }

        return tape.Constant(s);
    }

    public static Var Layer(Tape tape, Var s, Var w, Var b, Activation act, int n, int d)
    {
        int rows = (d + 2) * n, fanIn = w.Value.Dim(0), fanOut = w.Value.Dim(1);
        int threads = tape.Threads;
        var z = tape.Rent([rows, fanOut]);
        Span<double> zs = z.Span;
        ReadOnlySpan<double> bs = b.Value.Span;
        for (int i = 0; i < n; i++)
        {
            bs.CopyTo(zs.Slice(i * fanOut, fanOut));
        }

        zs.Slice(n * fanOut).Clear();
        Gemm.Multiply(s.Value.Span, fanIn, false, w.Value.Span, fanOut, false, zs, fanOut, rows, fanOut, fanIn, accumulate: true, threads);

        bool grad = s.RequiresGrad || w.RequiresGrad || b.RequiresGrad;
        if (act == Activation.Identity)
        {
            var lin = tape.Result(z, grad);
            if (grad)
            {
                tape.Record(lin, g => LinearBackward(tape, s, w, b, g, n, fanIn, fanOut, rows));
            }

            return lin;
        }

        var y = tape.Rent([rows, fanOut]);
        Activate(act, zs, y.Span, n, d, fanOut);
        var r = tape.Result(y, grad);
        if (grad)
        {
            tape.Record(r, g =>
            {
                var gz = tape.Rent([rows, fanOut]);
                ActivationBackward(act, z.Span, y.Span, g.Span, gz.Span, n, d, fanOut);
                LinearBackward(tape, s, w, b, gz, n, fanIn, fanOut, rows);
            });
        }

        return r;
    }

    /// <summary>Splits the final stacked state into value, gradient and Laplacian blocks.</summary>
    public static InputDerivatives Split(Var s, int n, int d)
    {
        var value = Ops.Slice(s, 0, 0, n);
        var gradient = new Var[d];
        for (int k = 0; k < d; k++)
        {
            gradient[k] = Ops.Slice(s, 0, (k + 1) * n, n);
        }

        return new InputDerivatives(value, gradient, Ops.Slice(s, 0, (d + 1) * n, n));
    }

    private static void LinearBackward(Tape tape, Var s, Var w, Var b, Tensor gz, int n, int fanIn, int fanOut, int rows)
    {
        int threads = tape.Threads;
        if (w.RequiresGrad)
        {
            Gemm.Multiply(s.Value.Span, fanIn, true, gz.Span, fanOut, false, w.EnsureGrad().Span, fanOut, fanIn, fanOut, rows, accumulate: true, threads);
        }

        if (b.RequiresGrad)
        {
            Span<double> gb = b.EnsureGrad().Span;
            ReadOnlySpan<double> g = gz.Span;
            for (int i = 0; i < n; i++)
            {
                TensorPrimitives.Add(gb, g.Slice(i * fanOut, fanOut), gb);
            }
        }

        if (s.RequiresGrad)
        {
            Gemm.Multiply(gz.Span, fanOut, false, w.Value.Span, fanOut, true, s.EnsureGrad().Span, fanIn, rows, fanIn, fanOut, accumulate: true, threads);
        }
    }

    /// <summary>s'(z), s''(z), s'''(z) from z and h = s(z).</summary>
    private static (double D1, double D2, double D3) Derivs(Activation act, double z, double h)
    {
        switch (act)
        {
            case Activation.Tanh:
                {
                    double s1 = 1 - (h * h);
                    return (s1, -2 * h * s1, -2 * s1 * (1 - (3 * h * h)));
                }

            case Activation.Sigmoid:
                {
                    double s1 = h * (1 - h);
                    return (s1, s1 * (1 - (2 * h)), s1 * (1 - (6 * h) + (6 * h * h)));
                }

            case Activation.Relu:
                return (z > 0 ? 1 : 0, 0, 0);
            default:
                return (1, 0, 0);
        }
    }

    private static void Activate(Activation act, ReadOnlySpan<double> z, Span<double> y, int n, int d, int width)
    {
        int block = n * width;
        ReadOnlySpan<double> zv = z[..block];
        Span<double> yv = y[..block];
        switch (act)
        {
            case Activation.Tanh: TensorPrimitives.Tanh(zv, yv); break;
            case Activation.Sigmoid: TensorPrimitives.Sigmoid(zv, yv); break;
            default: TensorPrimitives.Max(zv, 0.0, yv); break;
        }

        int lap = (d + 1) * block;
        for (int e = 0; e < block; e++)
        {
            var (s1, s2, _) = Derivs(act, zv[e], yv[e]);
            double sq = 0;
            for (int k = 1; k <= d; k++)
            {
                double zk = z[(k * block) + e];
                y[(k * block) + e] = s1 * zk;
                sq += zk * zk;
            }

            y[lap + e] = (s1 * z[lap + e]) + (s2 * sq);
        }
    }

    private static void ActivationBackward(Activation act, ReadOnlySpan<double> z, ReadOnlySpan<double> y, ReadOnlySpan<double> g, Span<double> gz, int n, int d, int width)
    {
        int block = n * width;
        int lap = (d + 1) * block;
        for (int e = 0; e < block; e++)
        {
            var (s1, s2, s3) = Derivs(act, z[e], y[e]);
            double gl = g[lap + e];
            double zl = z[lap + e];
            double sq = 0, cross = 0;
            for (int k = 1; k <= d; k++)
            {
                double zk = z[(k * block) + e];
                double gk = g[(k * block) + e];
                sq += zk * zk;
                cross += gk * zk;
                gz[(k * block) + e] = (gk * s1) + (2 * gl * s2 * zk);
            }

            gz[e] = (g[e] * s1) + (cross * s2) + (gl * ((zl * s2) + (s3 * sq)));
            gz[lap + e] = gl * s1;
        }
    }
}
