namespace SciTransfer.HeatSink.Pinn;

/// <summary>What a training run did.</summary>
public sealed class PinnTrainingLog
{
    /// <summary>Optimiser steps done (Adam steps plus L-BFGS iterations).</summary>
    public int Steps { get; set; }

    /// <summary>
    /// First evaluated step after which the error stays at or below the target through the last evaluation (null: the
    /// run ends above it). With <see cref="PinnTrainingOptions.StopAtTarget"/> the run stops at the first crossing.
    /// </summary>
    public int? StepsToTarget { get; set; }

    /// <summary>First evaluated step whose error met the target, whatever came after (null: never).</summary>
    public int? FirstStepsToTarget => Tracker?.FirstCrossing;

    /// <summary>Wall seconds from the start of training to <see cref="StepsToTarget"/>.</summary>
    public double? SecondsToTarget { get; set; }

    /// <summary>The evaluations so far (null before the first).</summary>
    internal TargetTracker? Tracker { get; set; }

    /// <summary>Total weighted loss per step.</summary>
    public List<double> Loss { get; } = [];

    /// <summary>Term weights per step (the balancer's trajectory).</summary>
    public List<double[]> Weights { get; } = [];

    /// <summary>Term names, in weight order.</summary>
    public List<string> Terms { get; } = [];
}
