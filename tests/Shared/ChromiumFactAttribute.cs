namespace SciTransfer.Tests.Shared;

/// <summary>A fact that needs headless Chromium (Debian package <c>chromium</c>) at /usr/bin/chromium; skipped with that reason otherwise.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(ChromiumPath))
        {
            Skip = $"needs chromium: {ChromiumPath} is absent (Debian package 'chromium')";
        }
    }
}
