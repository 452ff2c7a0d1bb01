using System.Globalization;
using System.Text.Json;
using SciTransfer.Transfer.Errors;

namespace SciTransfer.Transfer.Config;

/// <summary>
/// Rejects a key that appears twice in one JSON object of a config: JSON parsers keep one of the two silently
/// (System.Text.Json the last), so "shift": 0.3 followed by "shift": 3.0 would run with 3.0 unseen.
/// </summary>
public static class DuplicateKeys
{
    /// <summary>Throws a <see cref="ConfigException"/> naming the JSON path of the first duplicated key.</summary>
    public static void Check(string file, JsonElement element, string path = "$")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var p in element.EnumerateObject())
                {
                    string child = $"{path}.{p.Name}";
                    if (!seen.Add(p.Name))
                    {
                        throw new ConfigException(file, child, "the key appears twice in this object (JSON keeps only one of them); remove one");
                    }

                    Check(file, p.Value, child);
                }

                break;
            case JsonValueKind.Array:
                int i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Check(file, item, string.Create(CultureInfo.InvariantCulture, $"{path}[{i++}]"));
                }

                break;
        }
    }
}
