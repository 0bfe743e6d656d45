using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Phm.Data.Patients;

namespace Phm.Data.Ingest;

/// <summary>The codes extracts use for the store's categories, shared by the CSV and FHIR readers.</summary>
internal static class IngestVocabulary
{
    /// <summary>
    /// NHS Data Dictionary ethnic category (2001 letters) to the ONS 2011 five groups, which put Chinese (R) under Asian.
    /// </summary>
    public static readonly FrozenDictionary<string, EthnicGroup> EthnicCategories = new Dictionary<string, EthnicGroup>
    {
        ["A"] = EthnicGroup.White, ["B"] = EthnicGroup.White, ["C"] = EthnicGroup.White,
        ["D"] = EthnicGroup.Mixed, ["E"] = EthnicGroup.Mixed, ["F"] = EthnicGroup.Mixed, ["G"] = EthnicGroup.Mixed,
        ["H"] = EthnicGroup.Asian, ["J"] = EthnicGroup.Asian, ["K"] = EthnicGroup.Asian, ["L"] = EthnicGroup.Asian, ["R"] = EthnicGroup.Asian,
        ["M"] = EthnicGroup.Black, ["N"] = EthnicGroup.Black, ["P"] = EthnicGroup.Black,
        ["S"] = EthnicGroup.Other,
        ["Z"] = EthnicGroup.NotStated, ["99"] = EthnicGroup.NotStated,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Births before this are refused as implausible (a mistyped year, most often).</summary>
    public static readonly DateOnly EarliestBirth = new(1900, 1, 1);

    public static readonly FrozenDictionary<string, ActivityKind> ActivityKinds = SnakeCaseNames<ActivityKind>();

    public static readonly FrozenDictionary<string, CareFlagKind> CareFlagKinds = SnakeCaseNames<CareFlagKind>();

    public static bool IsAdmission(ActivityKind kind) => Activity.AdmissionKinds.Contains(kind);

    /// <summary>The store keeps sex as female or male; extracts say F/M or female/male.</summary>
    public static bool TryParseSex(string? text, out Sex sex)
    {
        sex = text?.Trim().ToUpperInvariant() switch
        {
            "F" or "FEMALE" => Sex.Female,
            "M" or "MALE" => Sex.Male,
            _ => 0,
        };
        return sex != 0;
    }

    /// <summary>Dates are ISO 8601 calendar dates: yyyy-MM-dd.</summary>
    public static bool TryParseDate(ReadOnlySpan<char> text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>GpAppointment becomes gp_appointment, Nhs111Call nhs111_call.</summary>
    private static FrozenDictionary<string, TEnum> SnakeCaseNames<TEnum>() where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().ToFrozenDictionary(value =>
        {
            var name = new StringBuilder();
            foreach (var c in value.ToString())
            {
                if (char.IsUpper(c) && name.Length > 0)
                    name.Append('_');
                name.Append(char.ToLowerInvariant(c));
            }
            return name.ToString();
        }, StringComparer.Ordinal);
}
