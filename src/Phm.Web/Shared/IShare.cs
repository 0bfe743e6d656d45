namespace Phm.Web.Shared;

/// <summary>A count of patients under disclosure control (null when withheld, with the reason), and its share of a whole.</summary>
public interface IShare
{
    int? Patients { get; }

    double? Percentage { get; }

    string? Suppression { get; }
}
