using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SciTransfer.Core.Kernels;

/// <summary>
/// The register kernels of the tall-k path (<see cref="Gemm"/>, GemmTallK.cs). C# has no arrays of registers, so
/// the grid of accumulators (up to 4 rows x 7 vectors) is written out; each kernel is generic over struct counts
/// (<see cref="ICount"/>) whose N is a constant of each instantiation, so the JIT keeps only the accumulators,
/// loads and FMAs a shape uses (checked in the disassembly: the 3 x 7 loop is 3 broadcasts, 7 loads and 21 FMAs,
/// no spills).
/// </summary>
public static partial class Gemm
{
    /// <summary>A compile-time count for the generic kernels: the JIT drops the accumulators a count does not use.</summary>
    private interface ICount
    {
        static abstract int N { get; }
    }

    /// <summary>C = C + s (or s) on the first <paramref name="lanes"/> of 8 (C + s: the same sum as the general path's tile add).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Put(double* dst, Vector512<double> s, int lanes, bool acc)
    {
        if (lanes >= 8)
        {
            (acc ? Vector512.Load(dst) + s : s).Store(dst);
            return;
        }

        for (int l = 0; l < lanes; l++)
        {
            dst[l] = acc ? dst[l] + s.GetElement(l) : s.GetElement(l);
        }
    }

    /// <summary>
    /// Up to 4 rows x up to 7 vectors of C over rows p of one k sub-block: every element is one FMA chain over p
    /// (the order of <see cref="Kernel8x16"/>), started from zero (<paramref name="first"/>) or from
    /// <paramref name="save"/>, and at the k block's end (<paramref name="last"/>) C = C + chain (or C = chain),
    /// else saved (a store and a load are exact, so the chain is unchanged). Row r of op(A) is a[p * lda + off_r];
    /// row p of B is b[p * ldb], read as TW.N vectors (lanes past <paramref name="cols"/> are computed and
    /// dropped). The JIT drops the accumulators that TR.N and TW.N, constants of each instantiation, do not use.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void TallChains<TR, TW>(
        double* a, nint lda, nint o1, nint o2, nint o3, double* b, nint ldb, int kc, double* c, nint ldc, int rows, int cols, bool acc, double* save, bool first, bool last)
        where TR : struct, ICount
        where TW : struct, ICount
    {
        Vector512<double> c00 = default, c01 = default, c02 = default, c03 = default, c04 = default, c05 = default, c06 = default;
        Vector512<double> c10 = default, c11 = default, c12 = default, c13 = default, c14 = default, c15 = default, c16 = default;
        Vector512<double> c20 = default, c21 = default, c22 = default, c23 = default, c24 = default, c25 = default, c26 = default;
        Vector512<double> c30 = default, c31 = default, c32 = default, c33 = default, c34 = default, c35 = default, c36 = default;
        if (!first)
        {
            c00 = Vector512.Load(save + 0);
            if (TW.N > 1)
            {
                c01 = Vector512.Load(save + 8);
            }

            if (TW.N > 2)
            {
                c02 = Vector512.Load(save + 16);
            }

            if (TW.N > 3)
            {
                c03 = Vector512.Load(save + 24);
            }

            if (TW.N > 4)
            {
                c04 = Vector512.Load(save + 32);
            }

            if (TW.N > 5)
            {
                c05 = Vector512.Load(save + 40);
            }

            if (TW.N > 6)
            {
                c06 = Vector512.Load(save + 48);
            }

            c10 = Vector512.Load(save + 56);
            if (TW.N > 1)
            {
                c11 = Vector512.Load(save + 64);
            }

            if (TW.N > 2)
            {
                c12 = Vector512.Load(save + 72);
            }

            if (TW.N > 3)
            {
                c13 = Vector512.Load(save + 80);
            }

            if (TW.N > 4)
            {
                c14 = Vector512.Load(save + 88);
            }

            if (TW.N > 5)
            {
                c15 = Vector512.Load(save + 96);
            }

            if (TW.N > 6)
            {
                c16 = Vector512.Load(save + 104);
            }

            c20 = Vector512.Load(save + 112);
            if (TW.N > 1)
            {
                c21 = Vector512.Load(save + 120);
            }

            if (TW.N > 2)
            {
                c22 = Vector512.Load(save + 128);
            }

            if (TW.N > 3)
            {
                c23 = Vector512.Load(save + 136);
            }

            if (TW.N > 4)
            {
                c24 = Vector512.Load(save + 144);
            }

            if (TW.N > 5)
            {
                c25 = Vector512.Load(save + 152);
            }

            if (TW.N > 6)
            {
                c26 = Vector512.Load(save + 160);
            }

            if (TR.N > 3)
            {
                c30 = Vector512.Load(save + 168);
            }

            if (TW.N > 1 && TR.N > 3)
            {
                c31 = Vector512.Load(save + 176);
            }

            if (TW.N > 2 && TR.N > 3)
            {
                c32 = Vector512.Load(save + 184);
            }

            if (TW.N > 3 && TR.N > 3)
            {
                c33 = Vector512.Load(save + 192);
            }

            if (TW.N > 4 && TR.N > 3)
            {
                c34 = Vector512.Load(save + 200);
            }

            if (TW.N > 5 && TR.N > 3)
            {
                c35 = Vector512.Load(save + 208);
            }

            if (TW.N > 6 && TR.N > 3)
            {
                c36 = Vector512.Load(save + 216);
            }
        }
        
        for (int p = 0; p < kc; p++)
        {
            Vector512<double> x0 = Vector512.Create(a[0]);
            Vector512<double> x1 = Vector512.Create(a[o1]);
            Vector512<double> x2 = Vector512.Create(a[o2]);
            Vector512<double> x3 = TR.N > 3 ? Vector512.Create(a[o3]) : default;
            Vector512<double> b0 = Vector512.Load(b + 0);
            c00 = Vector512.FusedMultiplyAdd(x0, b0, c00);
            c10 = Vector512.FusedMultiplyAdd(x1, b0, c10);
            c20 = Vector512.FusedMultiplyAdd(x2, b0, c20);
            if (TR.N > 3)
            {
                c30 = Vector512.FusedMultiplyAdd(x3, b0, c30);
            }

            if (TW.N > 1)
            {
                Vector512<double> b1 = Vector512.Load(b + 8);
                c01 = Vector512.FusedMultiplyAdd(x0, b1, c01);
                c11 = Vector512.FusedMultiplyAdd(x1, b1, c11);
                c21 = Vector512.FusedMultiplyAdd(x2, b1, c21);
                if (TR.N > 3)
                {
                    c31 = Vector512.FusedMultiplyAdd(x3, b1, c31);
                }
            }

            if (TW.N > 2)
            {
                Vector512<double> b2 = Vector512.Load(b + 16);
                c02 = Vector512.FusedMultiplyAdd(x0, b2, c02);
                c12 = Vector512.FusedMultiplyAdd(x1, b2, c12);
                c22 = Vector512.FusedMultiplyAdd(x2, b2, c22);
                if (TR.N > 3)
                {
                    c32 = Vector512.FusedMultiplyAdd(x3, b2, c32);
                }
            }

            if (TW.N > 3)
            {
                Vector512<double> b3 = Vector512.Load(b + 24);
                c03 = Vector512.FusedMultiplyAdd(x0, b3, c03);
                c13 = Vector512.FusedMultiplyAdd(x1, b3, c13);
                c23 = Vector512.FusedMultiplyAdd(x2, b3, c23);
                if (TR.N > 3)
                {
                    c33 = Vector512.FusedMultiplyAdd(x3, b3, c33);
                }
            }

            if (TW.N > 4)
            {
                Vector512<double> b4 = Vector512.Load(b + 32);
                c04 = Vector512.FusedMultiplyAdd(x0, b4, c04);
                c14 = Vector512.FusedMultiplyAdd(x1, b4, c14);
                c24 = Vector512.FusedMultiplyAdd(x2, b4, c24);
                if (TR.N > 3)
                {
                    c34 = Vector512.FusedMultiplyAdd(x3, b4, c34);
                }
            }

            if (TW.N > 5)
            {
                Vector512<double> b5 = Vector512.Load(b + 40);
                c05 = Vector512.FusedMultiplyAdd(x0, b5, c05);
                c15 = Vector512.FusedMultiplyAdd(x1, b5, c15);
                c25 = Vector512.FusedMultiplyAdd(x2, b5, c25);
                if (TR.N > 3)
                {
                    c35 = Vector512.FusedMultiplyAdd(x3, b5, c35);
                }
            }

            if (TW.N > 6)
            {
                Vector512<double> b6 = Vector512.Load(b + 48);
                c06 = Vector512.FusedMultiplyAdd(x0, b6, c06);
                c16 = Vector512.FusedMultiplyAdd(x1, b6, c16);
                c26 = Vector512.FusedMultiplyAdd(x2, b6, c26);
                if (TR.N > 3)
                {
                    c36 = Vector512.FusedMultiplyAdd(x3, b6, c36);
                }
            }

            a += lda;
            b += ldb;
        }
        
        if (!last)
        {
            c00.Store(save + 0);
            if (TW.N > 1)
            {
                c01.Store(save + 8);
            }

            if (TW.N > 2)
            {
                c02.Store(save + 16);
            }

            if (TW.N > 3)
            {
                c03.Store(save + 24);
            }

            if (TW.N > 4)
            {
                c04.Store(save + 32);
            }

            if (TW.N > 5)
            {
                c05.Store(save + 40);
            }

            if (TW.N > 6)
            {
                c06.Store(save + 48);
            }

            c10.Store(save + 56);
            if (TW.N > 1)
            {
                c11.Store(save + 64);
            }

            if (TW.N > 2)
            {
                c12.Store(save + 72);
            }

            if (TW.N > 3)
            {
                c13.Store(save + 80);
            }

            if (TW.N > 4)
            {
                c14.Store(save + 88);
            }

            if (TW.N > 5)
            {
                c15.Store(save + 96);
            }

            if (TW.N > 6)
            {
                c16.Store(save + 104);
            }

            c20.Store(save + 112);
            if (TW.N > 1)
            {
                c21.Store(save + 120);
            }

            if (TW.N > 2)
            {
                c22.Store(save + 128);
            }

            if (TW.N > 3)
            {
                c23.Store(save + 136);
            }

            if (TW.N > 4)
            {
                c24.Store(save + 144);
            }

            if (TW.N > 5)
            {
                c25.Store(save + 152);
            }

            if (TW.N > 6)
            {
                c26.Store(save + 160);
            }

            if (TR.N > 3)
            {
                c30.Store(save + 168);
            }

            if (TW.N > 1 && TR.N > 3)
            {
                c31.Store(save + 176);
            }

            if (TW.N > 2 && TR.N > 3)
            {
                c32.Store(save + 184);
            }

            if (TW.N > 3 && TR.N > 3)
            {
                c33.Store(save + 192);
            }

            if (TW.N > 4 && TR.N > 3)
            {
                c34.Store(save + 200);
            }

            if (TW.N > 5 && TR.N > 3)
            {
                c35.Store(save + 208);
            }

            if (TW.N > 6 && TR.N > 3)
            {
                c36.Store(save + 216);
            }

            return;
        }
        
        if (rows > 0)
        {
            Put(c + (0 * ldc) + 0, c00, cols - 0, acc);
            if (TW.N > 1)
            {
                Put(c + (0 * ldc) + 8, c01, cols - 8, acc);
            }

            if (TW.N > 2)
            {
                Put(c + (0 * ldc) + 16, c02, cols - 16, acc);
            }

            if (TW.N > 3)
            {
                Put(c + (0 * ldc) + 24, c03, cols - 24, acc);
            }

            if (TW.N > 4)
            {
                Put(c + (0 * ldc) + 32, c04, cols - 32, acc);
            }

            if (TW.N > 5)
            {
                Put(c + (0 * ldc) + 40, c05, cols - 40, acc);
            }

            if (TW.N > 6)
            {
                Put(c + (0 * ldc) + 48, c06, cols - 48, acc);
            }
        }
        
        if (rows > 1)
        {
            Put(c + (1 * ldc) + 0, c10, cols - 0, acc);
            if (TW.N > 1)
            {
                Put(c + (1 * ldc) + 8, c11, cols - 8, acc);
            }

            if (TW.N > 2)
            {
                Put(c + (1 * ldc) + 16, c12, cols - 16, acc);
            }

            if (TW.N > 3)
            {
                Put(c + (1 * ldc) + 24, c13, cols - 24, acc);
            }

            if (TW.N > 4)
            {
                Put(c + (1 * ldc) + 32, c14, cols - 32, acc);
            }

            if (TW.N > 5)
            {
                Put(c + (1 * ldc) + 40, c15, cols - 40, acc);
            }

            if (TW.N > 6)
            {
                Put(c + (1 * ldc) + 48, c16, cols - 48, acc);
            }
        }
        
        if (rows > 2)
        {
            Put(c + (2 * ldc) + 0, c20, cols - 0, acc);
            if (TW.N > 1)
            {
                Put(c + (2 * ldc) + 8, c21, cols - 8, acc);
            }

            if (TW.N > 2)
            {
                Put(c + (2 * ldc) + 16, c22, cols - 16, acc);
            }

            if (TW.N > 3)
            {
                Put(c + (2 * ldc) + 24, c23, cols - 24, acc);
            }

            if (TW.N > 4)
            {
                Put(c + (2 * ldc) + 32, c24, cols - 32, acc);
            }

            if (TW.N > 5)
            {
                Put(c + (2 * ldc) + 40, c25, cols - 40, acc);
            }

            if (TW.N > 6)
            {
                Put(c + (2 * ldc) + 48, c26, cols - 48, acc);
            }
        }
        
        if (rows > 3 && TR.N > 3)
        {
            Put(c + (3 * ldc) + 0, c30, cols - 0, acc);
            if (TW.N > 1)
            {
                Put(c + (3 * ldc) + 8, c31, cols - 8, acc);
            }

            if (TW.N > 2)
            {
                Put(c + (3 * ldc) + 16, c32, cols - 16, acc);
            }

            if (TW.N > 3)
            {
                Put(c + (3 * ldc) + 24, c33, cols - 24, acc);
            }

            if (TW.N > 4)
            {
                Put(c + (3 * ldc) + 32, c34, cols - 32, acc);
            }

            if (TW.N > 5)
            {
                Put(c + (3 * ldc) + 40, c35, cols - 40, acc);
            }

            if (TW.N > 6)
            {
                Put(c + (3 * ldc) + 48, c36, cols - 48, acc);
            }
        }
    }

    /// <summary>
    /// One or two rows x up to 7 vectors of C, like <see cref="TallChains{TR, TW}"/> but each element summed as two
    /// FMA chains (even and odd p of the k block, an odd last p on the even one) added at the end: the order of
    /// <see cref="KernelRow"/>, which the general path uses for the last 1-2 rows of m (m mod 8 in {1, 2}).
    /// Sub-blocks other than the last must have an even length.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void TallPairChains<TW>(
        double* a, nint lda, nint o1, double* b, nint ldb, int kc, double* c, nint ldc, int rows, int cols, bool acc, double* save, bool first, bool last)
        where TW : struct, ICount
    {
        Vector512<double> c00 = default, c01 = default, c02 = default, c03 = default, c04 = default, c05 = default, c06 = default;
        Vector512<double> d00 = default, d01 = default, d02 = default, d03 = default, d04 = default, d05 = default, d06 = default;
        Vector512<double> c10 = default, c11 = default, c12 = default, c13 = default, c14 = default, c15 = default, c16 = default;
        Vector512<double> d10 = default, d11 = default, d12 = default, d13 = default, d14 = default, d15 = default, d16 = default;
        if (!first)
        {
            c00 = Vector512.Load(save + 0);
            if (TW.N > 1)
            {
                c01 = Vector512.Load(save + 8);
            }

            if (TW.N > 2)
            {
                c02 = Vector512.Load(save + 16);
            }

            if (TW.N > 3)
            {
                c03 = Vector512.Load(save + 24);
            }

            if (TW.N > 4)
            {
                c04 = Vector512.Load(save + 32);
            }

            if (TW.N > 5)
            {
                c05 = Vector512.Load(save + 40);
            }

            if (TW.N > 6)
            {
                c06 = Vector512.Load(save + 48);
            }

            c10 = Vector512.Load(save + 56);
            if (TW.N > 1)
            {
                c11 = Vector512.Load(save + 64);
            }

            if (TW.N > 2)
            {
                c12 = Vector512.Load(save + 72);
            }

            if (TW.N > 3)
            {
                c13 = Vector512.Load(save + 80);
            }

            if (TW.N > 4)
            {
                c14 = Vector512.Load(save + 88);
            }

            if (TW.N > 5)
            {
                c15 = Vector512.Load(save + 96);
            }

            if (TW.N > 6)
            {
                c16 = Vector512.Load(save + 104);
            }

            d00 = Vector512.Load(save + 112);
            if (TW.N > 1)
            {
                d01 = Vector512.Load(save + 120);
            }

            if (TW.N > 2)
            {
                d02 = Vector512.Load(save + 128);
            }

            if (TW.N > 3)
            {
                d03 = Vector512.Load(save + 136);
            }

            if (TW.N > 4)
            {
                d04 = Vector512.Load(save + 144);
            }

            if (TW.N > 5)
            {
                d05 = Vector512.Load(save + 152);
            }

            if (TW.N > 6)
            {
                d06 = Vector512.Load(save + 160);
            }

            d10 = Vector512.Load(save + 168);
            if (TW.N > 1)
            {
                d11 = Vector512.Load(save + 176);
            }

            if (TW.N > 2)
            {
                d12 = Vector512.Load(save + 184);
            }

            if (TW.N > 3)
            {
                d13 = Vector512.Load(save + 192);
            }

            if (TW.N > 4)
            {
                d14 = Vector512.Load(save + 200);
            }

            if (TW.N > 5)
            {
                d15 = Vector512.Load(save + 208);
            }

            if (TW.N > 6)
            {
                d16 = Vector512.Load(save + 216);
            }
        }
        
        int p = 0;
        for (; p + 2 <= kc; p += 2)
        {
            {
                Vector512<double> x0 = Vector512.Create(a[0]);
                Vector512<double> x1 = Vector512.Create(a[o1]);
                Vector512<double> b0 = Vector512.Load(b + 0);
                c00 = Vector512.FusedMultiplyAdd(x0, b0, c00);
                c10 = Vector512.FusedMultiplyAdd(x1, b0, c10);
                if (TW.N > 1)
                {
                    Vector512<double> b1 = Vector512.Load(b + 8);
                    c01 = Vector512.FusedMultiplyAdd(x0, b1, c01);
                    c11 = Vector512.FusedMultiplyAdd(x1, b1, c11);
                }

                if (TW.N > 2)
                {
                    Vector512<double> b2 = Vector512.Load(b + 16);
                    c02 = Vector512.FusedMultiplyAdd(x0, b2, c02);
                    c12 = Vector512.FusedMultiplyAdd(x1, b2, c12);
                }

                if (TW.N > 3)
                {
                    Vector512<double> b3 = Vector512.Load(b + 24);
                    c03 = Vector512.FusedMultiplyAdd(x0, b3, c03);
                    c13 = Vector512.FusedMultiplyAdd(x1, b3, c13);
                }

                if (TW.N > 4)
                {
                    Vector512<double> b4 = Vector512.Load(b + 32);
                    c04 = Vector512.FusedMultiplyAdd(x0, b4, c04);
                    c14 = Vector512.FusedMultiplyAdd(x1, b4, c14);
                }

                if (TW.N > 5)
                {
                    Vector512<double> b5 = Vector512.Load(b + 40);
                    c05 = Vector512.FusedMultiplyAdd(x0, b5, c05);
                    c15 = Vector512.FusedMultiplyAdd(x1, b5, c15);
                }

                if (TW.N > 6)
                {
                    Vector512<double> b6 = Vector512.Load(b + 48);
                    c06 = Vector512.FusedMultiplyAdd(x0, b6, c06);
                    c16 = Vector512.FusedMultiplyAdd(x1, b6, c16);
                }
            }

            {
                Vector512<double> x0 = Vector512.Create(a[lda]);
                Vector512<double> x1 = Vector512.Create(a[lda + o1]);
                Vector512<double> b0 = Vector512.Load(b + ldb + 0);
                d00 = Vector512.FusedMultiplyAdd(x0, b0, d00);
                d10 = Vector512.FusedMultiplyAdd(x1, b0, d10);
                if (TW.N > 1)
                {
                    Vector512<double> b1 = Vector512.Load(b + ldb + 8);
                    d01 = Vector512.FusedMultiplyAdd(x0, b1, d01);
                    d11 = Vector512.FusedMultiplyAdd(x1, b1, d11);
                }

                if (TW.N > 2)
                {
                    Vector512<double> b2 = Vector512.Load(b + ldb + 16);
                    d02 = Vector512.FusedMultiplyAdd(x0, b2, d02);
                    d12 = Vector512.FusedMultiplyAdd(x1, b2, d12);
                }

                if (TW.N > 3)
                {
                    Vector512<double> b3 = Vector512.Load(b + ldb + 24);
                    d03 = Vector512.FusedMultiplyAdd(x0, b3, d03);
                    d13 = Vector512.FusedMultiplyAdd(x1, b3, d13);
                }

                if (TW.N > 4)
                {
                    Vector512<double> b4 = Vector512.Load(b + ldb + 32);
                    d04 = Vector512.FusedMultiplyAdd(x0, b4, d04);
                    d14 = Vector512.FusedMultiplyAdd(x1, b4, d14);
                }

                if (TW.N > 5)
                {
                    Vector512<double> b5 = Vector512.Load(b + ldb + 40);
                    d05 = Vector512.FusedMultiplyAdd(x0, b5, d05);
                    d15 = Vector512.FusedMultiplyAdd(x1, b5, d15);
                }

                if (TW.N > 6)
                {
                    Vector512<double> b6 = Vector512.Load(b + ldb + 48);
                    d06 = Vector512.FusedMultiplyAdd(x0, b6, d06);
                    d16 = Vector512.FusedMultiplyAdd(x1, b6, d16);
                }
            }

            a += 2 * lda;
            b += 2 * ldb;
        }
        
        if (p < kc)
        {
            Vector512<double> x0 = Vector512.Create(a[0]);
            Vector512<double> x1 = Vector512.Create(a[o1]);
            Vector512<double> b0 = Vector512.Load(b + 0);
            c00 = Vector512.FusedMultiplyAdd(x0, b0, c00);
            c10 = Vector512.FusedMultiplyAdd(x1, b0, c10);
            if (TW.N > 1)
            {
                Vector512<double> b1 = Vector512.Load(b + 8);
                c01 = Vector512.FusedMultiplyAdd(x0, b1, c01);
                c11 = Vector512.FusedMultiplyAdd(x1, b1, c11);
            }

            if (TW.N > 2)
            {
                Vector512<double> b2 = Vector512.Load(b + 16);
                c02 = Vector512.FusedMultiplyAdd(x0, b2, c02);
                c12 = Vector512.FusedMultiplyAdd(x1, b2, c12);
            }

            if (TW.N > 3)
            {
                Vector512<double> b3 = Vector512.Load(b + 24);
                c03 = Vector512.FusedMultiplyAdd(x0, b3, c03);
                c13 = Vector512.FusedMultiplyAdd(x1, b3, c13);
            }

            if (TW.N > 4)
            {
                Vector512<double> b4 = Vector512.Load(b + 32);
                c04 = Vector512.FusedMultiplyAdd(x0, b4, c04);
                c14 = Vector512.FusedMultiplyAdd(x1, b4, c14);
            }

            if (TW.N > 5)
            {
                Vector512<double> b5 = Vector512.Load(b + 40);
                c05 = Vector512.FusedMultiplyAdd(x0, b5, c05);
                c15 = Vector512.FusedMultiplyAdd(x1, b5, c15);
            }

            if (TW.N > 6)
            {
                Vector512<double> b6 = Vector512.Load(b + 48);
                c06 = Vector512.FusedMultiplyAdd(x0, b6, c06);
                c16 = Vector512.FusedMultiplyAdd(x1, b6, c16);
            }
        }
        
        if (!last)
        {
            c00.Store(save + 0);
            if (TW.N > 1)
            {
                c01.Store(save + 8);
            }

            if (TW.N > 2)
            {
                c02.Store(save + 16);
            }

            if (TW.N > 3)
            {
                c03.Store(save + 24);
            }

            if (TW.N > 4)
            {
                c04.Store(save + 32);
            }

            if (TW.N > 5)
            {
                c05.Store(save + 40);
            }

            if (TW.N > 6)
            {
                c06.Store(save + 48);
            }

            c10.Store(save + 56);
            if (TW.N > 1)
            {
                c11.Store(save + 64);
            }

            if (TW.N > 2)
            {
                c12.Store(save + 72);
            }

            if (TW.N > 3)
            {
                c13.Store(save + 80);
            }

            if (TW.N > 4)
            {
                c14.Store(save + 88);
            }

            if (TW.N > 5)
            {
                c15.Store(save + 96);
            }

            if (TW.N > 6)
            {
                c16.Store(save + 104);
            }

            d00.Store(save + 112);
            if (TW.N > 1)
            {
                d01.Store(save + 120);
            }

            if (TW.N > 2)
            {
                d02.Store(save + 128);
            }

            if (TW.N > 3)
            {
                d03.Store(save + 136);
            }

            if (TW.N > 4)
            {
                d04.Store(save + 144);
            }

            if (TW.N > 5)
            {
                d05.Store(save + 152);
            }

            if (TW.N > 6)
            {
                d06.Store(save + 160);
            }

            d10.Store(save + 168);
            if (TW.N > 1)
            {
                d11.Store(save + 176);
            }

            if (TW.N > 2)
            {
                d12.Store(save + 184);
            }

            if (TW.N > 3)
            {
                d13.Store(save + 192);
            }

            if (TW.N > 4)
            {
                d14.Store(save + 200);
            }

            if (TW.N > 5)
            {
                d15.Store(save + 208);
            }

            if (TW.N > 6)
            {
                d16.Store(save + 216);
            }

            return;
        }
        
        if (rows > 0)
        {
            Put(c + (0 * ldc) + 0, c00 + d00, cols - 0, acc);
            if (TW.N > 1)
            {
                Put(c + (0 * ldc) + 8, c01 + d01, cols - 8, acc);
            }

            if (TW.N > 2)
            {
                Put(c + (0 * ldc) + 16, c02 + d02, cols - 16, acc);
            }

            if (TW.N > 3)
            {
                Put(c + (0 * ldc) + 24, c03 + d03, cols - 24, acc);
            }

            if (TW.N > 4)
            {
                Put(c + (0 * ldc) + 32, c04 + d04, cols - 32, acc);
            }

            if (TW.N > 5)
            {
                Put(c + (0 * ldc) + 40, c05 + d05, cols - 40, acc);
            }

            if (TW.N > 6)
            {
                Put(c + (0 * ldc) + 48, c06 + d06, cols - 48, acc);
            }
        }
        
        if (rows > 1)
        {
            Put(c + (1 * ldc) + 0, c10 + d10, cols - 0, acc);
            if (TW.N > 1)
            {
                Put(c + (1 * ldc) + 8, c11 + d11, cols - 8, acc);
            }

            if (TW.N > 2)
            {
                Put(c + (1 * ldc) + 16, c12 + d12, cols - 16, acc);
            }

            if (TW.N > 3)
            {
                Put(c + (1 * ldc) + 24, c13 + d13, cols - 24, acc);
            }

            if (TW.N > 4)
            {
                Put(c + (1 * ldc) + 32, c14 + d14, cols - 32, acc);
            }

            if (TW.N > 5)
            {
                Put(c + (1 * ldc) + 40, c15 + d15, cols - 40, acc);
            }

            if (TW.N > 6)
            {
                Put(c + (1 * ldc) + 48, c16 + d16, cols - 48, acc);
            }
        }
    }

    private struct N1 : ICount
    {
        public static int N => 1;
    }

    private struct N2 : ICount
    {
        public static int N => 2;
    }

    private struct N3 : ICount
    {
        public static int N => 3;
    }

    private struct N4 : ICount
    {
        public static int N => 4;
    }

    private struct N5 : ICount
    {
        public static int N => 5;
    }

    private struct N6 : ICount
    {
        public static int N => 6;
    }

    private struct N7 : ICount
    {
        public static int N => 7;
    }
}
