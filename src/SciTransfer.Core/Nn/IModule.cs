namespace SciTransfer.Core.Nn;

/// <summary>A layer or model with an explicit list of parameters.</summary>
public interface IModule
{
    /// <summary>Every parameter, in a fixed order, with unique names.</summary>
    IReadOnlyList<Parameter> Parameters { get; }
}

/// <summary>Helpers over modules' parameter lists.</summary>
public static class ModuleExtensions
{
    /// <summary>Total number of scalar parameters (frozen included).</summary>
    public static int ParameterCount(this IModule module) => module.Parameters.Sum(p => p.Count);

    /// <summary>Number of scalar parameters that are not frozen.</summary>
    public static int TrainableParameterCount(this IModule module) => module.Parameters.Where(p => !p.Frozen).Sum(p => p.Count);

    /// <summary>Sets every gradient to zero.</summary>
    public static void ZeroGrad(this IModule module)
    {
        foreach (var p in module.Parameters)
        {
            p.ZeroGrad();
        }
    }

    /// <summary>
    /// Copies every parameter value of <paramref name="source"/> into the same-named parameter of
    /// <paramref name="target"/> (names and shapes must match one to one). Use it to start a per-cell
    /// copy of a shared pre-trained model: parameters are not safe to train from several threads.
    /// </summary>
    public static void CopyParametersFrom(this IModule target, IModule source)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(source);
        var byName = source.Parameters.ToDictionary(p => p.Name, StringComparer.Ordinal);
        if (byName.Count != target.Parameters.Count)
        {
            throw new ArgumentException($"CopyParametersFrom: source has {byName.Count} parameters, target {target.Parameters.Count}.");
        }

        foreach (var p in target.Parameters)
        {
            if (!byName.TryGetValue(p.Name, out var q))
            {
                throw new ArgumentException($"CopyParametersFrom: source has no parameter '{p.Name}'.");
            }

            if (!q.Value.SameShape(p.Value))
            {
                throw new ArgumentException($"CopyParametersFrom: parameter '{p.Name}' is {q.Value.ShapeText} in the source but {p.Value.ShapeText} in the target.");
            }
        }

        foreach (var p in target.Parameters)
        {
            p.Value.CopyFrom(byName[p.Name].Value);
        }
    }

    /// <summary>Freezes or unfreezes every parameter.</summary>
    public static void SetFrozen(this IModule module, bool frozen)
    {
        foreach (var p in module.Parameters)
        {
            p.Frozen = frozen;
        }
    }
}
