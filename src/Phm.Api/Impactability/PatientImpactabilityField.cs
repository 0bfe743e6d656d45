using GraphQL.MicrosoftDI;
using GraphQL.Types;
using Phm.Data.Impactability;
using Phm.Data.Patients;

namespace Phm.Api.Impactability;

internal static class PatientImpactabilityField
{
    /// <summary>Adds <c>Patient.impactability</c>: the signals that hold, batched for a page (<see cref="ImpactabilityByPatientLoader"/>).</summary>
    public static void AddImpactabilityField(this ObjectGraphType<Patient> patient) =>
        patient.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ImpactabilityExplanationType>>>, IReadOnlyList<ImpactabilityExplanation>?>("impactability")
            .Description("The impactability signals that hold for the patient at the store's reference date, each with its code and its words; empty when none does. The rules and their parameters are in the README (\"Impactability\").")
            .Resolve()
            .WithService<ImpactabilityByPatientLoader>()
            .ResolveAsync((context, loader) => loader.LoadAsync(context.Source.Id));
}
