using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Nn;
using SciTransfer.Core.Tensors;

namespace SciTransfer.Core.Tests.Optim;

/// <summary>Known test functions written as tape programs over one parameter vector.</summary>
internal static class TestFunctions
{
    /// <summary>Rosenbrock (1 - x)^2 + 100 (y - x^2)^2; minimum 0 at (1, 1).</summary>
    public static Var Rosenbrock(Tape tape, Parameter p)
    {
        var v = tape.Param(p);
        var x = Ops.Slice(v, 0, 0, 1);
        var y = Ops.Slice(v, 0, 1, 1);
        var a = Ops.Square(Ops.AddScalar(Ops.Scale(x, -1), 1));
        var b = Ops.Square(y - Ops.Square(x));
        return a + (b * 100.0);
    }

    /// <summary>0.5 v^T A v - b^T v with A symmetric positive definite; minimiser A^-1 b.</summary>
    public static Var Quadratic(Tape tape, Parameter p, Tensor a, Tensor b)
    {
        var v = Ops.Reshape(tape.Param(p), 1, p.Count);
        var av = Ops.MatMul(v, tape.Constant(a));
        return Ops.Scale(Ops.Sum(Ops.Mul(av, v)), 0.5) - Ops.Sum(Ops.Mul(v, tape.Constant(b.Reshape(1, p.Count))));
    }

    /// <summary>A well-conditioned SPD matrix A = M M^T / n + I and its system's solution for b.</summary>
    public static (Tensor A, Tensor B, double[] Solution) QuadraticProblem(int n)
    {
        var m = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                m[i, j] = Math.Sin((i * 7) + (j * 3) + 1);
            }
        }

        var a = new Tensor(n, n);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double s = i == j ? 1 : 0;
                for (int k = 0; k < n; k++)
                {
                    s += m[i, k] * m[j, k] / n;
                }

                a[i, j] = s;
            }
        }

        var b = new Tensor(n);
        for (int i = 0; i < n; i++)
        {
            b[i] = Math.Cos(i);
        }

        var mat = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(n, n, (i, j) => a[i, j]);
        var sol = mat.Solve(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(b.Span.ToArray())).ToArray();
        return (a, b, sol);
    }
}
