using GraphQL;
using GraphQL.MicrosoftDI;
using GraphQL.Types;
using GraphQL.Types.Relay;
using GraphQL.Types.Relay.DataObjects;
using Microsoft.EntityFrameworkCore;
using Phm.Api.Loading;
using Phm.Data.Patients;
using Phm.Data.Store;

namespace Phm.Api.Patients;

public static class PatientQueries
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public static void AddPatientQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionType<PatientType>>, Connection<Patient>>("patients")
            .Description("Patients meeting the filter, a page at a time, ordered by id.")
            .Argument<PatientFilterInputType>("filter", "Only patients meeting these criteria.")
            .Argument<IntGraphType>("first", arg =>
            {
                arg.Description = $"Patients per page, 0 to {MaxPageSize}; {DefaultPageSize} if not given or null.";
                arg.DefaultValue = DefaultPageSize;
            })
            .Argument<StringGraphType>("after", "Start after the patient with this cursor (an edge's cursor or pageInfo.endCursor).")
            .ValidateArguments(async context =>
            {
                if (context.GetArgument<int?>("first") is { } first and (< 0 or > MaxPageSize))
                    throw new PageSizeOutOfRangeError("first", first);
                if (context.GetArgument<string?>("after") is { } after && PatientCursor.Decode(after) is null)
                    throw new MalformedCursorError("after");
                if (context.GetArgument<PatientFilter?>("filter") is { } filter)
                    await filter.ValidateAsync(context.RequestServices!.GetRequiredService<PhmDbContext>(), "filter", context.CancellationToken);
            })
            .Resolve()
            .WithServices<PhmDbContext, ReferenceDateLoader>()
            .ResolveAsync(async (context, db, referenceDate) =>
            {
                var filter = context.GetArgument<PatientFilter?>("filter") ?? new PatientFilter();
                var patients = filter.Apply(db, await referenceDate.GetAsync(context.CancellationToken)).AsNoTracking();
                return await PageAsync(patients, context.GetArgument<int?>("first") ?? DefaultPageSize, context.GetArgument<string?>("after"),
                    countTotal: context.SubFields?.ContainsKey("totalCount") == true, context.CancellationToken);
            });

        query.Field<PatientType, Patient>("patient")
            .Description("One patient by id (pseudonym); null if no patient has it.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The patient's id.")
            .Resolve()
            .WithService<PhmDbContext>()
            .ResolveAsync(async (context, db) =>
            {
                var id = context.GetArgument<string>("id");
                return await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Pseudonym == id, context.CancellationToken);
            });
    }

    /// <summary>One page in pseudonym order, reading one row beyond it to learn whether another page follows.</summary>
    private static async Task<Connection<Patient>> PageAsync(
        IQueryable<Patient> patients, int first, string? after, bool countTotal, CancellationToken cancellationToken)
    {
        var page = patients;
        if (after is not null)
        {
            var afterPseudonym = PatientCursor.Decode(after)!;
            page = page.Where(p => string.Compare(p.Pseudonym, afterPseudonym) > 0);
        }
        var rows = await page.OrderBy(p => p.Pseudonym).Take(first + 1).ToListAsync(cancellationToken);
        var edges = rows.Take(first).Select(p => new Edge<Patient> { Node = p, Cursor = PatientCursor.Encode(p.Pseudonym) }).ToList();
        return new Connection<Patient>
        {
            TotalCount = countTotal ? await patients.CountAsync(cancellationToken) : null,
            Edges = edges,
            PageInfo = new PageInfo
            {
                HasNextPage = rows.Count > first,
                HasPreviousPage = after is not null,
                StartCursor = edges.FirstOrDefault()?.Cursor,
                EndCursor = edges.LastOrDefault()?.Cursor,
            },
        };
    }
}
