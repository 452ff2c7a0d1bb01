namespace SciTransfer.Cli.Tests;

/// <summary>
/// Tests that start a child run and wait for it to react (signals, the folder lock) and tests that keep both cores
/// busy in this process (device runs on ILGPU's CPU accelerator, whose groups run as .NET threads) must not overlap:
/// in the full suite of 2026-12-06 the SIGINT test's child did not finish saving within the test's 120 s (it
/// passes alone in 8 s; most likely starved by a device study running beside it, not proven). xUnit runs the classes of one collection one after another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ExclusiveProcessCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "exclusive processes";
}
