using System.Globalization;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Phm.Data.Terminology;
using Phm.Data.Patients;
using Phm.Data.Pseudonymisation;
using Activity = Phm.Data.Patients.Activity;
using FhirCondition = Hl7.Fhir.Model.Condition;
using FhirPatient = Hl7.Fhir.Model.Patient;
using FhirProcedure = Hl7.Fhir.Model.Procedure;
using Patient = Phm.Data.Patients.Patient;
using Procedure = Phm.Data.Patients.Procedure;
using Task = System.Threading.Tasks.Task;

namespace Phm.Data.Ingest;

/// <summary>
/// Reads FHIR R4: bundles (<c>.json</c>: transaction, batch or collection) and NDJSON (<c>.ndjson</c>, one resource a
/// line, Patient files first as a bulk export names them). Patients come first within each bundle, so the resources that
/// refer to them find them. The mapping to the store is in docs/ingest.md.
/// </summary>
internal sealed class FhirResourceReader(IngestWriter writer, Pseudonymiser pseudonymiser, SourceRecordIdentity identities, RegisterCodeList codes)
{
    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings().UsingMode(DeserializationMode.Recoverable));

    /// <summary>Patient references (a bundle's full URL, or Patient/id) to the pseudonym of a patient now in the store.</summary>
    private readonly Dictionary<string, string> _patients = new(StringComparer.Ordinal);

    public static bool IsFhirFile(string path) =>
        path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase);

    /// <summary>NDJSON Patient files before the rest, so references across files resolve.</summary>
    public static IEnumerable<string> InReadingOrder(IEnumerable<string> files) =>
        files.OrderBy(f => Path.GetFileName(f).StartsWith("Patient", StringComparison.OrdinalIgnoreCase) ? 0 : 1).ThenBy(f => f, StringComparer.Ordinal);

    public async Task ReadAsync(string path, CancellationToken cancellationToken)
    {
        await ReadFileAsync(path, cancellationToken);
        writer.MarkInputFileDone(path);
    }

    private async Task ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        var source = await IngestSource.NameAsync(path, nameIsSafe: false, cancellationToken);
        if (path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase))
        {
            var line = 0;
            var position = 0L;
            foreach (var text in File.ReadLines(path))
            {
                line++;
                // Characters approximate bytes well enough for a progress bar (FHIR JSON is mostly ASCII).
                position += text.Length + 1;
                writer.MarkInputRead(position);
                if (string.IsNullOrWhiteSpace(text))
                    continue;
                var at = new SourceRef(source, string.Create(CultureInfo.InvariantCulture, $"line {line}"));
                if (Parse(at, text) is { } resource)
                    Read(at with { Reference = $"{at.Reference} ({resource.TypeName})" }, resource, fullUrl: null);
                await writer.CommitIfFullAsync(cancellationToken);
            }
            return;
        }

        var file = new SourceRef(source, "file");
        switch (Parse(file, await File.ReadAllTextAsync(path, cancellationToken)))
        {
            case Bundle { Type: Bundle.BundleType.Transaction or Bundle.BundleType.Batch or Bundle.BundleType.Collection } bundle:
                var entries = bundle.Entry.Select((entry, i) => (entry, at: new SourceRef(source, string.Create(CultureInfo.InvariantCulture, $"entry {i} ({entry.Resource?.TypeName ?? "empty"})")))).ToList();
                foreach (var (entry, at) in entries.Where(e => e.entry.Resource is FhirPatient).Concat(entries.Where(e => e.entry.Resource is not FhirPatient)))
                {
                    if (entry.Resource is null)
                        writer.Quarantine(at, [new("resource", "the entry has no resource")]);
                    else
                        Read(at, entry.Resource, entry.FullUrl);
                    await writer.CommitIfFullAsync(cancellationToken);
                }
                break;
            case Bundle bundle:
                writer.RefuseFile(file, [new("Bundle.type", $"a {bundle.Type} bundle is not ingested (transaction, batch or collection)")]);
                break;
            case { } resource:
                Read(file with { Reference = $"resource ({resource.TypeName})" }, resource, fullUrl: null);
                break;
        }
    }

    private Resource? Parse(SourceRef at, string json)
    {
        try
        {
            var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
            if (Deserializer.TryDeserializeResource(ref reader, out var resource, out _) || resource is not null)
                return resource;
        }
        catch (JsonException)
        {
            // Reported below; the message may quote the content, so it is not kept.
        }

        if (at.Reference == "file")
            writer.RefuseFile(at, [new("json", "not a FHIR R4 resource in JSON")]);
        else
            writer.Quarantine(at, [new("json", "not a FHIR R4 resource in JSON")]);
        return null;
    }

    private void Read(SourceRef at, Resource resource, string? fullUrl)
    {
        switch (resource)
        {
            case FhirPatient patient: ReadPatient(at, patient, fullUrl); break;
            case FhirCondition condition: ReadCondition(at, condition); break;
            case Encounter encounter: ReadEncounter(at, encounter); break;
            case CarePlan carePlan: ReadCarePlan(at, carePlan); break;
            case MedicationRequest request: ReadMedicationRequest(at, request); break;
            case FhirProcedure procedure: ReadProcedure(at, procedure); break;
            default: writer.Skip($"{resource.TypeName} (not held by the store)"); break;
        }
    }

    private void ReadPatient(SourceRef at, FhirPatient patient, string? fullUrl)
    {
        List<FieldProblem> problems = [];
        string? pseudonym = null;
        var nhsNumber = patient.Identifier.FirstOrDefault(i => i.System == FhirSystems.NhsNumberSystem)?.Value;
        if (nhsNumber is null)
            problems.Add(new("identifier", $"no NHS number identifier ({FhirSystems.NhsNumberSystem})"));
        else if (NhsNumber.TryParse(nhsNumber, out var number, out var reason))
            pseudonym = pseudonymiser.Pseudonymise(number);
        else
            problems.Add(new("identifier", reason));

        var (birthYear, birthMonth) = (0, 0);
        var birthDate = patient.BirthDate;
        if (birthDate is null || birthDate.Length < 7 || !DateOnly.TryParseExact(birthDate[..7], "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth))
            problems.Add(new("birthDate", "a birth date with at least year and month is required"));
        else if (birth > writer.Today)
            problems.Add(new("birthDate", "in the future"));
        else if (birth < IngestVocabulary.EarliestBirth)
            problems.Add(new("birthDate", "before 1900"));
        else
            (birthYear, birthMonth) = (birth.Year, birth.Month);

        var sex = patient.Gender switch
        {
            AdministrativeGender.Female => Sex.Female,
            AdministrativeGender.Male => Sex.Male,
            _ => (Sex)0,
        };
        if (sex == 0)
            problems.Add(new("gender", "gender must be female or male"));

        var ethnicGroup = EthnicGroup.NotStated;
        if (patient.GetExtension(FhirSystems.EthnicCategoryExtension)?.Value is CodeableConcept ethnicity
            && !IngestVocabulary.EthnicCategories.TryGetValue(ethnicity.Coding.FirstOrDefault()?.Code ?? "", out ethnicGroup))
            problems.Add(new("extension:ethnicCategory", "not an NHS Data Dictionary ethnic category"));

        // The LSOA extension, else the home (or first) address's postcode through the run's postcode lookup.
        var postcode = patient.Address.OrderBy(a => a.Use == Address.AddressUse.Home ? 0 : 1).Select(a => a.PostalCode).FirstOrDefault(p => !string.IsNullOrWhiteSpace(p));
        var lsoa = writer.ResolveLsoa(LsoaOf(patient), postcode, "address", "address.postalCode", problems);

        var practice = patient.GeneralPractitioner.Select(r => r.Identifier).FirstOrDefault(i => i?.System == FhirSystems.OdsCodeSystem)?.Value;
        if (practice is null)
            problems.Add(new("generalPractitioner", $"no registered practice (a generalPractitioner identifier in {FhirSystems.OdsCodeSystem})"));

        DateOnly? death = null;
        switch (patient.Deceased)
        {
            case FhirDateTime deceased when DateOf(deceased.Value) is { } date:
                if (date > writer.Today)
                    problems.Add(new("deceasedDateTime", "in the future"));
                death = date;
                break;
            case FhirDateTime or FhirBoolean { Value: true }:
                problems.Add(new("deceased", "a death needs its date"));
                break;
        }

        var accepted = writer.AddPatient(at, new Patient
        {
            Pseudonym = pseudonym ?? "",
            PracticeCode = practice ?? "",
            LsoaCode = lsoa,
            BirthYear = birthYear,
            BirthMonth = birthMonth,
            Sex = sex,
            EthnicGroup = ethnicGroup,
            DateOfDeath = death,
        }, problems, "generalPractitioner", "address");
        if (!accepted)
            return;
        if (fullUrl is not null)
            _patients[fullUrl] = pseudonym!;
        if (patient.Id is not null)
            _patients["Patient/" + patient.Id] = pseudonym!;
    }

    private static string? LsoaOf(FhirPatient patient)
    {
        var extension = patient.GetExtension(FhirSystems.LsoaExtension) ?? patient.Address.Select(a => a.GetExtension(FhirSystems.LsoaExtension)).FirstOrDefault(e => e is not null);
        return extension?.Value switch
        {
            FhirString text => text.Value,
            Code code => code.Value,
            Coding coding => coding.Code,
            _ => null,
        };
    }

    private void ReadCondition(SourceRef at, FhirCondition condition)
    {
        if (condition.VerificationStatus?.Coding.Any(c => c.Code is "entered-in-error" or "refuted") == true)
        {
            writer.Skip("Condition refuted or entered in error");
            return;
        }

        var snomed = condition.Code?.Coding.Where(c => c.System == FhirSystems.SnomedSystem).ToList() ?? [];
        if (snomed.Count == 0)
        {
            writer.Quarantine(at, [new("code", "no SNOMED CT coding")]);
            return;
        }

        var onRegister = snomed.Select(c => c.Code).OfType<string>()
            .Select(code => (Code: code, Placements: codes.PlacementsOf(code)))
            .FirstOrDefault(c => c.Placements.Count > 0);
        if (onRegister.Code is null)
        {
            writer.Skip($"Condition on no register ({RegisterCodeList.Version})");
            return;
        }

        List<FieldProblem> problems = [];
        var onset = Date((condition.Onset as FhirDateTime)?.Value ?? condition.RecordedDate, "onsetDateTime", problems);
        AddIfValid(at, condition.Subject, problems, pseudonym => writer.AddCondition(at, pseudonym, RegisterEntries.Of(onRegister.Code, onRegister.Placements, onset!.Value), identities.Of(condition), "subject"));
    }

    /// <summary>Encounter class (v3 ActCode) to activity kind; docs/ingest.md explains each choice.</summary>
    private void ReadEncounter(SourceRef at, Encounter encounter)
    {
        if (encounter.Status is Encounter.EncounterStatus.Planned or Encounter.EncounterStatus.Cancelled or Encounter.EncounterStatus.EnteredInError)
        {
            writer.Skip("Encounter planned, cancelled or entered in error");
            return;
        }

        List<FieldProblem> problems = [];
        var classCode = encounter.Class?.Code;
        ActivityKind kind = classCode switch
        {
            "AMB" => ActivityKind.GpAppointment,
            "EMER" => ActivityKind.AeAttendance,
            "HH" => ActivityKind.CommunityContact,
            "IMP" or "ACUTE" or "NONAC" => encounter.Priority?.Coding.FirstOrDefault()?.Code switch
            {
                "EM" or "UR" or "S" or "A" => ActivityKind.EmergencyAdmission,
                "EL" or "R" => ActivityKind.ElectiveAdmission,
                _ => 0,
            },
            _ => 0,
        };
        if (kind == 0)
            problems.Add(classCode is "IMP" or "ACUTE" or "NONAC"
                ? new("priority", "an inpatient encounter needs its priority (EM, UR, S or A: emergency; EL or R: elective)")
                : new("class", $"encounter class {(classCode is { Length: > 0 and <= 10 } && classCode.All(char.IsAsciiLetter) ? classCode : "(missing or not a code)")} has no activity kind in the hub's mapping"));

        var start = Date(encounter.Period?.Start, "period.start", problems);
        int? lengthOfStay = null;
        if (IngestVocabulary.IsAdmission(kind) && start is not null)
        {
            if (DateOf(encounter.Period?.End) is not { } end)
                problems.Add(new("period.end", "an admission needs its discharge date"));
            else if (end < start)
                problems.Add(new("period.end", "before the admission"));
            else
                lengthOfStay = end.DayNumber - start.Value.DayNumber;
        }

        var diagnosis = kind == ActivityKind.EmergencyAdmission ? PrimaryDiagnosis(encounter, problems) : null;
        AddIfValid(at, encounter.Subject, problems, pseudonym => writer.AddActivity(at, pseudonym,
            new Activity { Kind = kind, Date = start!.Value, LengthOfStayDays = lengthOfStay, PrimaryDiagnosis = diagnosis }, identities.Of(encounter), "subject"));
    }

    /// <summary>
    /// An emergency admission's ICD-10 primary diagnosis: the Condition its <c>diagnosis</c> ranks first (or lists alone),
    /// when that Condition is contained in the Encounter, else the first ICD-10 coding of its <c>reasonCode</c>. A Condition
    /// elsewhere in the input is not followed (bundles and bulk exports give no order to find it in). None is no problem;
    /// a malformed one is.
    /// </summary>
    private static string? PrimaryDiagnosis(Encounter encounter, List<FieldProblem> problems)
    {
        var primary = encounter.Diagnosis.OrderBy(d => d.Rank ?? int.MaxValue).FirstOrDefault();
        var contained = primary?.Condition?.Reference is ['#', .. var id]
            ? encounter.Contained.OfType<FhirCondition>().FirstOrDefault(c => c.Id == id)
            : null;
        var (field, text) = Icd10CodingOf(contained?.Code) is { } fromDiagnosis
            ? ("diagnosis", fromDiagnosis)
            : ("reasonCode", encounter.ReasonCode.Select(Icd10CodingOf).FirstOrDefault(c => c is not null));
        if (text is null)
            return null;
        var code = Icd10Code.Normalise(text, out var problem);
        if (problem is not null)
            problems.Add(new(field, problem));
        return code;
    }

    private static string? Icd10CodingOf(CodeableConcept? concept) =>
        concept?.Coding.FirstOrDefault(c => c.System is { } system && FhirSystems.Icd10Systems.Contains(system))?.Code;

    private void ReadCarePlan(SourceRef at, CarePlan carePlan)
    {
        if (carePlan.Status != RequestStatus.Active)
        {
            writer.Skip("CarePlan not active");
            return;
        }

        List<FieldProblem> problems = [];
        var recordedOn = Date(carePlan.Period?.Start ?? carePlan.Created, "period.start", problems);
        var endOfLife = carePlan.Category.SelectMany(c => c.Coding).Any(c => c.System == FhirSystems.SnomedSystem && c.Code == FhirSystems.EndOfLifeCarePlan);
        AddIfValid(at, carePlan.Subject, problems, pseudonym =>
        {
            writer.AddCareFlag(at, pseudonym, new CareFlag { Kind = endOfLife ? CareFlagKind.EndOfLifeRegister : CareFlagKind.CarePlan, RecordedOn = recordedOn!.Value }, identities.Of(carePlan), "subject");
        });
    }

    /// <summary>
    /// A medicine prescribed: a request that was issued (not a draft, proposal or plan, not cancelled or entered in
    /// error), coded in dm+d, which UK Core codes in SNOMED CT's system. A medicine given by reference to a Medication
    /// resource is refused rather than followed: bulk exports put those in other files, read in no fixed order.
    /// </summary>
    private void ReadMedicationRequest(SourceRef at, MedicationRequest request)
    {
        if (request.Status is MedicationRequest.MedicationrequestStatus.Draft or MedicationRequest.MedicationrequestStatus.Cancelled or MedicationRequest.MedicationrequestStatus.EnteredInError)
        {
            writer.Skip("MedicationRequest draft, cancelled or entered in error");
            return;
        }
        if (request.Intent is MedicationRequest.MedicationRequestIntent.Proposal or MedicationRequest.MedicationRequestIntent.Plan or MedicationRequest.MedicationRequestIntent.Option)
        {
            writer.Skip("MedicationRequest a proposal, plan or option, not a prescription");
            return;
        }

        List<FieldProblem> problems = [];
        var code = request.Medication switch
        {
            CodeableConcept medicine => ConceptId(medicine, "medicationCodeableConcept", "no dm+d coding (system http://snomed.info/sct)", problems),
            ResourceReference => Problem(problems, new("medicationReference", "a medicine by reference is not read: the hub needs medicationCodeableConcept with a dm+d code")),
            _ => Problem(problems, new("medication", "no medicine")),
        };
        var issuedOn = Date(request.AuthoredOn, "authoredOn", problems);
        AddIfValid(at, request.Subject, problems, pseudonym => writer.AddPrescription(at, pseudonym, new Prescription { DmdCode = code!, IssuedOn = issuedOn!.Value }, identities.Of(request), "subject"));
    }

    private void ReadProcedure(SourceRef at, FhirProcedure procedure)
    {
        if (procedure.Status is EventStatus.Preparation or EventStatus.NotDone or EventStatus.EnteredInError)
        {
            writer.Skip("Procedure not performed or entered in error");
            return;
        }

        List<FieldProblem> problems = [];
        var code = ConceptId(procedure.Code, "code", "no SNOMED CT coding", problems);
        var performedOn = Date(procedure.Performed switch
        {
            FhirDateTime performed => performed.Value,
            Period period => period.Start,
            _ => null,
        }, "performed", problems);
        AddIfValid(at, procedure.Subject, problems, pseudonym => writer.AddProcedure(at, pseudonym, new Procedure { SnomedCode = code!, PerformedOn = performedOn!.Value }, identities.Of(procedure), "subject"));
    }

    /// <summary>The first SNOMED CT coding of a concept, checked for its form.</summary>
    private static string? ConceptId(CodeableConcept? concept, string field, string missing, List<FieldProblem> problems)
    {
        var code = concept?.Coding.FirstOrDefault(c => c.System == FhirSystems.SnomedSystem)?.Code;
        if (code is null)
            return Problem(problems, new(field, missing));
        return SnomedConceptId.Problem(code) is { } problem ? Problem(problems, new(field, problem)) : code;
    }

    private static string? Problem(List<FieldProblem> problems, FieldProblem problem)
    {
        problems.Add(problem);
        return null;
    }

    private void AddIfValid(SourceRef at, ResourceReference? subject, List<FieldProblem> problems, Action<string> add)
    {
        if (problems.Count > 0)
            writer.Quarantine(at, problems);
        else if (PatientOf(subject) is { } pseudonym)
            add(pseudonym);
        else
            writer.Quarantine(at, [new("subject", "its patient was not loaded (see that Patient's quarantine entry) or is not in this input")]);
    }

    private string? PatientOf(ResourceReference? subject)
    {
        var reference = subject?.Reference;
        if (reference is null)
            return null;
        if (!reference.StartsWith("urn:", StringComparison.Ordinal))
        {
            // An absolute or relative literal reference: its last two segments are Patient/id.
            var segments = reference.Split('/');
            reference = segments.Length >= 2 ? $"{segments[^2]}/{segments[^1]}" : reference;
        }
        return _patients.GetValueOrDefault(reference);
    }

    private DateOnly? Date(string? value, string field, List<FieldProblem> problems)
    {
        if (DateOf(value) is not { } date)
        {
            problems.Add(new(field, "a full date is required"));
            return null;
        }
        if (date > writer.Today)
        {
            problems.Add(new(field, "in the future"));
            return null;
        }
        return date;
    }

    /// <summary>The calendar date a FHIR date or dateTime was written with, in its own time zone.</summary>
    private static DateOnly? DateOf(string? value) =>
        value is { Length: >= 10 } && IngestVocabulary.TryParseDate(value.AsSpan(0, 10), out var date) ? date : null;
}
