using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Random;
using SciTransfer.Core.Tensors;

namespace SciTransfer.Core.Tests.Autodiff;

/// <summary>Central-difference gradient checks in double precision.</summary>
internal static class GradCheck
{
    /// <summary>Random tensor with entries in [lo, hi).</summary>
    public static Tensor Random(Rng rng, double lo, double hi, params int[] shape)
    {
        var t = new Tensor(shape);
        for (int i = 0; i < t.Length; i++)
        {
            t[i] = rng.Uniform(lo, hi);
        }

        return t;
    }

    /// <summary>
    /// Checks d f / d inputs of a scalar function built on a tape against central differences.
    /// Returns the largest relative error max_i |a_i - n_i| / max(|a_i|, |n_i|, floor).
    /// </summary>
    public static double MaxRelativeError(Func<Tape, Var[], Var> f, Tensor[] inputs, double h = 1e-5, double floor = 1e-3)
    {
        var tape = new Tape();
        var vars = inputs.Select(tape.Leaf).ToArray();
        var y = f(tape, vars);
        tape.Backward(y);
        double worst = 0;
        for (int k = 0; k < inputs.Length; k++)
        {
            var analytic = vars[k].Grad?.Clone() ?? new Tensor(inputs[k].Shape.ToArray());
            for (int i = 0; i < inputs[k].Length; i++)
            {
                double orig = inputs[k][i];
                inputs[k][i] = orig + h;
                double fp = Eval(f, inputs);
                inputs[k][i] = orig - h;
                double fm = Eval(f, inputs);
                inputs[k][i] = orig;
                double numeric = (fp - fm) / (2 * h);
                double a = analytic[i];
                double err = Math.Abs(a - numeric) / Math.Max(Math.Max(Math.Abs(a), Math.Abs(numeric)), floor);
                worst = Math.Max(worst, err);
            }
        }

        return worst;
    }

    /// <summary>Value of f without differentiation.</summary>
    public static double Eval(Func<Tape, Var[], Var> f, Tensor[] inputs)
    {
        var tape = new Tape();
        return f(tape, inputs.Select(tape.Constant).ToArray()).Item;
    }

    /// <summary>Reduces a tensor-valued output to a scalar with fixed random weights, so every output element's gradient matters.</summary>
    public static Var WeightedSum(Var y, ulong seed)
    {
        var w = Random(new Rng(seed), -1, 1, y.Shape.ToArray());
        return Ops.Sum(Ops.Mul(y, y.Tape.Constant(w)));
    }
}

/// <summary>Finite-difference checks of parameter gradients of a whole module.</summary>
internal static class ParamGradCheck
{
    /// <summary>
    /// Runs loss on a fresh tape, back-propagates into the parameters' Grad, and returns the worst
    /// relative error against central differences over every non-frozen parameter element.
    /// </summary>
    public static double MaxRelativeError(IReadOnlyList<SciTransfer.Core.Nn.Parameter> parameters, Func<Tape, Var> loss, double h = 1e-5, double floor = 1e-3)
    {
        foreach (var p in parameters)
        {
            p.ZeroGrad();
        }

        var tape = new Tape();
        tape.Backward(loss(tape));
        double worst = 0;
        foreach (var p in parameters)
        {
            if (p.Frozen)
            {
                continue;
            }

            for (int i = 0; i < p.Count; i++)
            {
                double orig = p.Value[i];
                p.Value[i] = orig + h;
                double fp = loss(new Tape()).Item;
                p.Value[i] = orig - h;
                double fm = loss(new Tape()).Item;
                p.Value[i] = orig;
                double num = (fp - fm) / (2 * h);
                double a = p.Grad[i];
                worst = Math.Max(worst, Math.Abs(a - num) / Math.Max(Math.Max(Math.Abs(a), Math.Abs(num)), floor));
            }
        }

        return worst;
    }
}
