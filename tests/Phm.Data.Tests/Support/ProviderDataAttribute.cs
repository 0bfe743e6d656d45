using System.Reflection;
using Phm.Data.Store;
using Xunit.Sdk;

namespace Phm.Data.Tests.Support;

/// <summary>
/// Runs a <c>[SkippableTheory]</c> once per database provider, each case labelled with its provider. A provider whose
/// server is not configured is skipped with the reason (see <see cref="TestDatabase"/>), never quietly passed.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ProviderDataAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) =>
        Enum.GetValues<DatabaseProvider>().Select(provider => new object[] { provider });
}
