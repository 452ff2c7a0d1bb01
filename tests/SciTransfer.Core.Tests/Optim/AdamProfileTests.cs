using SciTransfer.Core.Diagnostics;
using SciTransfer.Core.Nn;
using SciTransfer.Core.Optim;
using SciTransfer.Core.Tensors;

namespace SciTransfer.Core.Tests.Optim;

/// <summary>
/// Adam's update is one profiled phase per step (the bench's --profile reads it). EngineProfile is process-wide,
/// so this runs in the profile tests' non-parallel collection.
/// </summary>
[Collection("EngineProfileTests")]
public sealed class AdamProfileTests
{
    [Fact]
    public void Each_step_is_counted_once_as_the_adam_phase_while_profiling()
    {
        var p = new Parameter("w", Tensor.FromArray([1.0, 2.0], 2));
        var adam = new Adam([p]);
        EngineProfile.Clear();
        EngineProfile.Enabled = true;
        try
        {
            adam.Step();
            adam.Step();
            adam.Step();
        }
        finally
        {
            EngineProfile.Enabled = false;
        }

        Assert.Equal(3, EngineProfile.Calls(EnginePhase.AdamStep));
        EngineProfile.Clear();
    }
}
