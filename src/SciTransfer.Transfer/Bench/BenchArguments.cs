using System.Globalization;
using SciTransfer.Transfer.Errors;

namespace SciTransfer.Transfer.Bench;

/// <summary>Parsed <c>--key value</c> options of a bench command, with typed getters that name the bad option.</summary>
public sealed class BenchArguments
{
    private readonly IReadOnlyDictionary<string, string> _values;

    /// <summary>Wraps key (without "--") -> raw value.</summary>
    public BenchArguments(IReadOnlyDictionary<string, string> values)
    {
        _values = values;
    }

    /// <summary>Thread count (<c>--threads</c>, default 1).</summary>
    public int Threads => GetInt("threads", 1);

    /// <summary>Raw value or the default.</summary>
    public string GetString(string key, string defaultValue) => _values.TryGetValue(key, out var v) ? v : defaultValue;

    /// <summary>Required raw value.</summary>
    public string GetRequiredString(string key) =>
        _values.TryGetValue(key, out var v) ? v : throw new ConfigException("command line", "--" + key, "missing required option");

    /// <summary>Integer value or the default.</summary>
    public int GetInt(string key, int defaultValue)
    {
        if (!_values.TryGetValue(key, out var v))
        {
            return defaultValue;
        }

        return int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out int r) && r > 0
            ? r
            : throw new ConfigException("command line", "--" + key, $"expected a positive integer, found '{v}'");
    }

    /// <summary>Number value or the default.</summary>
    public double GetDouble(string key, double defaultValue)
    {
        if (!_values.TryGetValue(key, out var v))
        {
            return defaultValue;
        }

        return double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double r)
            ? r
            : throw new ConfigException("command line", "--" + key, $"expected a number, found '{v}'");
    }
}
