namespace Phm.Data.Terminology;

/// <summary>
/// Checks the form of a SNOMED CT concept identifier (SCTID), as the SNOMED CT technical implementation guide defines
/// it: 6 to 18 digits without a leading zero, a partition identifier of 00 (a concept in the international release) or
/// 10 (a concept in an extension's namespace, as most dm+d codes are), and a Verhoeff check digit. It cannot tell
/// whether the concept exists; only a release can.
/// </summary>
public static class SnomedConceptId
{
    public const int MaxLength = 18;

    /// <summary>Why <paramref name="code"/> is not a concept identifier, or null when it is well formed.</summary>
    public static string? Problem(string code)
    {
        if (code.Length is < 6 or > MaxLength || !code.All(char.IsAsciiDigit))
            return "a SNOMED CT concept identifier has 6 to 18 digits";
        if (code[0] == '0')
            return "a SNOMED CT identifier does not start with 0";
        if (code[^3..^1] is not ("00" or "10"))
            return "not a concept identifier (its partition identifier names another kind of component)";
        return HasValidCheckDigit(code) ? null : "the check digit does not match (Verhoeff)";
    }

    private static readonly byte[,] Multiplication =
    {
        { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, { 1, 2, 3, 4, 0, 6, 7, 8, 9, 5 }, { 2, 3, 4, 0, 1, 7, 8, 9, 5, 6 },
        { 3, 4, 0, 1, 2, 8, 9, 5, 6, 7 }, { 4, 0, 1, 2, 3, 9, 5, 6, 7, 8 }, { 5, 9, 8, 7, 6, 0, 4, 3, 2, 1 },
        { 6, 5, 9, 8, 7, 1, 0, 4, 3, 2 }, { 7, 6, 5, 9, 8, 2, 1, 0, 4, 3 }, { 8, 7, 6, 5, 9, 3, 2, 1, 0, 4 },
        { 9, 8, 7, 6, 5, 4, 3, 2, 1, 0 },
    };

    /// <summary>Position i permutes a digit by the first row's permutation applied i times.</summary>
    private static readonly byte[,] Permutation = PermutationTable();

    private static byte[,] PermutationTable()
    {
        byte[] first = [1, 5, 7, 6, 2, 8, 3, 0, 9, 4];
        var table = new byte[8, 10];
        for (var digit = 0; digit < 10; digit++)
            table[0, digit] = (byte)digit;
        for (var position = 1; position < 8; position++)
            for (var digit = 0; digit < 10; digit++)
                table[position, digit] = table[position - 1, first[digit]];
        return table;
    }

    /// <summary>The Verhoeff check over every digit, the check digit included, comes to zero.</summary>
    private static bool HasValidCheckDigit(string code)
    {
        var check = 0;
        for (var i = 0; i < code.Length; i++)
            check = Multiplication[check, Permutation[i % 8, code[^(i + 1)] - '0']];
        return check == 0;
    }
}
