using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Diagnostics;
using SciTransfer.Core.Nn;
using SciTransfer.Core.Random;
using SciTransfer.Core.Tests.Autodiff;

namespace SciTransfer.Core.Tests.Diagnostics;

/// <summary>EngineProfile is process-wide state: these tests run alone (no other test class in parallel).</summary>
[CollectionDefinition(nameof(EngineProfileTests), DisableParallelization = true)]
public sealed class EngineProfileCollection;

[Collection(nameof(EngineProfileTests))]
public class EngineProfileTests
{
    private static void LstmStep(int steps)
    {
        var lstm = new Lstm("l", 3, 8, new Rng(1));
        var x = GradCheck.Random(new Rng(2), -1, 1, 4, steps, 3);
        var tape = new Tape();
        var h = lstm.Forward(tape, tape.Constant(x));
        tape.Backward(GradCheck.WeightedSum(h, 3));
    }

    [Fact]
    public void Phases_are_counted_per_time_step_only_while_enabled()
    {
        EngineProfile.Enabled = false;
        EngineProfile.Clear();
        LstmStep(5);
        Assert.Equal(0, EngineProfile.Calls(EnginePhase.LstmGemmForward));
        Assert.Equal(0L, EngineProfile.Begin());

        EngineProfile.Enabled = true;
        try
        {
            LstmStep(5);
        }
        finally
        {
            EngineProfile.Enabled = false;
        }

        // One gate product and one cell pass per step (the cell phase is timed twice a step: the
        // x_t copy before the product and the gate pass after it); one pack; the recurrent
        // products of steps 4..1 plus the Wh^T pack; one weight-gradient product.
        Assert.Equal(5, EngineProfile.Calls(EnginePhase.LstmGemmForward));
        Assert.Equal(10, EngineProfile.Calls(EnginePhase.LstmCellForward));
        Assert.Equal(1, EngineProfile.Calls(EnginePhase.LstmPack));
        Assert.Equal(5, EngineProfile.Calls(EnginePhase.LstmGateBackward));
        Assert.Equal(5, EngineProfile.Calls(EnginePhase.LstmGemmRecurrent));
        Assert.Equal(1, EngineProfile.Calls(EnginePhase.LstmGemmWeights));
        Assert.True(EngineProfile.Milliseconds(EnginePhase.LstmGemmForward) >= 0);
        long a = EngineProfile.Now();
        double spin = 0;
        for (int i = 0; i < 2_000_000; i++)
        {
            spin += Math.Sqrt(i);
        }

        Assert.True(spin > 0);
        Assert.True(EngineProfile.Now() > a, "the profile clock did not advance over 2 million square roots");
        EngineProfile.Clear();
        Assert.Equal(0, EngineProfile.Calls(EnginePhase.LstmGemmForward));
    }
}
