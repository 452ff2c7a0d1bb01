using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Diagnostics;
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
/// <see cref="Mlp.ForwardWithDerivatives"/> chains these; use them directly for other
/// architectures of dense layers: Stack, then Dense per layer, then Split.
/// </summary>
public static class ForwardLaplacian
{
    /// <summary>Builds the stacked input [x; e_1; ...; e_d; 0] [(d + 2) N, d] for points x [N, d] (x is a constant).</summary>
    public static Var Stack(Tape tape, Tensor x)
    {
        ArgumentNullException.ThrowIfNull(tape);
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 2)
        {
            throw new ArgumentException($"ForwardLaplacian.Stack: points {x.ShapeText} are not [N, d].");
        }

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

    /// <summary>
    /// One dense layer with activation on a stacked state s [(d + 2) N, in]: weight [in, out],
    /// bias [out] (added to the value rows only). Returns the stacked state [(d + 2) N, out].
    /// </summary>
    public static Var Dense(Var s, Var w, Var b, Activation act, int n, int d)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(b);
        if (w.Value.Rank != 2 || s.Value.Rank != 2 || s.Value.Dim(0) != (d + 2) * n || s.Value.Dim(1) != w.Value.Dim(0) || b.Value.Length != w.Value.Dim(1))
        {
            throw new ArgumentException(
                $"ForwardLaplacian.Dense: state {s.ShapeText}, weight {w.ShapeText} and bias {b.ShapeText} do not fit {n} points in {d} dimensions.");
        }

        var tape = s.Tape;
        int rows = (d + 2) * n, fanIn = w.Value.Dim(0), fanOut = w.Value.Dim(1);
        int threads = tape.Threads;
        var z = tape.Rent([rows, fanOut]);
        Span<double> zs = z.Span;
        ReadOnlySpan<double> bs = b.Value.Span;
        for (int i = 0; i < n; i++)
        {
            bs.CopyTo(zs.Slice(i * fanOut, fanOut));
        }

        // Value rows start from the bias; derivative rows are overwritten (no bias, no clearing pass).
        ReadOnlySpan<double> sv = s.Value.Span;
        long t0 = EngineProfile.Begin();
        Gemm.Multiply(sv, fanIn, false, w.Value.Span, fanOut, false, zs, fanOut, n, fanOut, fanIn, accumulate: true, threads);
        Gemm.Multiply(sv[(n * fanIn)..], fanIn, false, w.Value.Span, fanOut, false, zs[(n * fanOut)..], fanOut, rows - n, fanOut, fanIn, accumulate: false, threads);
        EngineProfile.End(EnginePhase.PinnGemmForward, t0);

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
        t0 = EngineProfile.Begin();
        ForRanges(n * fanOut, threads, (start, end) => Activate(act, z.Data, y.Data, n * fanOut, d, start, end));
        EngineProfile.End(EnginePhase.PinnActivationForward, t0);
        var r = tape.Result(y, grad);
        if (grad)
        {
            tape.Record(r, g =>
            {
                var gz = tape.Rent([rows, fanOut]);
                long tb = EngineProfile.Begin();
                ForRanges(n * fanOut, threads, (start, end) => ActivationBackward(act, z.Data, y.Data, g.Data, gz.Data, n * fanOut, d, start, end));
                EngineProfile.End(EnginePhase.PinnActivationBackward, tb);
                LinearBackward(tape, s, w, b, gz, n, fanIn, fanOut, rows);
            });
        }

        return r;
    }

    /// <summary>Splits a stacked state into value, gradient and Laplacian blocks (each [N, width]).</summary>
    public static InputDerivatives Split(Var s, int n, int d)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (s.Value.Rank != 2 || s.Value.Dim(0) != (d + 2) * n)
        {
            throw new ArgumentException($"ForwardLaplacian.Split: state {s.ShapeText} does not hold {d + 2} blocks of {n} rows.");
        }

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
            long t0 = EngineProfile.Begin();
            Gemm.Multiply(s.Value.Span, fanIn, true, gz.Span, fanOut, false, w.EnsureGrad().Span, fanOut, fanIn, fanOut, rows, accumulate: true, threads);
            EngineProfile.End(EnginePhase.PinnGemmWeights, t0);
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
            bool fresh = s.TakeFreshGrad(out var gs);
            long t1 = EngineProfile.Begin();
            Gemm.Multiply(gz.Span, fanOut, false, w.Value.Span, fanOut, true, gs.Span, fanIn, rows, fanIn, fanOut, accumulate: !fresh, threads);
            EngineProfile.End(EnginePhase.PinnGemmState, t1);
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

    /// <summary>Runs body over [0, count) split into contiguous ranges, in parallel when threads &gt; 1 (elementwise work, so the split cannot change results).</summary>
    private static void ForRanges(int count, int threads, Action<int, int> body)
    {
        const int MinChunk = 16_384;
        int chunks = Math.Min(threads, Math.Max(1, count / MinChunk));
        if (chunks <= 1)
        {
            body(0, count);
            return;
        }

        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads }, ci =>
        {
            int start = (int)((long)count * ci / chunks) & ~7;
            int end = ci == chunks - 1 ? count : (int)((long)count * (ci + 1) / chunks) & ~7;
            body(start, end);
        });
    }

    /// <summary>Activation rule for value-block elements [start, end) (block = N x width; other blocks at multiples of block).</summary>
    private static void Activate(Activation act, double[] zArr, double[] yArr, int block, int d, int start, int end)
    {
        ReadOnlySpan<double> z = zArr;
        Span<double> y = yArr;
        ReadOnlySpan<double> zv = z[start..end];
        Span<double> yv = y[start..end];
        switch (act)
        {
            case Activation.Tanh: TensorPrimitives.Tanh(zv, yv); break;
            case Activation.Sigmoid: TensorPrimitives.Sigmoid(zv, yv); break;
            default: TensorPrimitives.Max(zv, 0.0, yv); break;
        }

        int lap = (d + 1) * block;
        int e0 = start;
        if (Vector512.IsHardwareAccelerated)
        {
            ref double rz = ref MemoryMarshal.GetReference(z);
            ref double ry = ref MemoryMarshal.GetReference(y);
            for (; e0 + 8 <= end; e0 += 8)
            {
                var (s1, s2, _) = Derivs(act, Vector512.LoadUnsafe(ref rz, (nuint)e0), Vector512.LoadUnsafe(ref ry, (nuint)e0));
                Vector512<double> sq = Vector512<double>.Zero;
                for (int k = 1; k <= d; k++)
                {
                    nuint o = (nuint)((k * block) + e0);
                    Vector512<double> zk = Vector512.LoadUnsafe(ref rz, o);
                    (s1 * zk).StoreUnsafe(ref ry, o);
                    sq = Vector512.FusedMultiplyAdd(zk, zk, sq);
                }

                nuint ol = (nuint)(lap + e0);
                Vector512.FusedMultiplyAdd(s1, Vector512.LoadUnsafe(ref rz, ol), s2 * sq).StoreUnsafe(ref ry, ol);
            }
        }

        for (int e = e0; e < end; e++)
        {
            var (s1, s2, _) = Derivs(act, z[e], y[e]);
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

    private static void ActivationBackward(Activation act, double[] zArr, double[] yArr, double[] gArr, double[] gzArr, int block, int d, int start, int end)
    {
        ReadOnlySpan<double> z = zArr, y = yArr, g = gArr;
        Span<double> gz = gzArr;
        int lap = (d + 1) * block;
        int e0 = start;
        if (Vector512.IsHardwareAccelerated)
        {
            ref double rz = ref MemoryMarshal.GetReference(z);
            ref double ry = ref MemoryMarshal.GetReference(y);
            ref double rg = ref MemoryMarshal.GetReference(g);
            ref double rgz = ref MemoryMarshal.GetReference(gz);
            var two = Vector512.Create(2.0);
            for (; e0 + 8 <= end; e0 += 8)
            {
                var (s1, s2, s3) = Derivs(act, Vector512.LoadUnsafe(ref rz, (nuint)e0), Vector512.LoadUnsafe(ref ry, (nuint)e0));
                nuint ol = (nuint)(lap + e0);
                Vector512<double> gl = Vector512.LoadUnsafe(ref rg, ol);
                Vector512<double> zl = Vector512.LoadUnsafe(ref rz, ol);
                Vector512<double> gl2s2 = two * gl * s2;
                Vector512<double> sq = Vector512<double>.Zero, cross = Vector512<double>.Zero;
                for (int k = 1; k <= d; k++)
                {
                    nuint o = (nuint)((k * block) + e0);
                    Vector512<double> zk = Vector512.LoadUnsafe(ref rz, o);
                    Vector512<double> gk = Vector512.LoadUnsafe(ref rg, o);
                    sq = Vector512.FusedMultiplyAdd(zk, zk, sq);
                    cross = Vector512.FusedMultiplyAdd(gk, zk, cross);
                    Vector512.FusedMultiplyAdd(gk, s1, gl2s2 * zk).StoreUnsafe(ref rgz, o);
                }

                Vector512<double> gv = Vector512.LoadUnsafe(ref rg, (nuint)e0);
                Vector512<double> lapTerm = gl * Vector512.FusedMultiplyAdd(zl, s2, s3 * sq);
                Vector512.FusedMultiplyAdd(gv, s1, Vector512.FusedMultiplyAdd(cross, s2, lapTerm)).StoreUnsafe(ref rgz, (nuint)e0);
                (gl * s1).StoreUnsafe(ref rgz, ol);
            }
        }

        for (int e = e0; e < end; e++)
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

    /// <summary>Vector form of <see cref="Derivs(Activation, double, double)"/>.</summary>
    private static (Vector512<double> D1, Vector512<double> D2, Vector512<double> D3) Derivs(Activation act, Vector512<double> z, Vector512<double> h)
    {
        var one = Vector512<double>.One;
        switch (act)
        {
            case Activation.Tanh:
                {
                    var h2 = h * h;
                    var s1 = one - h2;
                    return (s1, Vector512.Create(-2.0) * h * s1, Vector512.Create(-2.0) * s1 * Vector512.FusedMultiplyAdd(Vector512.Create(-3.0), h2, one));
                }

            case Activation.Sigmoid:
                {
                    var s1 = h * (one - h);
                    var s2 = s1 * Vector512.FusedMultiplyAdd(Vector512.Create(-2.0), h, one);
                    var six = Vector512.Create(6.0);
                    return (s1, s2, s1 * (one - (six * h) + (six * h * h)));
                }

            case Activation.Relu:
                return (Vector512.ConditionalSelect(Vector512.GreaterThan(z, Vector512<double>.Zero), one, Vector512<double>.Zero), Vector512<double>.Zero, Vector512<double>.Zero);
            default:
                return (one, Vector512<double>.Zero, Vector512<double>.Zero);
        }
    }
}
