using System.Globalization;
using System.Text.Json.Nodes;
using SciTransfer.Core.Random;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Errors;

namespace SciTransfer.Transfer.Data;

/// <summary>
/// A parsed <c>"split"</c> of a data block. <see cref="Assign"/> gives each record a role; errors (a named group or id
/// that is not in the data, an empty pool or test) are config errors naming the split's JSON path.
/// </summary>
public abstract record SplitSpec(string ConfigFile, string JsonPath)
{
    /// <summary>The kind.</summary>
    public abstract SplitKind Kind { get; }

    /// <summary>
    /// The role of each record. <paramref name="seeds"/> (per repeat) draws random and fraction-based group splits;
    /// the other kinds ignore it.
    /// </summary>
    public SplitRole[] Assign(IReadOnlyList<SplitRecord> records, SeedTree seeds)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(seeds);
        var roles = AssignRoles(records, seeds);
        if (!roles.Contains(SplitRole.Pool))
        {
            throw Error("", "leaves the target pool empty");
        }

        if (!roles.Contains(SplitRole.Test))
        {
            throw Error("", "leaves the test set empty");
        }

        return roles;
    }

    /// <summary>For run.json.</summary>
    public abstract JsonObject Describe();

    /// <summary>Roles before the pool/test checks.</summary>
    protected abstract SplitRole[] AssignRoles(IReadOnlyList<SplitRecord> records, SeedTree seeds);

    /// <summary>A config error at <paramref name="key"/> of the split.</summary>
    protected ConfigException Error(string key, string problem) => new(ConfigFile, key.Length == 0 ? JsonPath : $"{JsonPath}.{key}", problem);

    /// <summary>Parses a "split" object, accepting only <paramref name="allowed"/> kinds.</summary>
    public static SplitSpec Read(OptionsReader r, IReadOnlyList<SplitKind> allowed)
    {
        ArgumentNullException.ThrowIfNull(r);
        string[] names = [.. allowed.Select(Name)];
        string kind = r.GetChoice("kind", names.Length > 0 ? names[0] : "random", names);
        return kind switch
        {
            "random" => new RandomSplit(r.File, r.JsonPath, r.GetDouble("test_fraction", 0.3, 1e-9, 1 - 1e-9), r.GetDouble("validation_fraction", 0, 0, 1 - 1e-9)),
            "group" => GroupSplit.Read(r),
            "time" => TimeSplit.Read(r),
            "explicit" => ExplicitSplit.Read(r),
            _ => throw r.Error("kind", $"unknown split kind '{kind}'"),
        };
    }

    /// <summary>The config name of a kind.</summary>
    public static string Name(SplitKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>Invariant number text.</summary>
    protected static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>Records drawn at random per repeat: a test fraction, an optional validation fraction, the rest pool.</summary>
public sealed record RandomSplit(string ConfigFile, string JsonPath, double TestFraction, double ValidationFraction) : SplitSpec(ConfigFile, JsonPath)
{
    /// <inheritdoc />
    public override SplitKind Kind => SplitKind.Random;

    /// <inheritdoc />
    public override JsonObject Describe() => new() { ["kind"] = "random", ["test_fraction"] = TestFraction, ["validation_fraction"] = ValidationFraction };

    /// <inheritdoc />
    protected override SplitRole[] AssignRoles(IReadOnlyList<SplitRecord> records, SeedTree seeds)
    {
        if (TestFraction + ValidationFraction >= 1)
        {
            throw Error("test_fraction", "test_fraction + validation_fraction must be below 1");
        }

        int n = records.Count;
        int test = Math.Max(1, (int)Math.Round(TestFraction * n));
        int validation = (int)Math.Round(ValidationFraction * n);
        int[] order = seeds.Child("split").CreateRng().Permutation(n);
        var roles = new SplitRole[n];
        for (int k = 0; k < n; k++)
        {
            roles[order[k]] = k < test ? SplitRole.Test : k < test + validation ? SplitRole.Validation : SplitRole.Pool;
        }

        return roles;
    }
}
