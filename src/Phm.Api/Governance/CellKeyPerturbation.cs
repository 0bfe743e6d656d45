namespace Phm.Api.Governance;

/// <summary>
/// The perturbation table of the cell-key method (ONS, 2021 Census): a fixed table indexed by a cell's count and its cell key
/// (0 to 255) giving the noise added to the count. For every count the 256 keys give −2, −1, 0, +1, +2 in 26, 51, 102, 51
/// and 26 places (about 10%, 20%, 40%, 20%, 10%; mean 0, variance 1.2), so a cell's shown count is unbiased, the same
/// members always get the same noise, and two cells that differ by one patient, whose keys differ by that patient's unknown
/// record key, get unrelated noise.
/// </summary>
public static class CellKeyPerturbation
{
    /// <summary>Where each noise value's run of keys ends, out of 256.</summary>
    private static readonly (int End, int Noise)[] Runs = [(26, -2), (77, -1), (179, 0), (230, 1), (256, 2)];

    /// <summary>
    /// The noise for a count with a cell key: the key is mapped to a place in the runs by a bijection that shifts with the count
    /// (place = 167·key + 89·count modulo 256; 167 is odd, so every count uses all 256 places once).
    /// </summary>
    public static int Of(int count, int cellKey)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cellKey);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(cellKey, Disclosure.RecordKeys);
        var place = (int)((167L * cellKey + 89L * count) % Disclosure.RecordKeys);
        return Runs.First(r => place < r.End).Noise;
    }
}
