using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Options;

namespace SciTransfer.Transfer.Problems;

/// <summary>
/// The problem option <c>source_model: FILE</c>: start from a model trained elsewhere (a PyTorch state dict <c>.pt</c> /
/// <c>.pth</c> or <c>.safetensors</c> with its card NAME.json, e.g. written by <c>scitransfer export</c> or by PyTorch)
/// instead of pre-training on the source. A problem offers it by listing <see cref="Spec"/> among its declared
/// options and overriding <see cref="ProblemInstance{TSource}.ImportSource"/>; the config loader resolves the path
/// (<see cref="Config.StudyProblem.SourceModel"/>) and the runner reads the file through <see cref="SourceModelFiles"/>.
/// </summary>
public static class SourceModelOption
{
    /// <summary>The option's key.</summary>
    public const string Name = "source_model";

    /// <summary>The declaration to list among a problem's options (optional text, no default).</summary>
    public static OptionSpec Spec { get; } = OptionSpec.Text(
        Name,
        null,
        "model trained elsewhere used as the source model instead of pre-training: a PyTorch state dict (.pt, .pth) or .safetensors with its card NAME.json next to it (see docs/core-engine.md, model exchange); relative: to the config file, then the working directory") with { Optional = true };

    /// <summary>The entry's resolved model file, or null when the problem does not declare the option or it is left out.</summary>
    public static SourceModelFile? Resolve(OptionSet declared, ProblemOptions options)
    {
        ArgumentNullException.ThrowIfNull(declared);
        ArgumentNullException.ThrowIfNull(options);
        return declared.Find(Name) is null || !options.Has(Name)
            ? null
            : new SourceModelFile(options.ResolvePath(Name), options.File, options.PathOf(Name));
    }
}

/// <summary>A <c>source_model</c> file and where the config named it.</summary>
/// <param name="Path">Absolute path of the weights file.</param>
/// <param name="ConfigFile">The config file that names it.</param>
/// <param name="JsonPath">The option's JSON path, e.g. "$.problems[0].options.source_model".</param>
public sealed record SourceModelFile(string Path, string ConfigFile, string JsonPath)
{
    /// <summary>A config error (exit 1) naming the config, the option and the model file.</summary>
    public ConfigException Error(string problem) => new(ConfigFile, JsonPath, $"{Path}: {problem}");
}
