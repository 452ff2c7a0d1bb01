using System.Diagnostics;
using SciTransfer.Plotting.Charts;
using SciTransfer.Plotting.Styling;

namespace SciTransfer.Plotting.Tests;

public sealed class BrowserRenderTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "scitransfer-chromium-" + Guid.NewGuid().ToString("N"));

    public BrowserRenderTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [ChromiumFact]
    public void Headless_chromium_renders_a_curve_chart_with_every_reference_colour()
    {
        var palette = new StrategyPalette(["scratch", "source-only", "fine-tune", "oracle"]);
        var image = Screenshot(CurveChart.Render(ChartSamples.Curves(palette)), "curve");
        Assert.Equal(900, image.Width);
        Assert.Equal(600, image.Height);

        Assert.InRange(InkFraction(image), 0.01, 0.5);
        foreach (string strategy in new[] { "scratch", "fine-tune", "oracle", "source-only" })
        {
            string hex = palette[strategy].Color;
            Assert.True(HasColour(image, hex), $"no pixel of {strategy}'s colour {hex} in the screenshot");
        }
    }

    [ChromiumFact]
    public void A_blank_svg_screenshot_has_no_ink_so_the_ink_check_can_fail()
    {
        var image = Screenshot("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"900\" height=\"600\"><rect width=\"900\" height=\"600\" fill=\"#ffffff\"/></svg>", "blank");
        Assert.True(InkFraction(image) < 0.001);
        Assert.False(HasColour(image, "#000000"));
    }

    private PngImage Screenshot(string svg, string name)
    {
        string svgPath = Path.Combine(_dir, name + ".svg");
        File.WriteAllText(svgPath, svg);
        string png = Path.Combine(_dir, name + ".png");
        var psi = new ProcessStartInfo(ChromiumFactAttribute.ChromiumPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--user-data-dir=" + Path.Combine(_dir, "profile-" + name),
            "--screenshot=" + png, "--window-size=900,600", new Uri(svgPath).AbsoluteUri,
        })
        {
            psi.ArgumentList.Add(arg);
        }

        using (var chromium = Process.Start(psi)!)
        {
            Task<string> stderr = chromium.StandardError.ReadToEndAsync();
            Task<string> stdout = chromium.StandardOutput.ReadToEndAsync();
            if (!chromium.WaitForExit(TimeSpan.FromSeconds(45)))
            {
                chromium.Kill(entireProcessTree: true);
                Assert.Fail("chromium did not finish within 45 s");
            }

            Assert.True(File.Exists(png), $"chromium wrote no screenshot (exit {chromium.ExitCode}): {stdout.Result}\n{stderr.Result}");
        }

        return PngImage.Decode(File.ReadAllBytes(png));
    }

    /// <summary>Fraction of pixels that are not near-white.</summary>
    private static double InkFraction(PngImage image)
    {
        int inked = 0;
        for (int y = 0; y < image.Height; y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                var (r, g, b) = image[x, y];
                if (r < 235 || g < 235 || b < 235)
                {
                    inked++;
                }
            }
        }

        return inked / (double)(image.Width * image.Height);
    }

    private static bool HasColour(PngImage image, string hex)
    {
        int r = Convert.ToInt32(hex[1..3], 16), g = Convert.ToInt32(hex[3..5], 16), b = Convert.ToInt32(hex[5..7], 16);
        int count = 0;
        for (int y = 0; y < image.Height; y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                var p = image[x, y];
                if (Math.Abs(p.R - r) + Math.Abs(p.G - g) + Math.Abs(p.B - b) <= 24)
                {
                    count++;
                }
            }
        }

        return count >= 20;
    }
}
