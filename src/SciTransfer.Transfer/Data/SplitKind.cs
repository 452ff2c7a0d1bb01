namespace SciTransfer.Transfer.Data;

/// <summary>How a data set is divided into target pool, validation and test.</summary>
public enum SplitKind
{
    /// <summary>Records drawn at random, seeded per repeat.</summary>
    Random,

    /// <summary>Whole groups (station, county, geometry) go to one role, named or drawn per repeat.</summary>
    Group,

    /// <summary>Date-time ranges for pool, validation and test.</summary>
    Time,

    /// <summary>Lists of record ids.</summary>
    Explicit,
}

/// <summary>Where a record goes.</summary>
public enum SplitRole
{
    /// <summary>In no role (outside every time range, or a group no list names).</summary>
    Unused,

    /// <summary>The target pool that subsets of size n are drawn from.</summary>
    Pool,

    /// <summary>Held out for model selection and early stopping.</summary>
    Validation,

    /// <summary>The fixed test set every strategy is scored on.</summary>
    Test,
}

/// <summary>One record as a split sees it.</summary>
/// <param name="Id">Record id (explicit splits), unique.</param>
/// <param name="Group">Group value (group splits), e.g. the station id.</param>
/// <param name="Time">Timestamp in UTC (time splits).</param>
public readonly record struct SplitRecord(string Id, string? Group = null, DateTime? Time = null);
