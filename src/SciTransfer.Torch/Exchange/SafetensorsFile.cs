using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SciTransfer.Core.Tensors;

namespace SciTransfer.Torch.Exchange;

/// <summary>
/// The safetensors format (Hugging Face), managed: u64 little-endian header length N | N bytes of JSON
/// { name: { "dtype": "F64", "shape": [...], "data_offsets": [begin, end] }, "__metadata__": { str: str } } |
/// the data, offsets relative to its start. Writes F64; reads F64 and F32 (widened). No libtorch needed.
/// </summary>
public static class SafetensorsFile
{
    /// <summary>Writes the tensors in order (F64, row-major) with optional string metadata.</summary>
    public static void Write(string path, IReadOnlyList<(string Name, Tensor Value)> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var header = new JsonObject();
        if (metadata is { Count: > 0 })
        {
            var meta = new JsonObject();
            foreach (var (k, v) in metadata)
            {
                meta[k] = v;
            }

            header["__metadata__"] = meta;
        }

        long offset = 0;
        foreach (var (name, t) in tensors)
        {
            if (header.ContainsKey(name))
            {
                throw new ArgumentException($"safetensors {path}: tensor '{name}' appears twice.");
            }

            long bytes = 8L * t.Length;
            header[name] = new JsonObject
            {
                ["dtype"] = "F64",
                ["shape"] = new JsonArray(t.Shape.ToArray().Select(d => JsonValue.Create((long)d)).ToArray<JsonNode?>()),
                ["data_offsets"] = new JsonArray(offset, offset + bytes),
            };
            offset += bytes;
        }

        byte[] json = Encoding.UTF8.GetBytes(header.ToJsonString());
        int pad = (8 - (json.Length % 8)) % 8;  // the format recommends an 8-byte aligned data section
        using var fs = File.Create(path);
        Span<byte> len = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(len, (ulong)(json.Length + pad));
        fs.Write(len);
        fs.Write(json);
        for (int i = 0; i < pad; i++)
        {
            fs.WriteByte((byte)' ');
        }

        var buffer = new byte[8];
        foreach (var (_, t) in tensors)
        {
            foreach (double v in t.Span)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(buffer, v);
                fs.Write(buffer);
            }
        }
    }

    /// <summary>Reads every tensor (file order) and the metadata; errors name the file and the entry.</summary>
    public static (List<(string Name, Tensor Value)> Tensors, Dictionary<string, string> Metadata) Read(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length < 8)
        {
            throw new InvalidDataException($"{path}: not a safetensors file (shorter than its 8-byte header length).");
        }

        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (n > (ulong)(bytes.Length - 8))
        {
            throw new InvalidDataException($"{path}: header length {n} exceeds the file ({bytes.Length} bytes).");
        }

        JsonObject header;
        try
        {
            header = JsonNode.Parse(bytes.AsSpan(8, (int)n))?.AsObject() ?? throw new InvalidDataException($"{path}: empty header.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: header is not JSON: {e.Message}");
        }

        long dataStart = 8 + (long)n;
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = new List<(string Name, long Begin, Tensor Value)>();
        foreach (var (name, node) in header)
        {
            if (name == "__metadata__")
            {
                foreach (var (k, v) in node!.AsObject())
                {
                    meta[k] = v!.GetValue<string>();
                }

                continue;
            }

            var o = node!.AsObject();
            string dtype = o["dtype"]!.GetValue<string>();
            int[] shape = o["shape"]!.AsArray().Select(d => checked((int)d!.GetValue<long>())).ToArray();
            var offs = o["data_offsets"]!.AsArray();
            long begin = offs[0]!.GetValue<long>(), end = offs[1]!.GetValue<long>();
            int size = dtype switch
            {
                "F64" => 8,
                "F32" => 4,
                _ => throw new InvalidDataException($"{path}: tensor '{name}' has dtype {dtype}; only F64 and F32 are read."),
            };
            var t = new Tensor(shape.Length == 0 ? [1] : shape);
            if (end - begin != (long)size * t.Length || dataStart + end > bytes.Length || begin < 0)
            {
                throw new InvalidDataException($"{path}: tensor '{name}' {Tensor.ShapeString(shape)} {dtype} has data_offsets [{begin}, {end}] that do not fit its shape or the file.");
            }

            var span = t.Span;
            for (int i = 0; i < span.Length; i++)
            {
                long at = dataStart + begin + ((long)i * size);
                span[i] = size == 8
                    ? BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan((int)at, 8))
                    : BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan((int)at, 4));
            }

            entries.Add((name, begin, t));
        }

        return (entries.OrderBy(e => e.Begin).Select(e => (e.Name, e.Value)).ToList(), meta);
    }
}
