using SciTransfer.Core.Random;
using SciTransfer.Transfer.Data;

namespace SciTransfer.Transfer.Problems;

/// <summary>What a problem gets to create one repeat's data.</summary>
/// <param name="Repeat">Repeat index, 0-based.</param>
/// <param name="Seeds">Seed node for (study seed, problem id, repeat); derive children by purpose.</param>
/// <param name="Settings">Run-wide settings (quick mode, compute backend).</param>
/// <param name="Data">The entry's resolved data block (files and split), or null for generated data.</param>
public sealed record ProblemContext(int Repeat, SeedTree Seeds, ProblemSettings Settings, DataBlock? Data = null);

/// <summary>Run-wide settings that problems may read.</summary>
/// <param name="Quick">True under <c>--quick</c>: shrink epochs, data and grids for a smoke run.</param>
/// <param name="Backend">Compute backend requested ("managed", "opencl"); problems that have one backend ignore it.</param>
/// <param name="Device">
/// Training device of the engine (<see cref="SciTransfer.Core.Gpu.EngineDevices"/>: "cpu", "gpu", "ilgpu-cpu"), from the
/// study's <c>"device"</c> key or <c>run --device</c>; problems without a device path train on the CPU and say so.
/// </param>
/// <param name="DeviceBatch">
/// Most models a device trainer may train together (the study's <c>"device_batch"</c>, default 1: every cell trains
/// alone); problems with a batched device path (the heat-sink PINN) train concurrent cells together up to this many.
/// </param>
public sealed record ProblemSettings(bool Quick = false, string Backend = "managed", string Device = "cpu", int DeviceBatch = 1);
