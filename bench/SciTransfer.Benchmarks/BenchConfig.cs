using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace SciTransfer.Benchmarks;

/// <summary>
/// The suite's default configuration: a short job (1 launch, 3 warm-up and 5 measured iterations) run in
/// process, so the whole suite takes minutes and no extra project has to be generated and restored.
/// When the command line names its own job (<c>--job</c>, iteration counts, <c>--inProcess</c>, runtimes),
/// the default job is left out so that job alone runs.
/// </summary>
public static class BenchConfig
{
    /// <summary>The default short job: indicative numbers in seconds per benchmark case.</summary>
    public static Job ShortInProcess { get; } = Job.Default
        .WithLaunchCount(1)
        .WithWarmupCount(3)
        .WithIterationCount(5)
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithId("ShortInProcess");

    private static readonly string[] s_jobOptions =
    [
        "--job", "-j", "--inProcess", "-i", "--runtimes", "-r", "--launchCount", "--warmupCount",
        "--iterationCount", "--iterationTime", "--minIterationCount", "--maxIterationCount",
        "--invocationCount", "--unrollFactor", "--runOncePerIteration", "--maxWarmupCount", "--minWarmupCount",
    ];

    /// <summary>The configuration for these command-line arguments (the default job only when they name none).</summary>
    public static IConfig For(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var config = DefaultConfig.Instance;
        bool namesJob = args.Any(a => s_jobOptions.Contains(a, StringComparer.OrdinalIgnoreCase));
        return namesJob ? config : config.AddJob(ShortInProcess);
    }
}
