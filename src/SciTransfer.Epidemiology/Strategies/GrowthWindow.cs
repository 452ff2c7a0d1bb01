using SciTransfer.Core.Random;

namespace SciTransfer.Epidemiology.Strategies;

/// <summary>What a growth strategy sees at one forecast origin of a cell.</summary>
/// <param name="OriginIndex">Index k of the origin (0-based), also the index of the source forest fitted before it.</param>
/// <param name="Origin">The origin day t.</param>
/// <param name="FirstVisible">First day a target county shows (t - N + 1; 0 for the full history).</param>
/// <param name="Seeds">Seed node of (cell, "origin", k).</param>
/// <param name="HeldOut">Null, or (label-free validation run on <see cref="Problems.SmallAreaGrowthInstance.ValidationView"/>)
/// where <see cref="Problems.SmallAreaGrowthInstance.PredictTargets"/> also writes r_hat of each held-out source county
/// (<see cref="Problems.SmallAreaGrowthInstance.HeldOutCounties"/> order), from the same model and the same visible window.</param>
internal readonly record struct GrowthWindow(int OriginIndex, int Origin, int FirstVisible, SeedTree Seeds, double[]? HeldOut = null);
