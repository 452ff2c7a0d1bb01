using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SciTransfer.Transfer.Errors;

namespace SciTransfer.Transfer.Config;

/// <summary>
/// Strict reader over one JSON object of a config file. Every getter records the resolved value
/// (after defaults) in <see cref="Resolved"/>; <see cref="EnsureAllKeysUsed"/> rejects keys nobody read.
/// Errors name the file, the JSON path and what is wrong.
/// </summary>
public sealed class OptionsReader
{
    private readonly JsonElement? _element;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private readonly List<OptionsReader> _children = [];

    /// <summary>Wraps <paramref name="element"/> (an object, or null for "no options") found at <paramref name="jsonPath"/> in <paramref name="file"/>.</summary>
    public OptionsReader(string file, string jsonPath, JsonElement? element)
    {
        File = file;
        JsonPath = jsonPath;
        if (element is { ValueKind: not JsonValueKind.Object and not JsonValueKind.Null and not JsonValueKind.Undefined })
        {
            throw new ConfigException(file, jsonPath, $"expected an object, found {Describe(element.Value)}");
        }

        _element = element is { ValueKind: JsonValueKind.Object } ? element : null;
    }

    /// <summary>An empty reader (all defaults), e.g. for <c>scitransfer list</c>.</summary>
    public static OptionsReader Empty(string file = "(defaults)") => new(file, "$", null);

    /// <summary>Config file path used in messages.</summary>
    public string File { get; }

    /// <summary>JSON path of this object.</summary>
    public string JsonPath { get; }

    /// <summary>Every value read so far, defaults included: recorded in run.json.</summary>
    public JsonObject Resolved { get; } = [];

    /// <summary>True when the key is present.</summary>
    public bool Has(string key) => TryGet(key, out _);

    /// <summary>A ConfigException for <paramref name="key"/> of this object.</summary>
    public ConfigException Error(string key, string problem) => new(File, PathOf(key), problem);

    /// <summary>Required number.</summary>
    public double GetDouble(string key) => ReadDouble(key, null, required: true);

    /// <summary>Optional number.</summary>
    public double GetDouble(string key, double defaultValue) => ReadDouble(key, defaultValue, required: false);

    /// <summary>Optional number that must lie in [min, max].</summary>
    public double GetDouble(string key, double defaultValue, double min, double max)
    {
        double v = GetDouble(key, defaultValue);
        if (double.IsNaN(v) || v < min || v > max)
        {
            throw Error(key, $"must be between {F(min)} and {F(max)}, found {F(v)}");
        }

        return v;
    }

    /// <summary>Required integer.</summary>
    public int GetInt(string key) => ReadInt(key, null, required: true);

    /// <summary>Optional integer.</summary>
    public int GetInt(string key, int defaultValue) => ReadInt(key, defaultValue, required: false);

    /// <summary>Optional integer that must lie in [min, max].</summary>
    public int GetInt(string key, int defaultValue, int min, int max)
    {
        int v = GetInt(key, defaultValue);
        if (v < min || v > max)
        {
            throw Error(key, $"must be between {min} and {max}, found {v}");
        }

        return v;
    }

    /// <summary>Optional boolean.</summary>
    public bool GetBool(string key, bool defaultValue)
    {
        if (!TryGet(key, out var e))
        {
            Resolved[key] = defaultValue;
            return defaultValue;
        }

        if (e.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw Error(key, $"expected true or false, found {Describe(e)}");
        }

        Resolved[key] = e.GetBoolean();
        return e.GetBoolean();
    }

    /// <summary>Required string.</summary>
    public string GetString(string key) => ReadString(key, null, required: true, null);

    /// <summary>Optional string.</summary>
    public string GetString(string key, string defaultValue) => ReadString(key, defaultValue, required: false, null);

    /// <summary>Optional string restricted to <paramref name="allowed"/>.</summary>
    public string GetChoice(string key, string defaultValue, IReadOnlyCollection<string> allowed) =>
        ReadString(key, defaultValue, required: false, allowed);

    /// <summary>Optional array of numbers.</summary>
    public double[] GetDoubleArray(string key, double[] defaultValue)
    {
        if (!TryGet(key, out var e))
        {
            Resolved[key] = new JsonArray([.. defaultValue.Select(v => (JsonNode?)JsonValue.Create(v))]);
            return defaultValue;
        }

        var arr = ExpectArray(key, e);
        var result = new double[arr.Count];
        for (int i = 0; i < arr.Count; i++)
        {
            if (arr[i].ValueKind != JsonValueKind.Number)
            {
                throw new ConfigException(File, $"{PathOf(key)}[{i}]", $"expected a number, found {Describe(arr[i])}");
            }

            result[i] = arr[i].GetDouble();
        }

        Resolved[key] = JsonNode.Parse(e.GetRawText());
        return result;
    }

    /// <summary>Optional array of integers.</summary>
    public int[] GetIntArray(string key, int[] defaultValue)
    {
        if (!TryGet(key, out var e))
        {
            Resolved[key] = new JsonArray([.. defaultValue.Select(v => (JsonNode?)JsonValue.Create(v))]);
            return defaultValue;
        }

        var arr = ExpectArray(key, e);
        var result = new int[arr.Count];
        for (int i = 0; i < arr.Count; i++)
        {
            if (arr[i].ValueKind != JsonValueKind.Number || !arr[i].TryGetInt32(out result[i]))
            {
                throw new ConfigException(File, $"{PathOf(key)}[{i}]", $"expected an integer, found {Describe(arr[i])}");
            }
        }

        Resolved[key] = JsonNode.Parse(e.GetRawText());
        return result;
    }

    /// <summary>Optional array of strings.</summary>
    public string[] GetStringArray(string key, string[] defaultValue)
    {
        if (!TryGet(key, out var e))
        {
            Resolved[key] = new JsonArray([.. defaultValue.Select(v => (JsonNode?)JsonValue.Create(v))]);
            return defaultValue;
        }

        var arr = ExpectArray(key, e);
        var result = new string[arr.Count];
        for (int i = 0; i < arr.Count; i++)
        {
            if (arr[i].ValueKind != JsonValueKind.String)
            {
                throw new ConfigException(File, $"{PathOf(key)}[{i}]", $"expected a string, found {Describe(arr[i])}");
            }

            result[i] = arr[i].GetString()!;
        }

        Resolved[key] = JsonNode.Parse(e.GetRawText());
        return result;
    }

    /// <summary>Nested object (an empty reader when absent); its keys are checked with this reader's.</summary>
    public OptionsReader GetObject(string key)
    {
        TryGet(key, out var e);
        var child = new OptionsReader(File, PathOf(key), e.ValueKind == JsonValueKind.Undefined ? null : e);
        _children.Add(child);
        Resolved[key] = child.Resolved;
        return child;
    }

    /// <summary>Elements of an optional array of objects, each as a reader.</summary>
    public IReadOnlyList<OptionsReader> GetObjectArray(string key)
    {
        if (!TryGet(key, out var e))
        {
            Resolved[key] = new JsonArray();
            return [];
        }

        var arr = ExpectArray(key, e);
        var readers = new List<OptionsReader>(arr.Count);
        var resolved = new JsonArray();
        for (int i = 0; i < arr.Count; i++)
        {
            if (arr[i].ValueKind != JsonValueKind.Object)
            {
                throw new ConfigException(File, $"{PathOf(key)}[{i}]", $"expected an object, found {Describe(arr[i])}");
            }

            var child = new OptionsReader(File, $"{PathOf(key)}[{i}]", arr[i]);
            _children.Add(child);
            readers.Add(child);
            resolved.Add(child.Resolved);
        }

        Resolved[key] = resolved;
        return readers;
    }

    /// <summary>Throws for the first key of this object (or a nested one) that no getter read.</summary>
    public void EnsureAllKeysUsed()
    {
        if (_element is { } obj)
        {
            foreach (var p in obj.EnumerateObject())
            {
                if (!_used.Contains(p.Name))
                {
                    throw new ConfigException(File, PathOf(p.Name), "unknown key");
                }
            }
        }

        foreach (var c in _children)
        {
            c.EnsureAllKeysUsed();
        }
    }

    private double ReadDouble(string key, double? defaultValue, bool required)
    {
        if (!TryGet(key, out var e))
        {
            if (required)
            {
                throw Error(key, "missing required number");
            }

            Resolved[key] = defaultValue!.Value;
            return defaultValue.Value;
        }

        if (e.ValueKind != JsonValueKind.Number)
        {
            throw Error(key, $"expected a number, found {Describe(e)}");
        }

        Resolved[key] = e.GetDouble();
        return e.GetDouble();
    }

    private int ReadInt(string key, int? defaultValue, bool required)
    {
        if (!TryGet(key, out var e))
        {
            if (required)
            {
                throw Error(key, "missing required integer");
            }

            Resolved[key] = defaultValue!.Value;
            return defaultValue.Value;
        }

        if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt32(out int v))
        {
            throw Error(key, $"expected an integer, found {Describe(e)}");
        }

        Resolved[key] = v;
        return v;
    }

    private string ReadString(string key, string? defaultValue, bool required, IReadOnlyCollection<string>? allowed)
    {
        string value;
        if (!TryGet(key, out var e))
        {
            if (required)
            {
                throw Error(key, "missing required string");
            }

            value = defaultValue!;
        }
        else if (e.ValueKind != JsonValueKind.String)
        {
            throw Error(key, $"expected a string, found {Describe(e)}");
        }
        else
        {
            value = e.GetString()!;
        }

        if (allowed is not null && !allowed.Contains(value))
        {
            throw Error(key, $"'{value}' is not one of: {string.Join(", ", allowed)}");
        }

        Resolved[key] = value;
        return value;
    }

    private List<JsonElement> ExpectArray(string key, JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Array)
        {
            throw Error(key, $"expected an array, found {Describe(e)}");
        }

        return [.. e.EnumerateArray()];
    }

    private bool TryGet(string key, out JsonElement value)
    {
        _used.Add(key);
        if (_element is { } obj && obj.TryGetProperty(key, out value))
        {
            // An explicit null is not "absent": it is an error, so a config never runs on a default its author
            // meant to replace.
            return value.ValueKind == JsonValueKind.Null
                ? throw Error(key, "is null; give a value, or remove the key to use the default")
                : true;
        }

        value = default;
        return false;
    }

    private string PathOf(string key) => $"{JsonPath}.{key}";

    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    private static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => $"string \"{e.GetString()}\"",
        JsonValueKind.Number => $"number {e.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"boolean {e.GetRawText()}",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => e.ValueKind.ToString().ToLowerInvariant(),
    };
}
