using System.Buffers.Text;
using System.Text;

namespace Phm.Api.Patients;

/// <summary>
/// Cursors of the patient connection. Pages are ordered by pseudonym (the patient's <c>id</c>), so a cursor wraps the
/// pseudonym of the edge's patient: it reveals nothing a client has not already been given, and never the store's internal key.
/// </summary>
public static class PatientCursor
{
    private const string Prefix = "patient:";

    public static string Encode(string pseudonym) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Prefix + pseudonym));

    /// <summary>The pseudonym inside <paramref name="cursor"/>, or null if it is not a cursor <see cref="Encode"/> made.</summary>
    public static string? Decode(string cursor)
    {
        if (!Base64Url.IsValid(cursor))
            return null;
        var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        return text.StartsWith(Prefix, StringComparison.Ordinal) && text.Length > Prefix.Length ? text[Prefix.Length..] : null;
    }
}
