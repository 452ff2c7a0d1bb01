namespace SciTransfer.Transfer.Options;

/// <summary>The JSON shape of a declared option.</summary>
public enum OptionKind
{
    /// <summary>A whole number (JSON integer).</summary>
    Integer,

    /// <summary>A real number.</summary>
    Number,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>Free text.</summary>
    Text,

    /// <summary>One of a fixed list of strings.</summary>
    Choice,

    /// <summary>An array of whole numbers.</summary>
    IntegerList,

    /// <summary>An array of real numbers.</summary>
    NumberList,

    /// <summary>An array of strings.</summary>
    TextList,
}
