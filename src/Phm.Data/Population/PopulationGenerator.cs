using Phm.Data.Store;

namespace Phm.Data.Population;

public static class PopulationGenerator
{
    public static IEnumerable<Patients.Patient> Generate(ReferenceData reference, PopulationSettings settings) =>
        throw new NotImplementedException("being written");
}
