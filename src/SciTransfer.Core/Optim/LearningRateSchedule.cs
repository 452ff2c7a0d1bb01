namespace SciTransfer.Core.Optim;

/// <summary>A learning rate as a function of the step index (0-based).</summary>
public abstract class LearningRateSchedule
{
    /// <summary>The rate for step <paramref name="step"/>.</summary>
    public abstract double Rate(int step);

    /// <summary>Always <paramref name="rate"/>.</summary>
    public static LearningRateSchedule Constant(double rate) => new FuncSchedule(_ => rate);

    /// <summary>rate * factor^floor(step / every).</summary>
    public static LearningRateSchedule StepDecay(double rate, double factor, int every)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 1);
        return new FuncSchedule(s => rate * Math.Pow(factor, s / every));
    }

    /// <summary>rate * decay^step.</summary>
    public static LearningRateSchedule Exponential(double rate, double decay) => new FuncSchedule(s => rate * Math.Pow(decay, s));

    /// <summary>Cosine from <paramref name="rate"/> down to <paramref name="minRate"/> over <paramref name="steps"/>, then flat.</summary>
    public static LearningRateSchedule Cosine(double rate, double minRate, int steps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        return new FuncSchedule(s => s >= steps ? minRate : minRate + (0.5 * (rate - minRate) * (1 + Math.Cos(Math.PI * s / steps))));
    }

    /// <summary>Linear warm-up from 0 over <paramref name="warmupSteps"/>, then <paramref name="after"/> (shifted by the warm-up).</summary>
    public static LearningRateSchedule Warmup(int warmupSteps, LearningRateSchedule after)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentOutOfRangeException.ThrowIfLessThan(warmupSteps, 1);
        return new FuncSchedule(s => s < warmupSteps ? after.Rate(0) * (s + 1) / warmupSteps : after.Rate(s - warmupSteps));
    }

    private sealed class FuncSchedule(Func<int, double> f) : LearningRateSchedule
    {
        public override double Rate(int step) => f(step);
    }
}
