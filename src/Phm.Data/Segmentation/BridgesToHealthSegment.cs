namespace Phm.Data.Segmentation;

/// <summary>
/// The NHS England Bridges to Health segments (Lynn et al., Milbank Q 2007;85:185, as adapted by the NHS England
/// segmentation dataset), with chronic conditions split by complexity. Every living patient is in exactly one, assigned by
/// <see cref="SegmentRules"/>; the values are in the order the segments are usually listed, not their precedence.
/// </summary>
public enum BridgesToHealthSegment
{
    /// <summary>None of the others: generally well.</summary>
    Healthy = 1,

    /// <summary>Infants under 1. Pregnancy and maternity are not in the store, so mothers cannot be placed here.</summary>
    MaternalAndInfantHealth = 2,

    /// <summary>An emergency admission or A&amp;E attendance in the last 12 months, and no long-term condition.</summary>
    AcutelyIll = 3,

    /// <summary>One or two long-term condition registers.</summary>
    ChronicConditionsLowComplexity = 4,

    /// <summary>Three or more registers, or organ failure with serious exacerbations.</summary>
    ChronicConditionsHighComplexity = 5,

    /// <summary>On the learning disability or serious mental illness register.</summary>
    Disability = 6,

    /// <summary>On the dementia or frailty register.</summary>
    FrailtyAndDementia = 7,

    /// <summary>On the end-of-life register, or on the cancer register with serious exacerbations (the proxy of incurable cancer).</summary>
    IncurableCancerAndEndOfLife = 8,
}
