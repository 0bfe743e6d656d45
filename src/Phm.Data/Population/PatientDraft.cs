using Phm.Data.Patients;

namespace Phm.Data.Population;

/// <summary>A patient while the population is being calibrated: the latent traits the models share, before rows are written.</summary>
internal sealed class PatientDraft
{
    public int Index { get; init; }
    public int Practice { get; init; }
    public int Lsoa { get; init; }
    public int Age { get; init; }
    public int BirthYear { get; init; }
    public int BirthMonth { get; init; }
    public Sex Sex { get; init; }
    public EthnicGroup EthnicGroup { get; init; }

    /// <summary>Deprivation of the home LSOA, scaled so that the most and least deprived quintiles' means are about one apart.</summary>
    public double Deprivation { get; init; }

    /// <summary>Shared multimorbidity and frailty factor, standard normal.</summary>
    public double Latent { get; init; }

    public double UrgentPropensity { get; init; }
    public double PlannedPropensity { get; init; }

    public List<(ConditionRegister Register, DateOnly Onset)> Registers { get; } = [];

    /// <summary>Care needs: the register burdens plus part of the latent factor.</summary>
    public double Burden { get; set; }

    /// <summary>Yearly hazard of death while in the window (<see cref="GeneratedTruth"/>).</summary>
    public double DeathHazardPerYear { get; set; }

    public DateOnly? DateOfDeath { get; set; }

    /// <summary>Days alive in the window from <see cref="ExposureStart"/>, to the moment of death within the day of death.</summary>
    public double ExposureDays { get; set; }

    public DateOnly BirthDate => new(BirthYear, BirthMonth, 1);

    public bool Has(ConditionRegister register) => Registers.Exists(r => r.Register == register);

    /// <summary>Where the patient's part of the activity window starts: its start, or birth if later.</summary>
    public DateOnly ExposureStart => BirthDate > PopulationSettings.ActivityStart ? BirthDate : PopulationSettings.ActivityStart;

    /// <summary>Days from <see cref="ExposureStart"/> to the reference date: the most a patient can be alive in the window.</summary>
    public int WindowDays => Math.Max(0, PopulationSettings.ReferenceDate.DayNumber - ExposureStart.DayNumber);

    public double ExposureYears => ExposureDays / GeneratedTruth.DaysPerYear;

    /// <summary>A day drawn evenly from the window, whether or not the patient lived to it: a record's date that knows nothing of the death to come.</summary>
    public DateOnly DayInWindow(Random random) => ExposureStart.AddDays(random.Next(0, Math.Max(1, WindowDays)));

    /// <summary>Whether a record on that day fits a life: on or before the day of death.</summary>
    public bool AliveOnDayOf(DateOnly date) => DateOfDeath is not { } death || date <= death;
}
