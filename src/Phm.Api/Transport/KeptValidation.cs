using GraphQL.Validation;

namespace Phm.Api.Transport;

/// <summary>
/// One request's part in keeping a validation pass (<see cref="ValidatedDocumentCache"/>): the outcome of the request whose pass it
/// takes, handed out by <see cref="KeptValidationValidator"/> instead of validating, or, for a request whose pass is to be kept, the
/// outcome its validation gave. An outcome is the validation's result: no errors, and the variables' and arguments' values it parsed.
/// </summary>
internal sealed class KeptValidation
{
    /// <summary>The outcome to hand out instead of validating this request.</summary>
    public IValidationResult? Taken { get; set; }

    /// <summary>Whether this request's outcome is to be kept (<see cref="Given"/>).</summary>
    public bool Keeping { get; set; }

    /// <summary>This request's outcome, when <see cref="Keeping"/>.</summary>
    public IValidationResult? Given { get; set; }
}

/// <summary>
/// GraphQL.NET's validator, but a request that takes a kept pass is given the outcome kept with it (<see cref="KeptValidation.Taken"/>):
/// the same document, variables, caller and store build parse to the same values, so parsing the arguments again (GraphQL.NET's
/// <c>ParseArgumentVisitor</c>, 2.6% of the hub's CPU on a page) is spared. The values are shared between requests and never changed.
/// </summary>
internal sealed class KeptValidationValidator(DocumentValidator validator) : IDocumentValidator
{
    public Task<IValidationResult> ValidateAsync(in ValidationOptions options)
    {
        var kept = options.RequestServices?.GetService<KeptValidation>();
        if (kept?.Taken is { } taken)
            return Task.FromResult(taken);
        var validating = validator.ValidateAsync(options);
        return kept is { Keeping: true } ? KeepAsync(validating, kept) : validating;
    }

    private static async Task<IValidationResult> KeepAsync(Task<IValidationResult> validating, KeptValidation kept) =>
        kept.Given = await validating;
}
