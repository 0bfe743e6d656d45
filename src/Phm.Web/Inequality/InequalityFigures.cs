using Phm.Web.Shared;

namespace Phm.Web.Inequality;

/// <summary>The <c>InequalityView</c> operation's data.</summary>
public sealed record InequalityViewData(InequalityFigures Inequality);

/// <summary>A measure by deprivation quintile, as the hub's <c>inequality</c> field returns it.</summary>
public sealed record InequalityFigures(
    string Measure,
    int Per,
    string RateKind,
    string Quintiles,
    string? Pcn,
    IReadOnlyList<QuintileFigures> Groups,
    QuintileFigures Overall,
    GradientFigures Crude,
    GradientFigures Standardised)
{
    /// <summary>What the rates are per, in words: "%" for a proportion, "per 1,000" for a rate.</summary>
    public string Unit => Per == 100 ? "%" : $"per {Per:N0}";

    public GradientFigures Gradient(RateChoice rate) => rate == RateChoice.Standardised ? Standardised : Crude;
}

/// <summary>One quintile (or all five): counts under disclosure control, with why one is missing, and the rates.</summary>
public sealed record QuintileFigures(
    int? Quintile,
    int? Numerator,
    string? NumeratorSuppression,
    int? Denominator,
    string? DenominatorSuppression,
    Estimate? CrudeRate,
    Estimate? StandardisedRate)
{
    public Estimate? Rate(RateChoice rate) => rate == RateChoice.Standardised ? StandardisedRate : CrudeRate;

    /// <summary>Whether disclosure control withheld a count the rate needs: the rate is then shown as suppressed, not as zero.</summary>
    public bool IsSuppressed => NumeratorSuppression is not null || DenominatorSuppression is not null;

    /// <summary>Why the rate is missing, in words; null when there is one.</summary>
    public string? MissingRate(RateChoice rate) =>
        Rate(rate) is not null ? null
        : IsSuppressed ? Display.Suppressed(NumeratorSuppression ?? DenominatorSuppression)
        : rate == RateChoice.Standardised ? "not computed (fewer than 10 events)"
        : "not available";
}

public sealed record GradientFigures(double? RateRatio, double? AbsoluteGap, Estimate? SlopeIndex, Estimate? RelativeIndex);

/// <summary>A statistic with its 95% confidence interval.</summary>
public sealed record Estimate(double Value, double Lower, double Upper);

/// <summary>Which of the hub's rates a view shows.</summary>
public enum RateChoice
{
    Crude,
    Standardised,
}
