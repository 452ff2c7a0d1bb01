namespace SciTransfer.HeatSink.Pinn;

/// <summary>
/// Steps to an error target, from errors observed at increasing steps. <see cref="StepsToTarget"/> is the first
/// observed step after which every later observation (the last one included) stays at or below the target, so a
/// run that passes the target and then grows again is not counted as having reached it; <see cref="FirstCrossing"/>
/// is the first observed step at or below the target, whatever came after.
/// </summary>
public sealed class TargetTracker
{
    /// <summary>Tracks <paramref name="target"/> (an error level; an observation at or below it counts).</summary>
    public TargetTracker(double target) => Target = target;

    /// <summary>The error level counted as reached.</summary>
    public double Target { get; }

    /// <summary>First step of the final run of observations at or below the target (null: the last one is above).</summary>
    public int? StepsToTarget { get; private set; }

    /// <summary>Seconds at <see cref="StepsToTarget"/>.</summary>
    public double? SecondsToTarget { get; private set; }

    /// <summary>First step whose observation was at or below the target (null: none).</summary>
    public int? FirstCrossing { get; private set; }

    /// <summary>Seconds at <see cref="FirstCrossing"/>.</summary>
    public double? FirstCrossingSeconds { get; private set; }

    /// <summary>Records the error at <paramref name="step"/> (steps in increasing order); returns true when it is at or below the target.</summary>
    public bool Observe(int step, double error, double seconds)
    {
        bool below = error <= Target;
        if (!below)
        {
            StepsToTarget = null;
            SecondsToTarget = null;
            return false;
        }

        if (FirstCrossing is null)
        {
            FirstCrossing = step;
            FirstCrossingSeconds = seconds;
        }

        if (StepsToTarget is null)
        {
            StepsToTarget = step;
            SecondsToTarget = seconds;
        }

        return true;
    }
}
