using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SciTransfer.HeatSink.Nn;

/// <summary>
/// Row-major dense kernels for the MLP layers (inputs first, destination last, no allocation), blocked four
/// rows at a time with 256-bit vectors so each weight load serves four rows. Results do not depend on threads
/// (single-threaded, fixed summation order).
/// </summary>
public static class DenseKernels
{
    /// <summary>c[m x n] = a[m x k] * b[n x k]^T (layer forward: rows of a are inputs, rows of b are weight rows).</summary>
    public static void MultiplyTransposed(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int m, int k, int n, Span<double> c)
    {
        ref double ra = ref MemoryMarshal.GetReference(a);
        ref double rb = ref MemoryMarshal.GetReference(b);
        int kv = k - (k % 4);
        int r = 0;
        for (; r + 4 <= m; r += 4)
        {
            for (int o = 0; o < n; o++)
            {
                var s0 = Vector256<double>.Zero;
                var s1 = Vector256<double>.Zero;
                var s2 = Vector256<double>.Zero;
                var s3 = Vector256<double>.Zero;
                nuint bo = (nuint)(o * k);
                nuint a0 = (nuint)(r * k);
                int i = 0;
                for (; i < kv; i += 4)
                {
                    var w = Vector256.LoadUnsafe(ref rb, bo + (nuint)i);
                    s0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref ra, a0 + (nuint)i), w, s0);
                    s1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref ra, a0 + (nuint)(k + i)), w, s1);
                    s2 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref ra, a0 + (nuint)((2 * k) + i)), w, s2);
                    s3 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref ra, a0 + (nuint)((3 * k) + i)), w, s3);
                }

                double t0 = Vector256.Sum(s0);
                double t1 = Vector256.Sum(s1);
                double t2 = Vector256.Sum(s2);
                double t3 = Vector256.Sum(s3);
                for (; i < k; i++)
                {
                    double w = Unsafe.Add(ref rb, bo + (nuint)i);
                    t0 += Unsafe.Add(ref ra, a0 + (nuint)i) * w;
                    t1 += Unsafe.Add(ref ra, a0 + (nuint)(k + i)) * w;
                    t2 += Unsafe.Add(ref ra, a0 + (nuint)((2 * k) + i)) * w;
                    t3 += Unsafe.Add(ref ra, a0 + (nuint)((3 * k) + i)) * w;
                }

                c[(r * n) + o] = t0;
                c[((r + 1) * n) + o] = t1;
                c[((r + 2) * n) + o] = t2;
                c[((r + 3) * n) + o] = t3;
            }
        }

        for (; r < m; r++)
        {
            for (int o = 0; o < n; o++)
            {
                double t = 0;
                for (int i = 0; i < k; i++)
                {
                    t += a[(r * k) + i] * b[(o * k) + i];
                }

                c[(r * n) + o] = t;
            }
        }
    }

    /// <summary>c[m x k] = a[m x n] * b[n x k] (input adjoint: a = output adjoints, b = weights).</summary>
    public static void Multiply(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int m, int n, int k, Span<double> c)
    {
        ref double ra = ref MemoryMarshal.GetReference(a);
        ref double rb = ref MemoryMarshal.GetReference(b);
        ref double rc = ref MemoryMarshal.GetReference(c);
        int kv = k - (k % 4);
        int r = 0;
        for (; r + 4 <= m; r += 4)
        {
            for (int j = 0; j < kv; j += 4)
            {
                var s0 = Vector256<double>.Zero;
                var s1 = Vector256<double>.Zero;
                var s2 = Vector256<double>.Zero;
                var s3 = Vector256<double>.Zero;
                for (int o = 0; o < n; o++)
                {
                    var w = Vector256.LoadUnsafe(ref rb, (nuint)((o * k) + j));
                    s0 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref ra, (r * n) + o)), w, s0);
                    s1 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref ra, ((r + 1) * n) + o)), w, s1);
                    s2 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref ra, ((r + 2) * n) + o)), w, s2);
                    s3 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref ra, ((r + 3) * n) + o)), w, s3);
                }

                s0.StoreUnsafe(ref rc, (nuint)((r * k) + j));
                s1.StoreUnsafe(ref rc, (nuint)(((r + 1) * k) + j));
                s2.StoreUnsafe(ref rc, (nuint)(((r + 2) * k) + j));
                s3.StoreUnsafe(ref rc, (nuint)(((r + 3) * k) + j));
            }

            for (int j = kv; j < k; j++)
            {
                for (int q = 0; q < 4; q++)
                {
                    double t = 0;
                    for (int o = 0; o < n; o++)
                    {
                        t += a[((r + q) * n) + o] * b[(o * k) + j];
                    }

                    c[((r + q) * k) + j] = t;
                }
            }
        }

        for (; r < m; r++)
        {
            for (int j = 0; j < k; j++)
            {
                double t = 0;
                for (int o = 0; o < n; o++)
                {
                    t += a[(r * n) + o] * b[(o * k) + j];
                }

                c[(r * k) + j] = t;
            }
        }
    }

    /// <summary>c[n x k] += a[m x n]^T * b[m x k] (weight gradient: a = output adjoints, b = layer inputs).</summary>
    public static void AddTransposedProduct(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int m, int n, int k, Span<double> c)
    {
        // c is small (a weight matrix) and stays in cache; stream the rows of a and b once, four at a time.
        ref double ra = ref MemoryMarshal.GetReference(a);
        ref double rb = ref MemoryMarshal.GetReference(b);
        ref double rc = ref MemoryMarshal.GetReference(c);
        int kv = k - (k % 4);
        int r = 0;
        for (; r + 4 <= m; r += 4)
        {
            nuint b0 = (nuint)(r * k);
            for (int o = 0; o < n; o++)
            {
                double x0 = Unsafe.Add(ref ra, (r * n) + o);
                double x1 = Unsafe.Add(ref ra, ((r + 1) * n) + o);
                double x2 = Unsafe.Add(ref ra, ((r + 2) * n) + o);
                double x3 = Unsafe.Add(ref ra, ((r + 3) * n) + o);
                if (x0 == 0 && x1 == 0 && x2 == 0 && x3 == 0)
                {
                    continue;
                }

                var v0 = Vector256.Create(x0);
                var v1 = Vector256.Create(x1);
                var v2 = Vector256.Create(x2);
                var v3 = Vector256.Create(x3);
                nuint co = (nuint)(o * k);
                int j = 0;
                for (; j < kv; j += 4)
                {
                    var acc = Vector256.LoadUnsafe(ref rc, co + (nuint)j);
                    acc = Vector256.FusedMultiplyAdd(v0, Vector256.LoadUnsafe(ref rb, b0 + (nuint)j), acc);
                    acc = Vector256.FusedMultiplyAdd(v1, Vector256.LoadUnsafe(ref rb, b0 + (nuint)(k + j)), acc);
                    acc = Vector256.FusedMultiplyAdd(v2, Vector256.LoadUnsafe(ref rb, b0 + (nuint)((2 * k) + j)), acc);
                    acc = Vector256.FusedMultiplyAdd(v3, Vector256.LoadUnsafe(ref rb, b0 + (nuint)((3 * k) + j)), acc);
                    acc.StoreUnsafe(ref rc, co + (nuint)j);
                }

                for (; j < k; j++)
                {
                    Unsafe.Add(ref rc, co + (nuint)j) += (x0 * Unsafe.Add(ref rb, b0 + (nuint)j)) + (x1 * Unsafe.Add(ref rb, b0 + (nuint)(k + j)))
                        + (x2 * Unsafe.Add(ref rb, b0 + (nuint)((2 * k) + j))) + (x3 * Unsafe.Add(ref rb, b0 + (nuint)((3 * k) + j)));
                }
            }
        }

        for (; r < m; r++)
        {
            for (int o = 0; o < n; o++)
            {
                double x = a[(r * n) + o];
                for (int j = 0; j < k; j++)
                {
                    c[(o * k) + j] += x * b[(r * k) + j];
                }
            }
        }
    }
}
