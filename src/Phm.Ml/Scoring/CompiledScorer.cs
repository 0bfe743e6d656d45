using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.LightGbm;
using Phm.Ml.Features;

namespace Phm.Ml.Scoring;

/// <summary>
/// A loaded ML.NET model compiled, once, into plain arrays over the schema's slots, so a whole population scores without
/// ML.NET's per-row machinery (a cursor, getters and buffers per row cost far more than the model itself): Platt's
/// calibration of a raw score, and the raw score and its per-feature contributions computed as ML.NET computes them.
/// <list type="bullet">
/// <item>Trees (LightGBM): the ensemble's own trees, walked; a split's contribution is, as in ML.NET's feature
/// contribution calculation, the reached leaf's value minus the value of the leaf the other branch leads to.</item>
/// <item>Linear (logistic regression behind scaling and one-hot encoding): the score is linear in each slot, so the
/// pipeline is probed, one slot at a time, for a weight per numeric slot and a weight per category code.</item>
/// </list>
/// Either way the compiled scorer is checked against ML.NET's own transform on probe rows when it is built.
/// The per-row methods are optimised at their first call (<see cref="MethodImplOptions.AggressiveOptimization"/>): the hub
/// scores a population once, at start, where tiered compilation would run most of it through unoptimised code.
/// </summary>
internal abstract class CompiledScorer(double slope, double offset)
{
    /// <summary>
    /// Compiled probabilities may differ from ML.NET's by rounding (it sums in single precision), no more. The probe rows
    /// put every numeric slot up to 99, far beyond a patient's values, where a linear model's single-precision sum of
    /// some 80 terms of tens drifts by about 1e-5 (on generated populations the two agree to 1e-5: a test checks it).
    /// </summary>
    private const double Tolerance = 1e-4;

    /// <summary>Rows per task when scoring in parallel.</summary>
    public const int BatchSize = 8192;

    public double Probability(double score) => 1 / (1 + Math.Exp(slope * score + offset));

    /// <summary>Every row's probability, in row order, on every core.</summary>
    public double[] Probabilities(FeatureMatrix features)
    {
        var probabilities = new double[features.Rows.Count];
        Parallel.ForEach(Partitioner.Create(0, probabilities.Length, BatchSize), range => ScoreBatch(features, probabilities, range.Item1, range.Item2));
        return probabilities;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ScoreBatch(FeatureMatrix features, double[] probabilities, int from, int to)
    {
        for (var i = from; i < to; i++)
            probabilities[i] = Probability(Score(features.Rows[i].Features));
    }

    public abstract double Score(ReadOnlySpan<float> features);

    /// <summary>The slots the score depends on, ascending: every other slot's contribution is always 0.</summary>
    public abstract int[] UsedSlots { get; }

    /// <summary>Adds each slot's contribution to the raw score into <paramref name="bySlot"/> (one per schema slot) and returns the score.</summary>
    public abstract double ScoreWithContributions(ReadOnlySpan<float> features, double[] bySlot);

    public static CompiledScorer Compile(MLContext ml, ITransformer model, FeatureSchema schema, string name)
    {
        // A fitted pipeline is a chain of its own type; a loaded one, of ITransformer: either way its last step predicts.
        var predictor = model is IEnumerable<ITransformer> chain ? chain.Last() : model;
        CompiledScorer scorer = predictor switch
        {
            ISingleFeaturePredictionTransformer<CalibratedModelParametersBase<LightGbmBinaryModelParameters, PlattCalibrator>> trees =>
                new TreeScorer(trees.Model.SubModel, trees.Model.Calibrator, schema.Count),
            ISingleFeaturePredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>> linear =>
                LinearScorer.Probe(ml, model, linear.Model.Calibrator, schema),
            _ => throw new InvalidDataException($"The model of {name} is a {predictor.GetType()}, which this code does not score."),
        };
        scorer.CheckAgainst(ml, model, schema, name);
        return scorer;
    }

    private void CheckAgainst(MLContext ml, ITransformer model, FeatureSchema schema, string name)
    {
        var rows = ProbeRows(schema).ToList();
        var random = new Random(17);
        for (var i = 0; i < 16; i++)
        {
            rows.Add([.. schema.Features.Select(f => f.Kind switch
            {
                FeatureKind.Categorical => f.Categories![random.Next(f.Categories.Count)].Code,
                FeatureKind.Binary => random.Next(2),
                _ => (float)random.Next(0, 100),
            })]);
        }
        var matrix = new FeatureMatrix(schema, default, [.. rows.Select((features, id) => new FeatureRow(id, features))]);
        var expected = model.Transform(ModelInput.ToDataView(ml, matrix)).GetColumn<float>(ModelOutput.Probability).ToArray();
        for (var i = 0; i < rows.Count; i++)
        {
            var compiled = Probability(Score(rows[i]));
            if (Math.Abs(compiled - expected[i]) > Tolerance)
                throw new InvalidDataException($"The compiled scorer of {name} gives {compiled} where ML.NET gives {expected[i]} (probe row {i}).");
        }
    }

    /// <summary>Numeric and binary slots 0, categorical slots a code no model has seen (ML.NET one-hot encodes it as all zeros).</summary>
    protected static float[] BaseRow(FeatureSchema schema) => [.. schema.Features.Select(f => f.Kind == FeatureKind.Categorical ? -1f : 0f)];

    /// <summary>
    /// The value a numeric or binary slot is probed at. ML.NET's score is single precision, so a weight read as the score's
    /// change over a step of 1 is off by the score's rounding (about 1e-7 of the bias), which a patient's value multiplies
    /// (730 days since the last emergency admission: 1e-4 on the logit); over a step of 1,024 (exact in single precision)
    /// that rounding is divided by 1,024.
    /// </summary>
    private const float NumericProbe = 1024;

    /// <summary>The base row, then each numeric slot at <see cref="NumericProbe"/>, then each code of each categorical slot: what the linear probe reads.</summary>
    protected static IEnumerable<float[]> ProbeRows(FeatureSchema schema)
    {
        var baseRow = BaseRow(schema);
        yield return baseRow;
        for (var slot = 0; slot < schema.Count; slot++)
        {
            var feature = schema.Features[slot];
            foreach (var value in feature.Kind == FeatureKind.Categorical ? feature.Categories!.Select(c => (float)c.Code) : [NumericProbe])
            {
                var row = (float[])baseRow.Clone();
                row[slot] = value;
                yield return row;
            }
        }
    }

    /// <summary>
    /// A tree ensemble as one array of split nodes (children by absolute index; a child below 0 is the leaf ~child of one
    /// array of leaf values), each tree's root the same way, so a walk touches one small struct per level.
    /// </summary>
    private sealed class TreeScorer : CompiledScorer
    {
        private readonly Split[] _splits;
        private readonly int[] _roots;
        private readonly double[] _leaves, _weights;
        private readonly double _bias;

        public TreeScorer(LightGbmBinaryModelParameters model, PlattCalibrator calibrator, int slots)
            : base(calibrator.Slope, calibrator.Offset)
        {
            _slots = slots;
            var ensemble = model.TrainedTreeEnsemble;
            var trees = ensemble.Trees;
            if (trees.Any(t => t.CategoricalSplitFlags.Any(c => c)))
                throw new InvalidDataException("A tree splits on a category set, which this code does not score.");
            if (trees.Any(t => t.NumericalSplitFeatureIndexes.Any(f => f >= slots)))
                throw new InvalidDataException("A tree splits on a slot beyond the features.");
            var splits = new List<Split>();
            var leaves = new List<double>();
            _roots = new int[trees.Count];
            for (var t = 0; t < trees.Count; t++)
            {
                var tree = trees[t];
                int firstSplit = splits.Count, firstLeaf = leaves.Count;
                int Absolute(int child) => child >= 0 ? firstSplit + child : ~(firstLeaf + ~child);
                // A stump (no split) is its one leaf.
                _roots[t] = tree.NumberOfNodes == 0 ? ~firstLeaf : firstSplit;
                for (var n = 0; n < tree.NumberOfNodes; n++)
                    splits.Add(new Split(tree.NumericalSplitFeatureIndexes[n], tree.NumericalSplitThresholds[n], Absolute(tree.LeftChild[n]), Absolute(tree.RightChild[n])));
                leaves.AddRange(tree.LeafValues);
            }
            _splits = [.. splits];
            _leaves = [.. leaves];
            _weights = [.. ensemble.TreeWeights];
            _bias = ensemble.Bias;
            UsedSlots = [.. splits.Select(split => split.Feature).Distinct().Order()];
            _deepest = _roots.Select(root => Depth(root)).DefaultIfEmpty(0).Max();
        }

        public override int[] UsedSlots { get; }

        /// <summary>The schema's slots: every split's feature is one of them.</summary>
        private readonly int _slots;

        /// <summary>Splits on the longest path from a root to a leaf.</summary>
        private readonly int _deepest;

        private int Depth(int node) => node < 0 ? 0 : 1 + Math.Max(Depth(_splits[node].Left), Depth(_splits[node].Right));

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override double Score(ReadOnlySpan<float> features)
        {
            RequireSlots(features.Length, "features");
            ref var splits = ref MemoryMarshal.GetArrayDataReference(_splits);
            ref var values = ref MemoryMarshal.GetReference(features);
            var score = _bias;
            for (var t = 0; t < _roots.Length; t++)
                score += _weights[t] * _leaves[~LeafFrom(ref splits, ref values, _roots[t])];
            return score;
        }

        /// <summary>
        /// One walk down each tree, remembering each split's feature and the branch not taken; then each split is credited
        /// with the reached leaf's value minus that of the leaf its other branch leads to, in path order, as before. The walks
        /// read the arrays by reference without bounds checks (every split's feature is a slot of the schema, checked when the
        /// scorer is made, and so is the row's length here): they are the hub's largest cost in scoring a population.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override double ScoreWithContributions(ReadOnlySpan<float> features, double[] bySlot)
        {
            RequireSlots(features.Length, "features");
            RequireSlots(bySlot.Length, "contributions");
            ref var splits = ref MemoryMarshal.GetArrayDataReference(_splits);
            ref var leaves = ref MemoryMarshal.GetArrayDataReference(_leaves);
            ref var values = ref MemoryMarshal.GetReference(features);
            ref var credits = ref MemoryMarshal.GetArrayDataReference(bySlot);
            Span<int> splitFeatures = stackalloc int[_deepest];
            Span<int> notTaken = stackalloc int[_deepest];
            var score = _bias;
            for (var t = 0; t < _roots.Length; t++)
            {
                var depth = 0;
                var node = _roots[t];
                while (node >= 0)
                {
                    ref readonly var split = ref Unsafe.Add(ref splits, node);
                    var goesLeft = Unsafe.Add(ref values, split.Feature) <= split.Threshold;
                    splitFeatures[depth] = split.Feature;
                    notTaken[depth++] = goesLeft ? split.Right : split.Left;
                    node = goesLeft ? split.Left : split.Right;
                }
                var weight = _weights[t];
                var leafValue = Unsafe.Add(ref leaves, ~node);
                score += weight * leafValue;
                for (var d = 0; d < depth; d++)
                    Unsafe.Add(ref credits, splitFeatures[d]) += weight * (leafValue - Unsafe.Add(ref leaves, ~LeafFrom(ref splits, ref values, notTaken[d])));
            }
            return score;
        }

        /// <summary>
        /// The leaf (as ~index) reached from <paramref name="node"/>, which may already be a leaf, reading the splits and the row
        /// (<paramref name="values"/>) by reference: the row's length is checked by the caller (<see cref="RequireSlots"/>).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static int LeafFrom(ref Split splits, ref float values, int node)
        {
            while (node >= 0)
            {
                ref readonly var split = ref Unsafe.Add(ref splits, node);
                node = Unsafe.Add(ref values, split.Feature) <= split.Threshold ? split.Left : split.Right;
            }
            return node;
        }

        /// <summary>Every split's feature is a slot of the schema (checked when the scorer is made): a row must have them all.</summary>
        private void RequireSlots(int length, string what)
        {
            if (length < _slots)
                throw new ArgumentException($"A row has {length} {what} where the model reads {_slots}.");
        }

        private readonly record struct Split(int Feature, float Threshold, int Left, int Right);
    }

    /// <summary>A score linear in each slot: a bias, a weight per numeric slot, and a weight per code of each categorical slot (0 for a code never seen).</summary>
    private sealed class LinearScorer(double slope, double offset, double bias, double[] weights, Dictionary<float, double>[] codeWeights)
        : CompiledScorer(slope, offset)
    {
        public static LinearScorer Probe(MLContext ml, ITransformer model, PlattCalibrator calibrator, FeatureSchema schema)
        {
            var rows = ProbeRows(schema).ToList();
            var matrix = new FeatureMatrix(schema, default, [.. rows.Select((features, id) => new FeatureRow(id, features))]);
            var scores = model.Transform(ModelInput.ToDataView(ml, matrix)).GetColumn<float>("Score").ToArray();
            var bias = (double)scores[0];
            var weights = new double[schema.Count];
            var codeWeights = new Dictionary<float, double>[schema.Count];
            var row = 1;
            for (var slot = 0; slot < schema.Count; slot++)
            {
                var feature = schema.Features[slot];
                if (feature.Kind != FeatureKind.Categorical)
                {
                    weights[slot] = (scores[row++] - bias) / NumericProbe;
                    continue;
                }
                codeWeights[slot] = [];
                foreach (var category in feature.Categories!)
                    codeWeights[slot][category.Code] = scores[row++] - bias;
            }
            return new LinearScorer(calibrator.Slope, calibrator.Offset, bias, weights, codeWeights);
        }

        public override int[] UsedSlots { get; } = [.. Enumerable.Range(0, weights.Length)];

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override double Score(ReadOnlySpan<float> features)
        {
            var score = bias;
            for (var slot = 0; slot < features.Length; slot++)
                score += Contribution(slot, features[slot]);
            return score;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override double ScoreWithContributions(ReadOnlySpan<float> features, double[] bySlot)
        {
            var score = bias;
            for (var slot = 0; slot < features.Length; slot++)
            {
                var contribution = Contribution(slot, features[slot]);
                bySlot[slot] += contribution;
                score += contribution;
            }
            return score;
        }

        private double Contribution(int slot, float value) =>
            codeWeights[slot] is { } codes ? codes.GetValueOrDefault(value) : weights[slot] * value;
    }
}
