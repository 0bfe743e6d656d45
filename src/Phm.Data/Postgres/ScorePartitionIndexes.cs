using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Phm.Data.Risk;

namespace Phm.Data.Postgres;

/// <summary>
/// Which indexes the partitions of <c>RiskScores</c> have on PostgreSQL: the one home of the rule, for the migration that set them
/// (<c>PartitionsIndexScoresWithoutModel</c>) and for the writer that builds them on a model's new partition
/// (<see cref="PostgresScorePartitions"/>). Inside a model's partition <c>Model</c> is one value, so an index led by it is wider
/// and slower to build than it needs to be (the two below cost half the CPU to build without it, README "Partitioning"). The EF
/// model's indexes named in <see cref="WithoutModel"/> are therefore not the parent's (a partitioned index would have to be the
/// same on every partition): each model's partition has them without <c>Model</c>, where partition pruning has already picked the model, and
/// the default partition, which may hold several models' rows (written row by row), has them as the EF model declares them.
/// The key (PostgreSQL's own, <see cref="Key"/>) and the other indexes are the parent's, but for those the key stands for
/// (<see cref="CoveredByKey"/>). The EF model (and its snapshot) still declares these indexes and its own key, as SQLite and SQL
/// Server have them: a migration that changes one must be written by hand for PostgreSQL. A change here changes what the
/// migrations that follow it do (<c>PartitionsIndexScoresWithoutModel</c>, <c>KeyRiskScoresByPatient</c>,
/// <c>PartitionsIndexTiersAboveLow</c>; their scripts in <c>db/postgres</c> then fail their check): give it a migration of its own.
/// </summary>
internal static class ScorePartitionIndexes
{
    private const string ModelColumn = nameof(RiskScore.Model);

    /// <summary>
    /// The EF model's indexes (by name) that a model's partition has without <c>Model</c>, and whether it keeps <c>Model</c> as an
    /// included column: a tier criterion lists a model's patients in a tier from the index alone, which an index-only scan can do
    /// only if the index holds every column the query names, <c>Model</c> among them; a page by rank reads the rows anyway.
    /// </summary>
    private static readonly Dictionary<string, bool> WithoutModel = new()
    {
        ["IX_RiskScores_Model_Rank"] = false,
        ["IX_RiskScores_Model_Tier_PatientId"] = true,
    };

    /// <summary>
    /// The EF model's indexes (by name) that a model's partition has only over the rows above the <see cref="RiskTier.Low"/> tier
    /// (migration <c>PartitionsIndexTiersAboveLow</c>), and the condition. A tier criterion asks for the small tiers (0.5% to 20%
    /// of the population), which the index lists from its entries alone; <see cref="RiskTier.Low"/>, four patients in five, is
    /// read from the table or the key (at 2,000,000 patients the city's Low tier is counted in 1.2 s by a sequential scan of the
    /// partition). Over a fifth of the rows the index builds in 0.7-0.8 s of the server's CPU instead of 1.9-2.2 s, on each
    /// model's new partition at every scoring. A criterion's tiers come to the server as a bound array, which PostgreSQL plans
    /// with its values, so it proves that tiers above Low meet the condition.
    /// </summary>
    private static readonly Dictionary<string, string> AboveLowTierOnly = new()
    {
        ["IX_RiskScores_Model_Tier_PatientId"] = $"\"{nameof(RiskScore.Tier)}\" < {(int)RiskTier.Low}",
    };

    /// <summary>
    /// PostgreSQL's key of <c>RiskScores</c> (migration <c>KeyRiskScoresByPatient</c>), where the EF model's is (<c>Model</c>,
    /// <c>PatientId</c>): led by the patient, then the model (a partitioned table's key must hold the partition's), with the tier and
    /// probability included. In a model's partition, where the model is one value, it is in the same order as the EF model's key,
    /// and it also answers what the indexes of <see cref="CoveredByKey"/> are for: a patient's scores by id, and a model's tiers and
    /// probabilities joined to its patients by id from the index alone. So they are not built for each model's new partition (at
    /// 2,000,000 patients two of a model's five index builds, 1.4 of its 4.8 s, and a key led by the id builds faster than one
    /// led by the model's name).
    /// </summary>
    public const string Key = """("PatientId", "Model") INCLUDE ("Tier", "Probability")""";

    /// <summary>The EF model's indexes (by name) that PostgreSQL's <c>RiskScores</c> does without, <see cref="Key"/> serving for them.</summary>
    private static readonly HashSet<string> CoveredByKey = ["IX_RiskScores_Model_PatientId_Tier_Probability", "IX_RiskScores_PatientId"];

    /// <summary>The indexes of <c>RiskScores</c> as the EF model (<paramref name="model"/>, live or a migration's) declares them.</summary>
    public static IReadOnlyList<ScoreIndex> Declared(IReadOnlyModel model)
    {
        var scores = model.FindEntityType(typeof(RiskScore).FullName!)!;
        var table = StoreObjectIdentifier.Table(scores.GetTableName()!, scores.GetSchema());
        return [.. scores.GetIndexes().Select(index => new ScoreIndex(
            index.GetDatabaseName(table)!, index.IsUnique, [.. index.Properties.Select(property => property.GetColumnName(table)!)]))];
    }

    /// <summary>One of the EF model's indexes on <c>RiskScores</c>: its name, whether it is unique, its columns.</summary>
    internal sealed record ScoreIndex(string Name, bool IsUnique, IReadOnlyList<string> Columns)
    {
        /// <summary>Whether each partition has this index of its own, rather than as one of the parent's partitioned indexes.</summary>
        public bool IsPartitionsOwn => WithoutModel.ContainsKey(Name);

        /// <summary>Whether PostgreSQL does without this index, its key serving for it (<see cref="Key"/>).</summary>
        public bool IsCoveredByKey => CoveredByKey.Contains(Name);

        /// <summary>Whether a model's partition has this index only over the rows above the Low tier (<see cref="AboveLowTierOnly"/>).</summary>
        public bool IsAboveLowTierOnly => AboveLowTierOnly.ContainsKey(Name);

        /// <summary>The index's key columns on a model's partition (<paramref name="ofOneModel"/>) or on the default partition.</summary>
        public IReadOnlyList<string> KeyColumns(bool ofOneModel) =>
            ofOneModel && WithoutModel.ContainsKey(Name) ? [.. Columns.Where(column => column != ModelColumn)] : Columns;

        /// <summary>
        /// The unnamed <c>CREATE INDEX</c> of this index on <paramref name="table"/> (delimited, or a <c>format</c> placeholder):
        /// a model's partition (<paramref name="ofOneModel"/>) has an index of <see cref="WithoutModel"/> without <c>Model</c>;
        /// the default partition, and a model's partition for any other index, have it as declared. Unnamed, so that PostgreSQL
        /// names it after the table, apart from those of a partition it replaces, which are still there. A model's partition has
        /// an index of <see cref="AboveLowTierOnly"/> over those rows alone, unless <paramref name="overEveryTier"/> (as migration
        /// <c>PartitionsIndexScoresWithoutModel</c> first made it).
        /// </summary>
        public string CreateOn(string table, bool ofOneModel, bool overEveryTier = false)
        {
            var included = ofOneModel && WithoutModel.TryGetValue(Name, out var includesModel) && includesModel ? $" INCLUDE ({Delimited([ModelColumn])})" : "";
            var condition = ofOneModel && !overEveryTier && AboveLowTierOnly.TryGetValue(Name, out var aboveLow) ? $" WHERE {aboveLow}" : "";
            return $"CREATE {(IsUnique ? "UNIQUE " : "")}INDEX ON {table} ({Delimited(KeyColumns(ofOneModel))}){included}{condition}";
        }

        private static string Delimited(IEnumerable<string> columns) => string.Join(", ", columns.Select(column => $"\"{column.Replace("\"", "\"\"", StringComparison.Ordinal)}\""));
    }
}
