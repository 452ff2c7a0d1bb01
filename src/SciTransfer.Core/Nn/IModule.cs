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

    /// <summary>Freezes or unfreezes every parameter.</summary>
    public static void SetFrozen(this IModule module, bool frozen)
    {
        foreach (var p in module.Parameters)
        {
            p.Frozen = frozen;
        }
    }
}
