using System.Linq.Expressions;

namespace Phm.Data.Patients;

/// <summary>
/// A pseudonymised patient. The analytic store holds no direct identifier: no name, NHS number, address or exact date of birth.
/// </summary>
public sealed class Patient
{
    /// <summary>Surrogate key inside the store; never shown outside it.</summary>
    public int Id { get; init; }

    /// <summary>Opaque pseudonym, stable for a source identifier under one key.</summary>
    public required string Pseudonym { get; init; }

    public required string PracticeCode { get; init; }
    public required string LsoaCode { get; init; }
    public int BirthYear { get; init; }
    public int BirthMonth { get; init; }
    public Sex Sex { get; init; }
    public EthnicGroup EthnicGroup { get; init; }
    public DateOnly? DateOfDeath { get; init; }

    public List<Condition> Conditions { get; init; } = [];
    public List<Activity> Activities { get; init; } = [];
    public List<CareFlag> CareFlags { get; init; } = [];
    public List<Prescription> Prescriptions { get; init; } = [];
    public List<Procedure> Procedures { get; init; } = [];

    /// <summary>Age in whole years on a date, from the birth month (the day is unknown by design: the 1st is assumed).</summary>
    public int AgeOn(DateOnly date) => AgeOn(BirthYear, BirthMonth, date);

    public static int AgeOn(int birthYear, int birthMonth, DateOnly date) =>
        date.Year - birthYear - (date.Month < birthMonth ? 1 : 0);

    /// <summary>
    /// Registered at a practice: one rule for a filter on the practice (<see cref="Cohorts.CohortPredicates"/>) and a scope narrowed
    /// to it (<see cref="Store.PhmDbContext.PatientsOf"/>), with the practice a parameter of the statement.
    /// </summary>
    public static Expression<Func<Patient, string, bool>> AtPractice { get; } = (patient, practice) => patient.PracticeCode == practice;

    /// <summary>
    /// The one statement of "alive on a date": no death recorded, or a death after that day. An expression, so that queries
    /// (<see cref="PatientQueryExtensions.AliveOn"/>, <see cref="PatientQueryExtensions.DeadBy"/>) run it as SQL.
    /// </summary>
    public static Expression<Func<Patient, DateOnly, bool>> AliveOn { get; } =
        (patient, date) => patient.DateOfDeath == null || patient.DateOfDeath > date;

    /// <summary>
    /// Born by a date: in its month or before (the birth day is unknown by design; the 1st is assumed, as <see cref="AgeOn(DateOnly)"/>
    /// does). A store describes its population at its reference date, so on an earlier day some of it is not born yet.
    /// </summary>
    public static Expression<Func<Patient, DateOnly, bool>> BornBy { get; } =
        (patient, date) => patient.BirthYear * 12 + patient.BirthMonth <= date.Year * 12 + date.Month;
}

public enum Sex
{
    Female = 1,
    Male = 2,
}

/// <summary>ONS 2011 census ethnic group categories (the five high-level groups).</summary>
public enum EthnicGroup
{
    White = 1,
    Mixed = 2,
    Asian = 3,
    Black = 4,
    Other = 5,
    NotStated = 9,
}
