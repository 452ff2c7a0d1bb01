using System.Buffers.Binary;
using System.IO.Compression;

namespace SciTransfer.Tests.Shared;

/// <summary>
/// A minimal PNG decoder for the browser test: 8-bit greyscale, RGB or RGBA, non-interlaced (what
/// Chromium writes). Concatenates IDAT, inflates with ZLibStream and undoes the per-row filters.
/// </summary>
internal sealed class PngImage
{
    private PngImage(int width, int height, byte[] rgb)
    {
        Width = width;
        Height = height;
        Rgb = rgb;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Pixels as R, G, B bytes, row-major from the top.</summary>
    public byte[] Rgb { get; }

    public (byte R, byte G, byte B) this[int x, int y] => (Rgb[((y * Width) + x) * 3], Rgb[(((y * Width) + x) * 3) + 1], Rgb[(((y * Width) + x) * 3) + 2]);

    public static PngImage Decode(byte[] file)
    {
        byte[] signature = [137, 80, 78, 71, 13, 10, 26, 10];
        if (file.Length < 8 || !file.AsSpan(0, 8).SequenceEqual(signature))
        {
            throw new InvalidDataException("not a PNG file (bad signature)");
        }

        int width = 0, height = 0, bitDepth = 0, colorType = 0, interlace = 0;
        using var idat = new MemoryStream();
        int pos = 8;
        while (pos + 8 <= file.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(pos));
            string type = System.Text.Encoding.ASCII.GetString(file, pos + 4, 4);
            ReadOnlySpan<byte> data = file.AsSpan(pos + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                bitDepth = data[8];
                colorType = data[9];
                interlace = data[12];
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }
            else if (type == "IEND")
            {
                break;
            }

            pos += 12 + length;
        }

        int channels = colorType switch { 0 => 1, 2 => 3, 4 => 2, 6 => 4, _ => throw new InvalidDataException($"PNG colour type {colorType} not supported") };
        if (bitDepth != 8 || interlace != 0)
        {
            throw new InvalidDataException($"PNG bit depth {bitDepth}, interlace {interlace} not supported");
        }

        idat.Position = 0;
        using var inflater = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        inflater.CopyTo(raw);
        byte[] bytes = raw.ToArray();
        int stride = width * channels;
        if (bytes.Length < height * (stride + 1))
        {
            throw new InvalidDataException($"PNG data too short: {bytes.Length} bytes for {width}x{height}x{channels}");
        }

        byte[] current = new byte[stride];
        byte[] previous = new byte[stride];
        byte[] rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        {
            int rowStart = y * (stride + 1);
            byte filter = bytes[rowStart];
            for (int i = 0; i < stride; i++)
            {
                int a = i >= channels ? current[i - channels] : 0;
                int b = previous[i];
                int c = i >= channels ? previous[i - channels] : 0;
                int predictor = filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"PNG filter {filter} on row {y}"),
                };
                current[i] = (byte)(bytes[rowStart + 1 + i] + predictor);
            }

            for (int x = 0; x < width; x++)
            {
                int o = ((y * width) + x) * 3;
                if (channels < 3)
                {
                    rgb[o] = rgb[o + 1] = rgb[o + 2] = current[x * channels];
                }
                else
                {
                    rgb[o] = current[x * channels];
                    rgb[o + 1] = current[(x * channels) + 1];
                    rgb[o + 2] = current[(x * channels) + 2];
                }
            }

            (previous, current) = (current, previous);
        }

        return new PngImage(width, height, rgb);
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
