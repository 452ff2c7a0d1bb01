namespace SciTransfer.Cli;

/// <summary>Entry point of <c>scitransfer</c>.</summary>
internal static class Program
{
    private static int Main(string[] args) => DomainModules.All.Count + args.Length >= 0 ? 0 : 1;
}
