using SciTransfer.Transfer.Errors;

namespace SciTransfer.Transfer.Problems;

/// <summary>
/// A source model in the neutral form that the model-exchange formats (PyTorch state dicts and safetensors with a JSON
/// card, written and read by SciTransfer.Torch) and the problems both understand: an architecture name, the model
/// object of that architecture and its input features in order. The architectures and their model objects are
/// <c>"moisture-lstm"</c>: <c>(MoistureNet Net, FeatureScaler Scaler)</c> (fuel moisture), <c>"field-mlp"</c>: a
/// <c>FieldMlp</c> of the coordinates (heat-sink PINN), <c>"nusselt-mlp"</c>: a <c>FieldMlp</c> of the six design
/// features whose output is log Nu. A problem turns its source model into one (<see cref="ProblemInstance{TSource}.ExportSource"/>,
/// what <c>scitransfer export</c> writes) and back (<see cref="ProblemInstance{TSource}.ImportSource"/>, the
/// <c>source_model</c> option).
/// </summary>
/// <param name="Architecture">Architecture name (the card's "architecture").</param>
/// <param name="Model">The model object of that architecture.</param>
/// <param name="Features">Input feature names in the order the model reads them.</param>
public sealed record ExchangeModel(string Architecture, object Model, IReadOnlyList<string> Features)
{
    /// <summary>The option and file it was read from (set by <see cref="SourceModelFiles.Read"/>), for errors; null when made in code.</summary>
    public SourceModelFile? Origin { get; init; }

    /// <summary>
    /// The model object as <typeparamref name="T"/>, after checking that it is an <paramref name="architecture"/> and,
    /// when <paramref name="features"/> is given, that it reads exactly those features in that order.
    /// </summary>
    /// <exception cref="ConfigException">A model of another architecture or other features (names the option and file).</exception>
    public T As<T>(string architecture, IReadOnlyList<string>? features = null)
    {
        if (Architecture != architecture)
        {
            throw Error($"holds a '{Architecture}' model; this problem's source model is a '{architecture}'");
        }

        if (features is not null && !Features.SequenceEqual(features, StringComparer.Ordinal))
        {
            throw Error($"the model reads the features [{string.Join(", ", Features)}]; this problem's are [{string.Join(", ", features)}] (same names, same order)");
        }

        return Model is T t
            ? t
            : throw new InvalidOperationException($"ExchangeModel '{Architecture}' holds a {Model.GetType().Name}, not a {typeof(T).Name}");
    }

    /// <summary>Checks the layer sizes against those the problem's options give (<paramref name="option"/> names the option to change).</summary>
    public void ExpectSizes(IReadOnlyList<int> found, IReadOnlyList<int> expected, string option)
    {
        ArgumentNullException.ThrowIfNull(found);
        ArgumentNullException.ThrowIfNull(expected);
        if (!found.SequenceEqual(expected))
        {
            throw Error($"layer sizes [{string.Join(", ", found)}], but the problem's options give [{string.Join(", ", expected)}]; set the option {option} to match the model");
        }
    }

    /// <summary>An error about this model: a <see cref="ConfigException"/> naming the config, the option and the file when read from one.</summary>
    public Exception Error(string problem) =>
        Origin is { } o ? o.Error(problem) : new ConfigException("(code)", "source model", problem);
}
