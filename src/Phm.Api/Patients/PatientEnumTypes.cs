using GraphQL.Types;
using Phm.Data.Patients;

namespace Phm.Api.Patients;

public sealed class SexType : EnumerationGraphType<Sex>
{
    public SexType()
    {
        Name = "Sex";
        Description = "Sex as recorded at the practice.";
    }
}

public sealed class EthnicGroupType : EnumerationGraphType<EthnicGroup>
{
    public EthnicGroupType()
    {
        Name = "EthnicGroup";
        Description = "ONS 2011 census ethnic group (the five high-level groups), or not stated.";
    }
}

public sealed class ConditionRegisterType : EnumerationGraphType<ConditionRegister>
{
    public ConditionRegisterType()
    {
        Name = "ConditionRegister";
        Description = "A long-term condition register: broadly those of the Quality and Outcomes Framework, plus persistent pain and frailty.";
    }
}

public sealed class ConditionKindType : EnumerationGraphType<ConditionKind>
{
    public ConditionKindType()
    {
        Name = "ConditionKind";
        Description = "What a register entry records: a diagnosis, or the condition recorded resolved (which ends the diagnoses before it).";
    }
}

public sealed class ActivityKindType : EnumerationGraphType<ActivityKind>
{
    public ActivityKindType()
    {
        Name = "ActivityKind";
        Description = "The service a contact was with: GP, NHS 111, ambulance, A&E, hospital admission or outpatients, community or social care.";
    }
}

public sealed class CareFlagKindType : EnumerationGraphType<CareFlagKind>
{
    public CareFlagKindType()
    {
        Name = "CareFlagKind";
        Description = "A care-planning fact: on the end-of-life register, has a care plan, is a carer, is housebound.";
    }
}

/// <summary>The order of a page of patients.</summary>
public enum PatientOrder
{
    /// <summary>By id (pseudonym).</summary>
    Id,

    /// <summary>Highest risk first, by the rank of the model named in the risk filter.</summary>
    RiskDesc,
}

public sealed class PatientOrderType : EnumerationGraphType<PatientOrder>
{
    public PatientOrderType()
    {
        Name = "PatientOrder";
        Description = "The order of a page of patients: ID (by pseudonym), or RISK_DESC (highest risk first by the model of filter.risk; its ranks are unique, so pages never overlap).";
    }
}
