using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SciTransfer.Transfer.Errors;

namespace SciTransfer.Transfer.Config;

/// <summary>
/// Applies command-line <c>--set PATH=VALUE</c> assignments to a config before it is validated, e.g.
/// <c>problems[0].options.hidden=32</c> or <c>repeats=5</c>. VALUE is read as JSON when it parses (numbers, true,
/// arrays, quoted strings), otherwise as a plain string. Intermediate objects are created; array indices must exist.
/// </summary>
public static class ConfigOverrides
{
    /// <summary>Applies every assignment in order.</summary>
    public static void Apply(JsonNode root, IEnumerable<string> assignments)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(assignments);
        foreach (string a in assignments)
        {
            Apply(root, a);
        }
    }

    private static void Apply(JsonNode root, string assignment)
    {
        int eq = assignment.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            throw Bad(assignment, "expected PATH=VALUE, e.g. problems[0].options.hidden=32");
        }

        string path = assignment[..eq].Trim();
        string text = assignment[(eq + 1)..];
        JsonNode? value;
        try
        {
            value = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            value = JsonValue.Create(text);
        }

        var segments = Segments(path, assignment);
        JsonNode node = root;
        for (int i = 0; i < segments.Count; i++)
        {
            bool last = i == segments.Count - 1;
            var seg = segments[i];
            if (seg.Index is { } index)
            {
                if (node is not JsonArray arr || index >= arr.Count)
                {
                    throw Bad(assignment, $"'{Describe(segments, i)}' is not an existing array element");
                }

                if (last)
                {
                    arr[index] = value;
                }
                else
                {
                    node = arr[index] ?? throw Bad(assignment, $"'{Describe(segments, i)}' is null");
                }
            }
            else
            {
                if (node is not JsonObject obj)
                {
                    throw Bad(assignment, $"'{Describe(segments, i - 1)}' is not an object");
                }

                if (last)
                {
                    obj[seg.Key!] = value;
                }
                else
                {
                    if (obj[seg.Key!] is not { } child)
                    {
                        child = new JsonObject();
                        obj[seg.Key!] = child;
                    }

                    node = child;
                }
            }
        }
    }

    private static List<(string? Key, int? Index)> Segments(string path, string assignment)
    {
        var result = new List<(string?, int?)>();
        foreach (string part in path.Split('.'))
        {
            string rest = part;
            int bracket = rest.IndexOf('[', StringComparison.Ordinal);
            string key = bracket < 0 ? rest : rest[..bracket];
            if (key.Length > 0)
            {
                result.Add((key, null));
            }
            else if (bracket != 0)
            {
                throw Bad(assignment, $"empty key in '{path}'");
            }

            while (bracket >= 0)
            {
                int close = rest.IndexOf(']', bracket);
                if (close < 0 || !int.TryParse(rest.AsSpan(bracket + 1, close - bracket - 1), NumberStyles.None, CultureInfo.InvariantCulture, out int index))
                {
                    throw Bad(assignment, $"bad array index in '{part}'");
                }

                result.Add((null, index));
                rest = rest[(close + 1)..];
                bracket = rest.IndexOf('[', StringComparison.Ordinal);
                if (bracket != 0 && rest.Length > 0)
                {
                    throw Bad(assignment, $"unexpected '{rest}' in '{part}'");
                }
            }
        }

        if (result.Count == 0)
        {
            throw Bad(assignment, "empty path");
        }

        return result;
    }

    private static string Describe(List<(string? Key, int? Index)> segments, int upTo) =>
        string.Concat(segments.Take(upTo + 1).Select((s, i) => s.Index is { } k ? $"[{k}]" : (i == 0 ? s.Key : "." + s.Key)));

    private static ConfigException Bad(string assignment, string problem) => new("command line", "--set " + assignment, problem);
}
