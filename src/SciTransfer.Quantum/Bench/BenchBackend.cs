using SciTransfer.Quantum.Backends;
using SciTransfer.Transfer.Bench;
using SciTransfer.Transfer.Errors;

namespace SciTransfer.Quantum.Bench;

/// <summary>The backend a bench asks for with <c>--backend</c>; a missing device is a command-line error, not a crash.</summary>
internal static class BenchBackend
{
    public static QuantumBackend Create(BenchArguments arguments, string defaultName = "managed")
    {
        string name = arguments.GetString("backend", defaultName);
        try
        {
            return BackendSelector.Create(name, arguments.Threads, allowFallback: false);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            throw new ConfigException("command line", "--backend", e.Message);
        }
    }
}
