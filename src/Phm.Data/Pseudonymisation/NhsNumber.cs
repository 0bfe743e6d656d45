namespace Phm.Data.Pseudonymisation;

/// <summary>
/// A validated NHS number: ten digits whose last is the modulus 11 check digit of the first nine. It exists only on the way
/// in, to be pseudonymised; it is never stored, logged or shown, so it has no <see cref="object.ToString"/> of its digits
/// and the reasons for rejecting one never repeat it.
/// </summary>
public readonly struct NhsNumber : IEquatable<NhsNumber>
{
    private readonly string _digits;

    private NhsNumber(string digits) => _digits = digits;

    /// <summary>Reads a number written as ten digits, optionally grouped 3-3-4 with spaces or hyphens.</summary>
    public static bool TryParse(string? text, out NhsNumber number, out string reason)
    {
        number = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            reason = "an NHS number is required";
            return false;
        }

        Span<char> digits = stackalloc char[10];
        var count = 0;
        foreach (var c in text.Trim())
        {
            if (c is ' ' or '-')
                continue;
            if (!char.IsAsciiDigit(c))
            {
                reason = "an NHS number has only digits (spaces or hyphens may group them 3-3-4)";
                return false;
            }

            if (count == 10)
            {
                reason = "an NHS number has 10 digits, this has more";
                return false;
            }

            digits[count++] = c;
        }

        if (count != 10)
        {
            reason = $"an NHS number has 10 digits, this has {count}";
            return false;
        }

        var expected = CheckDigit(digits[..9]);
        if (expected is null)
        {
            reason = "no valid NHS number starts with these nine digits (the modulus 11 check gives 10)";
            return false;
        }

        if (expected != digits[9] - '0')
        {
            reason = "the check digit does not match (modulus 11)";
            return false;
        }

        number = new NhsNumber(new string(digits));
        reason = "";
        return true;
    }

    /// <summary>
    /// The check digit of the first nine digits, or null when none exists: weights 10 down to 2, then 11 minus the sum
    /// modulo 11, with 11 read as 0 and 10 invalid.
    /// </summary>
    public static int? CheckDigit(ReadOnlySpan<char> firstNine)
    {
        var sum = 0;
        for (var i = 0; i < 9; i++)
            sum += (firstNine[i] - '0') * (10 - i);
        var check = 11 - sum % 11;
        return check switch
        {
            11 => 0,
            10 => null,
            _ => check,
        };
    }

    /// <summary>The digits, for the pseudonymiser only.</summary>
    internal ReadOnlySpan<char> Digits => _digits;

    public override string ToString() => "NHS number (withheld)";

    public bool Equals(NhsNumber other) => string.Equals(_digits, other._digits, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is NhsNumber other && Equals(other);

    public override int GetHashCode() => _digits?.GetHashCode(StringComparison.Ordinal) ?? 0;

    public static bool operator ==(NhsNumber left, NhsNumber right) => left.Equals(right);

    public static bool operator !=(NhsNumber left, NhsNumber right) => !left.Equals(right);
}
