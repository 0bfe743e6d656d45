using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Phm.Data.Terminology;
using Phm.Data.Patients;
using Phm.Data.Pseudonymisation;

namespace Phm.Data.Ingest;

/// <summary>
/// Reads a CSV extract: a folder holding any of <c>patients.csv</c>, <c>conditions.csv</c>, <c>activity.csv</c>,
/// <c>care_flags.csv</c>, <c>prescriptions.csv</c> and <c>procedures.csv</c> (schema in docs/ingest.md), patients first so the others find them. A file whose header lacks a
/// column or has one the schema does not know is refused whole; otherwise each row is checked on its own. Every file but
/// the patients' may have a <c>record_id</c> column, which identifies its rows across extracts.
/// </summary>
internal sealed class CsvExtractReader(IngestWriter writer, Pseudonymiser pseudonymiser, SourceRecordIdentity identities, RegisterCodeList codes)
{
    public const string Patients = "patients.csv";
    public const string Conditions = "conditions.csv";
    public const string Activity = "activity.csv";
    public const string CareFlags = "care_flags.csv";
    public const string Prescriptions = "prescriptions.csv";
    public const string Procedures = "procedures.csv";
    private const string RecordId = "record_id";

    /// <summary>
    /// File name, required columns, optional columns, and optional columns of which the header needs at least one; in
    /// the order they are read.
    /// </summary>
    public static readonly IReadOnlyList<(string File, string[] Required, string[] Optional, string[] AtLeastOne)> Schema =
    [
        (Patients, ["nhs_number", "birth_date", "sex", "ethnic_category", "practice_code"], ["lsoa_code", "postcode", "date_of_death"], ["lsoa_code", "postcode"]),
        (Conditions, ["nhs_number", "snomed_code", "onset_date"], [RecordId], []),
        (Activity, ["nhs_number", "kind", "date", "length_of_stay_days"], [RecordId, "primary_diagnosis"], []),
        (CareFlags, ["nhs_number", "flag", "recorded_on"], [RecordId], []),
        (Prescriptions, ["nhs_number", "dmd_code", "issued_on"], [RecordId], []),
        (Procedures, ["nhs_number", "snomed_code", "performed_on"], [RecordId], []),
    ];

    /// <summary>Reads the extract's files, given in the schema's order.</summary>
    public async Task ReadAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        foreach (var path in paths)
        {
            var (file, required, optional, atLeastOne) = Schema.Single(f => f.File == Path.GetFileName(path));
            await ReadFileAsync(path, await IngestSource.NameAsync(path, nameIsSafe: true, cancellationToken), required, optional, atLeastOne, RowReaderOf(file), cancellationToken);
            writer.MarkInputFileDone(path);
        }
    }

    private delegate void RowReader(SourceRef at, CsvReader csv, Columns columns, List<FieldProblem> problems);

    private RowReader RowReaderOf(string file) => file switch
    {
        Patients => ReadPatient,
        Conditions => ReadCondition,
        Activity => ReadActivity,
        CareFlags => ReadCareFlag,
        Prescriptions => ReadPrescription,
        Procedures => ReadProcedure,
        _ => throw new ArgumentOutOfRangeException(nameof(file), file, "Not a file of the CSV extract."),
    };

    private async Task ReadFileAsync(string path, string source, string[] required, string[] optional, string[] atLeastOne, RowReader readRow, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim, BadDataFound = null });
        if (!await csv.ReadAsync() || !csv.ReadHeader() || csv.HeaderRecord is not { } header)
        {
            writer.RefuseFile(new(source, "header"), [new("header", "the file is empty: it needs a header row")]);
            return;
        }

        var problems = HeaderProblems(header, required, optional, atLeastOne);
        if (problems.Count > 0)
        {
            writer.RefuseFile(new(source, "header"), problems);
            return;
        }

        var columns = new Columns(header);
        var row = 0;
        while (await csv.ReadAsync())
        {
            row++;
            var at = new SourceRef(source, string.Create(CultureInfo.InvariantCulture, $"row {row}"));
            readRow(at, csv, columns, problems = []);
            writer.MarkInputRead(reader.BaseStream.Position);
            await writer.CommitIfFullAsync(cancellationToken);
        }
    }

    private static List<FieldProblem> HeaderProblems(string[] header, string[] required, string[] optional, string[] atLeastOne)
    {
        var problems = required.Where(column => !header.Contains(column, StringComparer.Ordinal))
            .Select(column => new FieldProblem(column, "required column is missing from the header"))
            .ToList();
        if (atLeastOne.Length > 0 && !atLeastOne.Any(column => header.Contains(column, StringComparer.Ordinal)))
            problems.Add(new(atLeastOne[0], $"the header needs one of {string.Join(", ", atLeastOne)}"));
        problems.AddRange(header.Select((column, i) => (column, i))
            .Where(c => !required.Contains(c.column, StringComparer.Ordinal) && !optional.Contains(c.column, StringComparer.Ordinal))
            .DistinctBy(c => c.column, StringComparer.Ordinal)
            .Select(c => new FieldProblem(SafeColumnName(c.column, c.i), $"unknown column (expected {string.Join(", ", required.Concat(optional))})")));
        problems.AddRange(header.GroupBy(column => column, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => new FieldProblem(g.Key, "column appears more than once in the header")));
        return problems;
    }

    /// <summary>
    /// A file without a header row has its first record read as the header, so an unknown column's name is repeated only
    /// when it cannot be a value: letters, spaces and underscores, short. Otherwise the column is named by position.
    /// </summary>
    private static string SafeColumnName(string column, int index) =>
        column.Length is > 0 and <= 40 && column.All(c => char.IsAsciiLetter(c) || c is '_' or ' ')
            ? column
            : string.Create(CultureInfo.InvariantCulture, $"column {index + 1}");

    private void ReadPatient(SourceRef at, CsvReader csv, Columns columns, List<FieldProblem> problems)
    {
        var pseudonym = Pseudonym(csv, columns, problems);
        var birth = RequiredDate(csv, columns, "birth_date", problems);
        if (birth < IngestVocabulary.EarliestBirth)
            problems.Add(new("birth_date", "before 1900"));
        if (!IngestVocabulary.TryParseSex(csv.GetField(columns["sex"]), out var sex))
            problems.Add(new("sex", "sex must be F or M (female or male)"));

        var ethnicGroup = EthnicGroup.NotStated;
        var ethnicCategory = csv.GetField(columns["ethnic_category"]);
        if (!string.IsNullOrEmpty(ethnicCategory) && !IngestVocabulary.EthnicCategories.TryGetValue(ethnicCategory, out ethnicGroup))
            problems.Add(new("ethnic_category", "not an NHS Data Dictionary ethnic category (A-H, J-N, P, R, S, Z or blank)"));

        var lsoa = writer.ResolveLsoa(columns.ValueOrNull(csv, "lsoa_code"), columns.ValueOrNull(csv, "postcode"), "lsoa_code", "postcode", problems);
        var practice = Required(csv, columns, "practice_code", "a practice ODS code is required", problems);

        DateOnly? death = null;
        if (columns.ValueOrNull(csv, "date_of_death") is { Length: > 0 } deathText)
        {
            death = Date(deathText, "date_of_death", problems);
            if (death < birth)
                problems.Add(new("date_of_death", "before the date of birth"));
        }

        var patient = new Patient
        {
            Pseudonym = pseudonym ?? "",
            PracticeCode = practice,
            LsoaCode = lsoa,
            // The store keeps the birth month only: the exact date is an identifier.
            BirthYear = birth?.Year ?? 0,
            BirthMonth = birth?.Month ?? 0,
            Sex = sex,
            EthnicGroup = ethnicGroup,
            DateOfDeath = death,
        };
        writer.AddPatient(at, patient, problems, "practice_code", "lsoa_code");
    }

    private void ReadCondition(SourceRef at, CsvReader csv, Columns columns, List<FieldProblem> problems)
    {
        var pseudonym = Pseudonym(csv, columns, problems);
        var code = Required(csv, columns, "snomed_code", "a SNOMED CT code is required", problems);
        var placements = codes.PlacementsOf(code);
        if (code.Length > 0 && placements.Count == 0)
            problems.Add(new("snomed_code", $"the code is on no register in code list {RegisterCodeList.Version}"));
        var onset = RequiredDate(csv, columns, "onset_date", problems);

        if (problems.Count > 0)
            writer.Quarantine(at, problems);
        else
            writer.AddCondition(at, pseudonym!, RegisterEntries.Of(code, placements, onset!.Value), Identity(csv, columns, Conditions), "nhs_number");
    }

    private void ReadActivity(SourceRef at, CsvReader csv, Columns columns, List<FieldProblem> problems)
    {
        var pseudonym = Pseudonym(csv, columns, problems);
        var kindText = csv.GetField(columns["kind"]) ?? "";
        if (!IngestVocabulary.ActivityKinds.TryGetValue(kindText, out var kind))
            problems.Add(new("kind", $"not an activity kind ({string.Join(", ", IngestVocabulary.ActivityKinds.Keys.Order(StringComparer.Ordinal))})"));
        var date = RequiredDate(csv, columns, "date", problems);

        int? lengthOfStay = null;
        var stayText = csv.GetField(columns["length_of_stay_days"]);
        if (!string.IsNullOrEmpty(stayText))
        {
            if (!int.TryParse(stayText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var nights))
                problems.Add(new("length_of_stay_days", "not a whole number of nights"));
            else if (nights < 0)
                problems.Add(new("length_of_stay_days", "negative"));
            else if (kind != 0 && !IngestVocabulary.IsAdmission(kind))
                problems.Add(new("length_of_stay_days", "only admissions have a length of stay"));
            else
                lengthOfStay = nights;
        }
        else if (IngestVocabulary.IsAdmission(kind))
        {
            problems.Add(new("length_of_stay_days", "an admission needs its length of stay (0 for a same-day stay)"));
        }

        var diagnosis = PrimaryDiagnosis(columns.ValueOrNull(csv, "primary_diagnosis"), kind, problems);

        if (problems.Count > 0)
            writer.Quarantine(at, problems);
        else
            writer.AddActivity(at, pseudonym!, new Activity { Kind = kind, Date = date!.Value, LengthOfStayDays = lengthOfStay, PrimaryDiagnosis = diagnosis }, Identity(csv, columns, Activity), "nhs_number");
    }

    /// <summary>The optional ICD-10 primary diagnosis of an emergency admission, in the store's dotted form.</summary>
    private static string? PrimaryDiagnosis(string? text, ActivityKind kind, List<FieldProblem> problems)
    {
        if (string.IsNullOrEmpty(text))
            return null;
        if (kind != 0 && kind != ActivityKind.EmergencyAdmission)
        {
            problems.Add(new("primary_diagnosis", "only emergency admissions carry a primary diagnosis"));
            return null;
        }
        var code = Icd10Code.Normalise(text, out var problem);
        if (problem is not null)
            problems.Add(new("primary_diagnosis", problem));
        return code;
    }

    private void ReadCareFlag(SourceRef at, CsvReader csv, Columns columns, List<FieldProblem> problems)
    {
        var pseudonym = Pseudonym(csv, columns, problems);
        if (!IngestVocabulary.CareFlagKinds.TryGetValue(csv.GetField(columns["flag"]) ?? "", out var kind))
            problems.Add(new("flag", $"not a care flag ({string.Join(", ", IngestVocabulary.CareFlagKinds.Keys.Order(StringComparer.Ordinal))})"));
        var recordedOn = RequiredDate(csv, columns, "recorded_on", problems);

        if (problems.Count > 0)
            writer.Quarantine(at, problems);
        else
            writer.AddCareFlag(at, pseudonym!, new CareFlag { Kind = kind, RecordedOn = recordedOn!.Value }, Identity(csv, columns, CareFlags), "nhs_number");
    }

    private void ReadPrescription(SourceRef at, CsvReader csv, Columns columns, List<FieldProblem> problems) =>
        ReadCodedRecord(at, csv, columns, problems, ("dmd_code", "a dm+d code is required"), "issued_on",
            (pseudonym, code, date) => writer.AddPrescription(at, pseudonym, new Prescription { DmdCode = code, IssuedOn = date }, Identity(csv, columns, Prescriptions), "nhs_number"));

    private void ReadProcedure(SourceRef at, CsvReader csv, Columns columns, List<FieldProblem> problems) =>
        ReadCodedRecord(at, csv, columns, problems, ("snomed_code", "a SNOMED CT code is required"), "performed_on",
            (pseudonym, code, date) => writer.AddProcedure(at, pseudonym, new Procedure { SnomedCode = code, PerformedOn = date }, Identity(csv, columns, Procedures), "nhs_number"));

    /// <summary>A row of a patient, a SNOMED CT concept (dm+d codes are ones too) and a date.</summary>
    private void ReadCodedRecord(SourceRef at, CsvReader csv, Columns columns, List<FieldProblem> problems,
        (string Column, string Missing) code, string dateColumn, Action<string, string, DateOnly> add)
    {
        var pseudonym = Pseudonym(csv, columns, problems);
        var conceptId = ConceptId(csv, columns, code.Column, code.Missing, problems);
        var date = RequiredDate(csv, columns, dateColumn, problems);

        if (problems.Count > 0)
            writer.Quarantine(at, problems);
        else
            add(pseudonym!, conceptId, date!.Value);
    }

    /// <summary>The row's identity from its <c>record_id</c>, when the file has the column and the row a value.</summary>
    private string? Identity(CsvReader csv, Columns columns, string file) => identities.OfCsvRow(file, columns.ValueOrNull(csv, RecordId));

    /// <summary>A required SNOMED CT concept identifier (dm+d codes are ones too), checked for its form.</summary>
    private static string ConceptId(CsvReader csv, Columns columns, string column, string missing, List<FieldProblem> problems)
    {
        var code = Required(csv, columns, column, missing, problems);
        if (code.Length > 0 && SnomedConceptId.Problem(code) is { } problem)
            problems.Add(new(column, problem));
        return code;
    }

    /// <summary>Extracts list a patient's rows together, so the last pseudonym is often the next one too (HMAC per row is a tenth of the time).</summary>
    private (string Text, string Pseudonym)? _lastPseudonym;

    private string? Pseudonym(CsvReader csv, Columns columns, List<FieldProblem> problems)
    {
        var text = csv.GetField(columns["nhs_number"]);
        if (_lastPseudonym is { } last && string.Equals(last.Text, text, StringComparison.Ordinal))
            return last.Pseudonym;
        if (NhsNumber.TryParse(text, out var number, out var reason))
        {
            var pseudonym = pseudonymiser.Pseudonymise(number);
            _lastPseudonym = (text!, pseudonym);
            return pseudonym;
        }
        problems.Add(new("nhs_number", reason));
        return null;
    }

    private static string Required(CsvReader csv, Columns columns, string column, string reason, List<FieldProblem> problems)
    {
        var value = csv.GetField(columns[column]) ?? "";
        if (value.Length == 0)
            problems.Add(new(column, reason));
        return value;
    }

    private DateOnly? RequiredDate(CsvReader csv, Columns columns, string column, List<FieldProblem> problems)
    {
        var text = csv.GetField(columns[column]);
        if (string.IsNullOrEmpty(text))
        {
            problems.Add(new(column, "a date is required (yyyy-MM-dd)"));
            return null;
        }
        return Date(text, column, problems);
    }

    private DateOnly? Date(string text, string column, List<FieldProblem> problems)
    {
        if (!IngestVocabulary.TryParseDate(text, out var date))
        {
            problems.Add(new(column, "not a date (yyyy-MM-dd)"));
            return null;
        }
        if (date > writer.Today)
        {
            problems.Add(new(column, "in the future"));
            return null;
        }
        return date;
    }

    /// <summary>Column positions by name, looked up once per file rather than per field.</summary>
    private sealed class Columns(string[] header)
    {
        private readonly Dictionary<string, int> _index = header.Select((name, i) => (name, i)).ToDictionary(c => c.name, c => c.i, StringComparer.Ordinal);

        public int this[string column] => _index[column];

        /// <summary>An optional column's value, or null when the file has no such column.</summary>
        public string? ValueOrNull(CsvReader csv, string column) => _index.TryGetValue(column, out var i) ? csv.GetField(i) : null;
    }
}
