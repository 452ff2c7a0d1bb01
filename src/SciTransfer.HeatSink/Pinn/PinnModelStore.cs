using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SciTransfer.HeatSink.Nn;

namespace SciTransfer.HeatSink.Pinn;

/// <summary>
/// Saves and restores a trained network (layer sizes, input scaling, parameters) as JSON. Optimizer state is
/// deliberately not part of the file: a restored model is trained on with a fresh optimizer of any kind.
/// Doubles are written in round-trip form, so a restored model reproduces the saved one bit for bit.
/// </summary>
public static class PinnModelStore
{
    private const string Format = "scitransfer-heat-sink-mlp/1";

    /// <summary>Writes <paramref name="net"/> to <paramref name="stream"/>.</summary>
    public static void Save(FieldMlp net, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(stream);
        var obj = new JsonObject
        {
            ["format"] = Format,
            ["sizes"] = new JsonArray([.. net.Sizes.Select(v => (JsonNode?)JsonValue.Create(v))]),
            ["input_centre"] = Numbers(net.InputCentre),
            ["input_scale"] = Numbers(net.InputScale),
            ["mirror_period"] = net.MirrorPeriod.ToString("R", CultureInfo.InvariantCulture),
            ["parameters"] = Numbers(net.Parameters),
        };
        using var writer = new Utf8JsonWriter(stream);
        obj.WriteTo(writer);
    }

    /// <summary>Reads a network written by <see cref="Save"/>; <paramref name="source"/> names the file in errors.</summary>
    public static FieldMlp Load(Stream stream, string source = "(stream)")
    {
        ArgumentNullException.ThrowIfNull(stream);
        var node = JsonNode.Parse(stream) as JsonObject ?? throw new InvalidDataException($"{source}: not a JSON object");
        if ((string?)node["format"] != Format)
        {
            throw new InvalidDataException($"{source}: format is '{(string?)node["format"]}', expected '{Format}'");
        }

        int[] sizes = ReadArray(node, "sizes", source).Select(v => (int)v).ToArray();
        double mirror = node["mirror_period"] is JsonNode m ? double.Parse((string)m!, NumberStyles.Float, CultureInfo.InvariantCulture) : 0;
        var net = new FieldMlp(sizes, ReadArray(node, "input_centre", source), ReadArray(node, "input_scale", source), mirror);
        var p = ReadArray(node, "parameters", source);
        if (p.Length != net.Parameters.Length)
        {
            throw new InvalidDataException($"{source}: {p.Length} parameters for sizes [{string.Join(", ", sizes)}], expected {net.Parameters.Length}");
        }

        p.CopyTo(net.Parameters, 0);
        return net;
    }

    private static JsonArray Numbers(double[] values) =>
        new([.. values.Select(v => (JsonNode?)JsonValue.Create(v.ToString("R", CultureInfo.InvariantCulture)))]);

    private static double[] ReadArray(JsonObject node, string key, string source)
    {
        var arr = node[key] as JsonArray ?? throw new InvalidDataException($"{source}: missing array '{key}'");
        var result = new double[arr.Count];
        for (int i = 0; i < arr.Count; i++)
        {
            var v = arr[i] ?? throw new InvalidDataException($"{source}: {key}[{i}] is null");
            result[i] = v.GetValueKind() == JsonValueKind.String
                ? double.Parse((string)v!, NumberStyles.Float, CultureInfo.InvariantCulture)
                : (double)v;
        }

        return result;
    }
}
