using Phm.Data.Ingest;
using Phm.Data.Patients;
using Phm.Data.Population;

namespace Phm.Data.Tests.Ingest;

public sealed class TheRegisterCodeList
{
    private static readonly RegisterCodeList Codes = RegisterCodeList.Load(TestReference.Directory);

    [Fact]
    public void EveryCodeTheGeneratorUses_IsListed_UnderItsRegister()
    {
        Assert.All(RegisterModel.Registers, spec =>
        {
            Assert.True(Codes.TryFind(spec.SnomedCode, out var register), $"{spec.SnomedCode} ({spec.Register}) is not in {RegisterCodeList.Version}");
            Assert.Equal(spec.Register, register);
        });
    }

    [Fact]
    public void EveryRegister_HasAtLeastOneCode() =>
        Assert.Equal(Enum.GetValues<ConditionRegister>().Order(), Codes.Codes.Values.Distinct().Order());
}
