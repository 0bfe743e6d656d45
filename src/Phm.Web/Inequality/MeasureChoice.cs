namespace Phm.Web.Inequality;

/// <summary>
/// What to compare across the quintiles, as chosen in <see cref="MeasurePicker"/>: one member of the hub's
/// <c>InequalityMeasure</c> oneOf input, and the quintile scale and PCN to compare within.
/// </summary>
public sealed class MeasureChoice
{
    public const string RegisterPrevalence = "registerPrevalence";
    public const string Activity = "activity";
    public const string Mortality = "mortality";

    public string Kind { get; set; } = RegisterPrevalence;

    public string Register { get; set; } = "DIABETES";

    public string ActivityKind { get; set; } = "EMERGENCY_ADMISSION";

    /// <summary>EVENTS (a rate per 1,000) or PEOPLE (the percentage with at least one).</summary>
    public string Counting { get; set; } = "EVENTS";

    /// <summary>The window of activity (1 to 60 months, the hub's generated history) or of deaths (1 to 36).</summary>
    public int Months { get; set; } = 12;

    /// <summary>NATIONAL or LOCAL IMD 2019 quintiles.</summary>
    public string Quintiles { get; set; } = "NATIONAL";

    /// <summary>A PCN's ODS code, or empty for every patient the caller may see.</summary>
    public string Pcn { get; set; } = "";

    /// <summary>The operation's variables: the measure as the oneOf input wants it (exactly one member set).</summary>
    public object Variables => new
    {
        measure = Kind switch
        {
            Activity => (object)new { activity = new { kind = ActivityKind, months = Months, count = Counting } },
            Mortality => new { mortality = new { months = Months } },
            _ => new { registerPrevalence = Register },
        },
        quintiles = Quintiles,
        pcn = Pcn.Length == 0 ? null : Pcn,
    };

    /// <summary>A copy, so that a view keeps the choice it drew while the form changes.</summary>
    public MeasureChoice Copy() => (MeasureChoice)MemberwiseClone();
}
