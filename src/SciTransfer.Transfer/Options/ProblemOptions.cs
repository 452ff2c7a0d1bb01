using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Data;
using SciTransfer.Transfer.Errors;

namespace SciTransfer.Transfer.Options;

/// <summary>
/// The validated values of one problem entry's options (defaults and quick-mode defaults applied), plus its data
/// block. Getters take the declared name; asking for an undeclared name or the wrong type is a programming error.
/// </summary>
public sealed class ProblemOptions
{
    private readonly OptionSet _specs;
    private readonly Dictionary<string, object?> _values;
    private readonly HashSet<string> _given;
    private readonly OptionsReader? _reader;

    internal ProblemOptions(OptionSet specs, Dictionary<string, object?> values, HashSet<string> given, OptionsReader? reader, DataBlock? data)
    {
        _specs = specs;
        _values = values;
        _given = given;
        _reader = reader;
        Data = data;
    }

    /// <summary>The entry's resolved data block (files and split), or null when it has none.</summary>
    public DataBlock? Data { get; }

    /// <summary>Config file the values came from ("(defaults)" for <see cref="Defaults"/>).</summary>
    public string File => _reader?.File ?? "(defaults)";

    /// <summary>All defaults (for listings and tests).</summary>
    public static ProblemOptions Defaults(OptionSet specs, bool quick = false) =>
        specs.Read(OptionsReader.Empty(), quick);

    /// <summary>
    /// Values from a plain dictionary (tests, programmatic use): each value is checked as a config would be.
    /// </summary>
    public static ProblemOptions From(OptionSet specs, IReadOnlyDictionary<string, object> values, bool quick = false)
    {
        ArgumentNullException.ThrowIfNull(specs);
        ArgumentNullException.ThrowIfNull(values);
        var json = System.Text.Json.JsonSerializer.SerializeToElement(values);
        var reader = new OptionsReader("(code)", "$.options", json);
        var read = specs.Read(reader, quick);
        reader.EnsureAllKeysUsed();
        return read;
    }

    /// <summary>True when the config gave the option explicitly (not a default).</summary>
    public bool Given(string name) => _given.Contains(Check(name).Name);

    /// <summary>True when the option has a value (given, or defaulted); false for an optional option left out.</summary>
    public bool Has(string name) => _values.TryGetValue(Check(name).Name, out var v) && v is not null;

    /// <summary>An integer option.</summary>
    public int Int(string name) => Get<int>(name);

    /// <summary>A number option.</summary>
    public double Number(string name) => Get<double>(name);

    /// <summary>A boolean option.</summary>
    public bool Bool(string name) => Get<bool>(name);

    /// <summary>A text or choice option.</summary>
    public string Text(string name) => Get<string>(name);

    /// <summary>An optional text option, null when left out.</summary>
    public string? TextOrNull(string name) => GetOrNull<string>(name);

    /// <summary>An integer list option.</summary>
    public int[] IntList(string name) => (int[])Get<int[]>(name).Clone();

    /// <summary>A number list option.</summary>
    public double[] NumberList(string name) => (double[])Get<double[]>(name).Clone();

    /// <summary>A text list option.</summary>
    public string[] TextList(string name) => (string[])Get<string[]>(name).Clone();

    /// <summary>An optional text list, null when left out.</summary>
    public string[]? TextListOrNull(string name) => GetOrNull<string[]>(name) is { } a ? (string[])a.Clone() : null;

    /// <summary>The JSON path of option <paramref name="name"/>, e.g. "$.problems[2].options.digits_file".</summary>
    public string PathOf(string name) => (_reader?.JsonPath ?? "$.options") + "." + Check(name).Name;

    /// <summary>
    /// The absolute path of a file or folder option, relative to the config file's folder first, then the working
    /// directory (errors list the absolute paths tried).
    /// </summary>
    public string ResolvePath(string name, bool folder = false) => DataPaths.Resolve(Text(name), File, PathOf(name), folder);

    /// <summary>A config error about option <paramref name="name"/> (file and JSON path in the message).</summary>
    public ConfigException Error(string name, string problem) =>
        _reader is not null ? _reader.Error(name, problem) : new ConfigException(File, "$.options." + name, problem);

    private T Get<T>(string name)
    {
        var spec = Check(name);
        return _values.GetValueOrDefault(spec.Name) switch
        {
            T t => t,
            null => throw new InvalidOperationException($"option '{name}' has no value (optional, left out)"),
            _ => throw new InvalidOperationException($"option '{name}' is {spec.Kind}, not {typeof(T).Name}"),
        };
    }

    private T? GetOrNull<T>(string name)
        where T : class
    {
        var spec = Check(name);
        return _values.GetValueOrDefault(spec.Name) switch
        {
            null => null,
            T t => t,
            _ => throw new InvalidOperationException($"option '{name}' is {spec.Kind}, not {typeof(T).Name}"),
        };
    }

    private OptionSpec Check(string name) => _specs.Find(name) ?? throw new InvalidOperationException($"option '{name}' is not declared");
}
