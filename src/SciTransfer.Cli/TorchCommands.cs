using System.CommandLine;
using System.Globalization;
using System.Runtime.CompilerServices;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Figures;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Running;

namespace SciTransfer.Cli;

/// <summary>
/// Model exchange on the command line: <c>export</c>, and the reader of the <c>source_model</c> option. Everything that
/// touches SciTransfer.Torch (and through it TorchSharp and libtorch) sits in non-inlined methods here, so .NET loads
/// those assemblies only when a model file is actually written or read (an assembly is loaded when a method that
/// uses it is compiled); a plain study never does.
/// </summary>
public sealed partial class Commands
{
    /// <summary>Environment variable (test hook): when "1", the process lists its loaded assemblies on stderr at exit.</summary>
    public const string ListAssembliesVariable = "SCITRANSFER_TEST_LIST_ASSEMBLIES";

    static Commands()
    {
        // A forwarder, not SciTransfer.Torch's own reader: creating the delegate compiles nothing that names Torch types.
        if (!SourceModelFiles.HasReader)
        {
            SourceModelFiles.UseReader(ReadModelFile);
        }

        if (Environment.GetEnvironmentVariable(ListAssembliesVariable) == "1")
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                foreach (var name in AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name).Order(StringComparer.Ordinal))
                {
                    Console.Error.WriteLine($"loaded-assembly {name}");
                }
            };
        }
    }

    /// <summary>The <c>export</c> command for the parser in <see cref="Program"/>.</summary>
    public Command ExportCommand()
    {
        var dir = new Argument<string>("run-dir") { Description = "output folder of a run (its sources/ cache holds the pre-trained source models)" };
        var problem = new Option<string?>("--problem") { Description = "only this problem id (default: every problem with a cached source model)" };
        var repeat = new Option<int?>("--repeat") { Description = "only this repeat (default: every cached repeat)" };
        var format = new Option<string>("--format") { Description = "pt (torch.save's format; torch.load reads it) | safetensors", Required = true };
        var outPath = new Option<string>("--out") { Description = "FILE.pt / FILE.safetensors for one model, else a folder (files ID.rR.pt|safetensors); a card NAME.json is written next to each", Required = true };
        var export = new Command("export", "write a run's pre-trained source models as PyTorch state dicts (.pt) or safetensors, each with a JSON card (architecture, feature order, input scaling)") { dir, problem, repeat, format, outPath };
        export.SetAction(pr => Export(pr.GetValue(dir)!, pr.GetValue(problem), pr.GetValue(repeat), pr.GetValue(format)!, pr.GetValue(outPath)!));
        return export;
    }

    /// <summary>
    /// <c>export RUN_DIR [--problem ID] [--repeat R] --format pt|safetensors --out FILE_OR_DIR</c>: writes the run's cached
    /// source models. Existing files are never overwritten.
    /// </summary>
    public int Export(string runDir, string? problem, int? repeat, string format, string outPath) => Guard(() =>
    {
        string extension = format switch
        {
            "pt" => ".pt",
            "safetensors" => ".safetensors",
            _ => throw new ConfigException("command line", "--format", $"expected pt or safetensors, found '{format}'"),
        };
        string outExtension = Path.GetExtension(outPath).ToLowerInvariant();
        bool single = outExtension is ".pt" or ".pth" or ".safetensors";
        if (single && (outExtension == ".safetensors") != (format == "safetensors"))
        {
            throw new ConfigException("command line", "--out", $"{outPath} has extension {outExtension}, which does not match --format {format}");
        }

        var found = CachedSourceModels.Read(runDir, _catalog, problem, repeat);
        if (single && found.Models.Count > 1)
        {
            throw new ConfigException("command line", "--out", $"{outPath} names one file, but the run has {found.Models.Count} cached source models ({string.Join(", ", found.Models.Select(m => $"{m.ProblemId} repeat {m.Repeat}"))}); choose one with --problem and --repeat, or give a folder");
        }

        var targets = found.Models.Select(m => (Model: m, Path: single
            ? outPath
            : Path.Combine(outPath, string.Create(CultureInfo.InvariantCulture, $"{FigureStore.Safe(m.ProblemId)}.r{m.Repeat}{extension}")))).ToList();
        foreach (var (_, path) in targets)
        {
            foreach (string f in new[] { path, Path.ChangeExtension(path, ".json") })
            {
                if (File.Exists(f))
                {
                    throw new ConfigException("command line", "--out", $"{Path.GetFullPath(f)} exists; remove it or choose another --out");
                }
            }
        }

        foreach (var (m, path) in targets)
        {
            string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }

            string card = WriteModelFile(m.Model, path);
            output.WriteLine($"wrote {path} and {card}: {m.ProblemId} repeat {m.Repeat}, {m.Model.Architecture} ({string.Join(", ", m.Model.Features)})");
        }

        foreach (string s in found.Skipped)
        {
            output.WriteLine($"skipped {s}");
        }

        return ExitCodes.Ok;
    });

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string WriteModelFile(ExchangeModel model, string path)
    {
        try
        {
            return SciTransfer.Torch.Exchange.ModelFiles.Write(model, path);
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith("TorchSharp", StringComparison.Ordinal))
        {
            throw new ConfigException("command line", "--format", $"writing .pt needs libtorch, which cannot be loaded ({e.Message}); --format safetensors needs no libtorch");
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ExchangeModel ReadModelFile(string path) => SciTransfer.Torch.Exchange.ModelFiles.Read(path);
}
