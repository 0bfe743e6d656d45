namespace Phm.Data.Terminology;

/// <summary>
/// Checks and normalises an ICD-10 code as extracts write it: a category (a letter and two digits, <c>J44</c>) or a
/// subcategory (one or two more digits, <c>J44.1</c>), with or without the dot (<c>J441</c>, as HES writes it), and a
/// category padded to four characters with X (<c>R69X</c>, also HES). The store keeps the dotted form. It cannot tell
/// whether the code exists; only a release of the classification can.
/// </summary>
public static class Icd10Code
{
    /// <summary>The longest normalised code: a letter, two digits, a dot and two digits.</summary>
    public const int MaxLength = 6;

    public const string FormatProblem = "not an ICD-10 code (a letter and two digits, then optionally a dot and one or two digits: J44, J44.1 or J441)";

    /// <summary>The code in the dotted form the store keeps, or null with the reason when it is not an ICD-10 code.</summary>
    public static string? Normalise(string text, out string? problem)
    {
        var code = text.Trim().ToUpperInvariant();
        if (code.Length == 4 && code[3] == 'X')
            code = code[..3];
        else if (code.Length is 4 or 5 && !code.Contains('.', StringComparison.Ordinal))
            code = code[..3] + "." + code[3..];

        var wellFormed = code.Length is 3 or 5 or 6
            && char.IsAsciiLetterUpper(code[0]) && char.IsAsciiDigit(code[1]) && char.IsAsciiDigit(code[2])
            && (code.Length == 3 || (code[3] == '.' && code[4..].All(char.IsAsciiDigit)));
        problem = wellFormed ? null : FormatProblem;
        return wellFormed ? code : null;
    }
}
