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

    public DateOnly? DateOfDeath { get; set; }

    public DateOnly BirthDate => new(BirthYear, BirthMonth, 1);

    public bool Has(ConditionRegister register) => Registers.Exists(r => r.Register == register);

    /// <summary>The part of the activity window in which the patient was alive.</summary>
    public (DateOnly From, DateOnly To) Exposure
    {
        get
        {
            var from = BirthDate > PopulationSettings.ActivityStart ? BirthDate : PopulationSettings.ActivityStart;
            var to = DateOfDeath ?? PopulationSettings.ReferenceDate;
            return (from, to < from ? from : to);
        }
    }

    public double ExposureYears => (Exposure.To.DayNumber - Exposure.From.DayNumber) / 365.25;
}
