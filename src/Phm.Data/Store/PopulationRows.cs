using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Phm.Data.Patients;
using Phm.Data.Population;

namespace Phm.Data.Store;

/// <summary>
/// Patients and their conditions, activity, care flags, prescriptions and procedures as bulk rows, shared by the store build and ingest, and the
/// generator's truth for generated patients. Values go in as the column types (enums as int, dates as day numbers), which binary COPY needs.
/// </summary>
/// <param name="tablesEmptiedInTransaction">
/// Whether the tables were emptied by the provider's truncation in the current transaction (a store build on PostgreSQL), so that the rows
/// may be copied as already committed (<see cref="IBulkCopy.TruncateSql"/>).
/// </param>
internal sealed class PopulationRows(IModel model, bool tablesEmptiedInTransaction = false)
{
    private readonly BulkRowBuffer _patients = new(TableOf(model, typeof(Patient)), nameof(Patient.Id), nameof(Patient.Pseudonym), nameof(Patient.PracticeCode), nameof(Patient.LsoaCode), nameof(Patient.BirthYear), nameof(Patient.BirthMonth), nameof(Patient.Sex), nameof(Patient.EthnicGroup), nameof(Patient.DateOfDeath));
    private readonly BulkRowBuffer _conditions = new(TableOf(model, typeof(Condition)), nameof(Condition.Id), nameof(Condition.PatientId), nameof(Condition.Register), nameof(Condition.Kind), nameof(Condition.SnomedCode), nameof(Condition.OnsetDate), nameof(Condition.CodeList));
    private readonly BulkRowBuffer _activities = new(TableOf(model, typeof(Activity)), nameof(Activity.Id), nameof(Activity.PatientId), nameof(Activity.Kind), nameof(Activity.Date), nameof(Activity.LengthOfStayDays), nameof(Activity.PrimaryDiagnosis), nameof(Activity.AmbulatoryCareSensitive));
    private readonly BulkRowBuffer _careFlags = new(TableOf(model, typeof(CareFlag)), nameof(CareFlag.Id), nameof(CareFlag.PatientId), nameof(CareFlag.Kind), nameof(CareFlag.RecordedOn));
    private readonly BulkRowBuffer _prescriptions = new(TableOf(model, typeof(Prescription)), nameof(Prescription.Id), nameof(Prescription.PatientId), nameof(Prescription.DmdCode), nameof(Prescription.IssuedOn));
    private readonly BulkRowBuffer _procedures = new(TableOf(model, typeof(Procedure)), nameof(Procedure.Id), nameof(Procedure.PatientId), nameof(Procedure.SnomedCode), nameof(Procedure.PerformedOn));

    private readonly BulkRowBuffer _truths = new(TableOf(model, typeof(GeneratorTruth)), nameof(GeneratorTruth.PatientId), nameof(GeneratorTruth.DeathHazardPerYear),
        nameof(GeneratorTruth.GpAppointmentsPerYear), nameof(GeneratorTruth.Nhs111CallsPerYear), nameof(GeneratorTruth.AmbulanceCallsPerYear), nameof(GeneratorTruth.AeAttendancesPerYear),
        nameof(GeneratorTruth.EmergencyAdmissionsPerYear), nameof(GeneratorTruth.ElectiveAdmissionsPerYear), nameof(GeneratorTruth.OutpatientAttendancesPerYear),
        nameof(GeneratorTruth.CommunityContactsPerYear), nameof(GeneratorTruth.SocialCareContactsPerYear));

    private IEnumerable<BulkRowBuffer> Buffers => [_patients, _conditions, _activities, _careFlags, _prescriptions, _procedures, _truths];

    /// <summary>The tables the rows go to, parents first.</summary>
    public IEnumerable<ITable> Tables => Buffers.Select(buffer => buffer.Table);

    public int Count => Buffers.Sum(buffer => buffer.Rows.Count);

    public void AddPatient(Patient patient) =>
        _patients.Add(patient.Id, patient.Pseudonym, patient.PracticeCode, patient.LsoaCode, patient.BirthYear, patient.BirthMonth, (int)patient.Sex, (int)patient.EthnicGroup, patient.DateOfDeath?.DayNumber);

    public void AddCondition(long id, int patientId, Condition condition) =>
        _conditions.Add(id, patientId, (int)condition.Register, (int)condition.Kind, condition.SnomedCode, condition.OnsetDate.DayNumber, condition.CodeList);

    public void AddActivity(long id, int patientId, Activity activity) =>
        _activities.Add(id, patientId, (int)activity.Kind, activity.Date.DayNumber, activity.LengthOfStayDays, activity.PrimaryDiagnosis, activity.AmbulatoryCareSensitive);

    public void AddCareFlag(long id, int patientId, CareFlag flag) =>
        _careFlags.Add(id, patientId, (int)flag.Kind, flag.RecordedOn.DayNumber);

    public void AddPrescription(long id, int patientId, Prescription prescription) =>
        _prescriptions.Add(id, patientId, prescription.DmdCode, prescription.IssuedOn.DayNumber);

    public void AddProcedure(long id, int patientId, Procedure procedure) =>
        _procedures.Add(id, patientId, procedure.SnomedCode, procedure.PerformedOn.DayNumber);

    public void AddTruth(GeneratorTruth truth) =>
        _truths.Add(truth.PatientId, truth.DeathHazardPerYear, truth.GpAppointmentsPerYear, truth.Nhs111CallsPerYear, truth.AmbulanceCallsPerYear, truth.AeAttendancesPerYear,
            truth.EmergencyAdmissionsPerYear, truth.ElectiveAdmissionsPerYear, truth.OutpatientAttendancesPerYear, truth.CommunityContactsPerYear, truth.SocialCareContactsPerYear);

    /// <summary>Parents first, so every child row finds its patient even where foreign keys stay on during the load.</summary>
    public async Task CopyAsync(IBulkCopy bulkCopy, CancellationToken cancellationToken)
    {
        foreach (var buffer in Buffers)
            await buffer.CopyAsync(bulkCopy, tablesEmptiedInTransaction, cancellationToken);
    }

    public static ITable TableOf(IModel model, Type entity) =>
        model.FindEntityType(entity)?.GetTableMappings().Single().Table ?? throw new InvalidOperationException($"{entity.Name} is not in the model.");
}
