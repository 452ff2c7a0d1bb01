using System.Numerics;
using System.Runtime.InteropServices;

namespace SciTransfer.FuelMoisture.Model;

/// <summary>
/// Dense row-major matrix kernels over spans (inputs first, destination last, no allocation) for the
/// LSTM and its head. Sizes are passed explicitly; the caller guarantees span lengths.
/// </summary>
public static class MatrixKernels
{
    /// <summary>C[m, n] (+)= sum_k A[m, k] B[n, k]: A is [M, K], B is [N, K], C is [M, N]. Overwrites when <paramref name="accumulate"/> is false.</summary>
    public static void MultiplyTransposedB(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int m, int n, int k, Span<double> c, bool accumulate)
    {
        int vw = Vector<double>.Count;
        var bv = MemoryMarshal.Cast<double, Vector<double>>(b);
        bool vectorised = k % vw == 0;
        for (int i = 0; i < m; i++)
        {
            var arow = a.Slice(i * k, k);
            var crow = c.Slice(i * n, n);
            if (vectorised)
            {
                var av = MemoryMarshal.Cast<double, Vector<double>>(arow);
                int kv = k / vw;
                int j = 0;
                for (; j + 4 <= n; j += 4)
                {
                    var s0 = Vector<double>.Zero;
                    var s1 = Vector<double>.Zero;
                    var s2 = Vector<double>.Zero;
                    var s3 = Vector<double>.Zero;
                    int o0 = j * kv, o1 = o0 + kv, o2 = o1 + kv, o3 = o2 + kv;
                    for (int q = 0; q < kv; q++)
                    {
                        var x = av[q];
                        s0 += x * bv[o0 + q];
                        s1 += x * bv[o1 + q];
                        s2 += x * bv[o2 + q];
                        s3 += x * bv[o3 + q];
                    }

                    Store(crow, j, Vector.Sum(s0), accumulate);
                    Store(crow, j + 1, Vector.Sum(s1), accumulate);
                    Store(crow, j + 2, Vector.Sum(s2), accumulate);
                    Store(crow, j + 3, Vector.Sum(s3), accumulate);
                }

                for (; j < n; j++)
                {
                    var s = Vector<double>.Zero;
                    for (int q = 0; q < kv; q++)
                    {
                        s += av[q] * bv[(j * kv) + q];
                    }

                    Store(crow, j, Vector.Sum(s), accumulate);
                }
            }
            else
            {
                for (int j = 0; j < n; j++)
                {
                    double s = 0;
                    var brow = b.Slice(j * k, k);
                    for (int q = 0; q < k; q++)
                    {
                        s += arow[q] * brow[q];
                    }

                    Store(crow, j, s, accumulate);
                }
            }
        }
    }

    /// <summary>C[m, n] += sum_k A[m, k] B[k, n]: A is [M, K], B is [K, N], C is [M, N] (always accumulates).</summary>
    public static void MultiplyAdd(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int m, int n, int k, Span<double> c)
    {
        for (int i = 0; i < m; i++)
        {
            var crow = c.Slice(i * n, n);
            for (int q = 0; q < k; q++)
            {
                double s = a[(i * k) + q];
                if (s != 0.0)
                {
                    Axpy(s, b.Slice(q * n, n), crow);
                }
            }
        }
    }

    /// <summary>C[n, k] += sum_m A[m, n] B[m, k]: A is [M, N], B is [M, K], C is [N, K] (weight gradients: A = output grads, B = inputs).</summary>
    public static void MultiplyTransposedAAdd(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int m, int n, int k, Span<double> c)
    {
        for (int i = 0; i < m; i++)
        {
            var brow = b.Slice(i * k, k);
            var arow = a.Slice(i * n, n);
            for (int j = 0; j < n; j++)
            {
                double s = arow[j];
                if (s != 0.0)
                {
                    Axpy(s, brow, c.Slice(j * k, k));
                }
            }
        }
    }

    /// <summary>y += alpha x.</summary>
    public static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        int vw = Vector<double>.Count;
        int i = 0;
        if (x.Length >= vw)
        {
            var xv = MemoryMarshal.Cast<double, Vector<double>>(x);
            var yv = MemoryMarshal.Cast<double, Vector<double>>(y);
            var av = new Vector<double>(alpha);
            for (int q = 0; q < xv.Length; q++)
            {
                yv[q] += av * xv[q];
            }

            i = xv.Length * vw;
        }

        for (; i < x.Length; i++)
        {
            y[i] += alpha * x[i];
        }
    }

    /// <summary>Column sums: dst[n] += sum_m A[m, n] (bias gradients).</summary>
    public static void AddColumnSums(ReadOnlySpan<double> a, int m, int n, Span<double> destination)
    {
        for (int i = 0; i < m; i++)
        {
            var row = a.Slice(i * n, n);
            for (int j = 0; j < n; j++)
            {
                destination[j] += row[j];
            }
        }
    }

    /// <summary>Logistic sigmoid.</summary>
    public static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));

    private static void Store(Span<double> c, int j, double v, bool accumulate)
    {
        if (accumulate)
        {
            c[j] += v;
        }
        else
        {
            c[j] = v;
        }
    }
}
