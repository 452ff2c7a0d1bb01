using System.Text.Json.Nodes;
using SciTransfer.Core.Random;
using SciTransfer.Transfer.Config;

namespace SciTransfer.Transfer.Data;

/// <summary>Pool, validation and test as lists of record ids; records no list names are unused.</summary>
public sealed record ExplicitSplit(string ConfigFile, string JsonPath, IReadOnlyList<string> Pool, IReadOnlyList<string> Validation, IReadOnlyList<string> Test)
    : SplitSpec(ConfigFile, JsonPath)
{
    /// <inheritdoc />
    public override SplitKind Kind => SplitKind.Explicit;

    /// <summary>Parses an explicit split.</summary>
    public static ExplicitSplit Read(OptionsReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        string[] Ids(string key, bool required)
        {
            if (required && !r.Has(key))
            {
                throw r.Error(key, "missing required list of ids");
            }

            return r.GetStringArray(key, []);
        }

        return new ExplicitSplit(r.File, r.JsonPath, Ids("pool", true), Ids("validation", false), Ids("test", true));
    }

    /// <inheritdoc />
    public override JsonObject Describe() => new()
    {
        ["kind"] = "explicit",
        ["pool"] = Pool.Count,
        ["validation"] = Validation.Count,
        ["test"] = Test.Count,
    };

    /// <inheritdoc />
    protected override SplitRole[] AssignRoles(IReadOnlyList<SplitRecord> records, SeedTree seeds)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < records.Count; i++)
        {
            if (!index.TryAdd(records[i].Id, i))
            {
                throw Error("", $"record id '{records[i].Id}' occurs twice in the data; explicit splits need unique ids");
            }
        }

        var roles = new SplitRole[records.Count];
        void Put(IReadOnlyList<string> ids, string key, SplitRole role)
        {
            foreach (string id in ids)
            {
                if (!index.TryGetValue(id, out int i))
                {
                    throw Error(key, $"id '{id}' is not in the data");
                }

                if (roles[i] != SplitRole.Unused)
                {
                    throw Error(key, $"id '{id}' is named for two roles (or twice)");
                }

                roles[i] = role;
            }
        }

        Put(Pool, "pool", SplitRole.Pool);
        Put(Validation, "validation", SplitRole.Validation);
        Put(Test, "test", SplitRole.Test);
        return roles;
    }
}
