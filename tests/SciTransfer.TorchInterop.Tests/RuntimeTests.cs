using SciTransfer.Build;
using SciTransfer.Torch;
using TorchSharp;

namespace SciTransfer.TorchInterop.Tests;

public sealed class RuntimeTests
{
    [TorchFact]
    public void Libtorch_loads_and_computes_in_float64()
    {
        using var a = torch.tensor(new[] { 1.0, 2.0, 3.0 }, dtype: torch.float64);
        using var s = (a * a).sum();
        Assert.Equal(14.0, s.item<double>());
        Assert.StartsWith("2.", TorchRuntime.Version, StringComparison.Ordinal);
    }

    [Fact]
    public void The_glue_library_in_the_output_needs_no_libstdcxx_version_the_system_lacks_unless_flagged_weak()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        string glue = TorchRuntime.GluePath() ?? throw new FileNotFoundException("libLibTorchSharp.so is not in the test output");
        string system = ElfWeakVersion.FindSystemLibrary("libstdc++.so.6") ?? throw new FileNotFoundException("no system libstdc++.so.6");
        var available = ElfWeakVersion.DefinedVersions(File.ReadAllBytes(system));
        Assert.Contains("GLIBCXX_3.4.26", available);
        var needs = ElfWeakVersion.VersionNeeds(File.ReadAllBytes(glue)).Where(n => n.File == "libstdc++.so.6").ToList();
        Assert.NotEmpty(needs);
        foreach (var n in needs.Where(n => !available.Contains(n.Name)))
        {
            Assert.True((n.Flags & ElfWeakVersion.VerFlagWeak) != 0, $"{glue}: {n.Name} is missing in {system} but not flagged weak");
        }
    }

    [Fact]
    public void The_patch_flags_exactly_the_missing_version_and_only_an_unrelocated_symbol_uses_it()
    {
        // The pristine glue library from the NuGet cache (never modified: the build patches its copy).
        string nuget = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string pristine = Path.Combine(nuget, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        if (!File.Exists(pristine))
        {
            return;
        }

        byte[] elf = File.ReadAllBytes(pristine);
        var need = Assert.Single(ElfWeakVersion.VersionNeeds(elf), n => n.Name == "GLIBCXX_3.4.32");
        Assert.Equal(0, need.Flags & ElfWeakVersion.VerFlagWeak);
        var (symbols, relocations) = ElfWeakVersion.SymbolsOfVersion(elf, need.Index);
        Assert.Equal(["_ZSt21ios_base_library_initv"], symbols);
        Assert.Equal(0, relocations);

        var debian12 = new HashSet<string>(ElfWeakVersion.VersionNeeds(elf).Select(n => n.Name).Where(n => n != "GLIBCXX_3.4.32"));
        var flagged = ElfWeakVersion.WeakenMissing(elf, "libstdc++.so.6", debian12);
        Assert.Single(flagged);
        Assert.StartsWith("GLIBCXX_3.4.32", flagged[0], StringComparison.Ordinal);
        var after = ElfWeakVersion.VersionNeeds(elf);
        Assert.All(after, n => Assert.Equal(n.Name == "GLIBCXX_3.4.32", (n.Flags & ElfWeakVersion.VerFlagWeak) != 0));

        // A second pass changes nothing, and a system that has every version gets no flag at all.
        Assert.Empty(ElfWeakVersion.WeakenMissing(elf, "libstdc++.so.6", debian12));
        byte[] fresh = File.ReadAllBytes(pristine);
        Assert.Empty(ElfWeakVersion.WeakenMissing(fresh, "libstdc++.so.6", new HashSet<string>(ElfWeakVersion.VersionNeeds(fresh).Select(n => n.Name))));
    }
}
