namespace Phm.Ml.Evaluation;

/// <summary>Newton-Raphson fits of logit(P(y)) = a + b·logit(p) (<see cref="BinaryMetrics.Calibration"/>).</summary>
internal static class LogisticRecalibration
{
    private const int MaxIterations = 100;
    private const double Tolerance = 1e-10;

    public static CalibrationFit Fit(double[] probabilities, bool[] outcomes)
    {
        var logits = new double[probabilities.Length];
        for (var i = 0; i < logits.Length; i++)
        {
            var p = Math.Clamp(probabilities[i], BinaryMetrics.LogitClamp, 1 - BinaryMetrics.LogitClamp);
            logits[i] = Math.Log(p / (1 - p));
        }
        if (logits.All(x => x == logits[0]))
            throw new ArgumentException("Every prediction is the same (after clamping): a calibration slope needs predictions that vary.", nameof(probabilities));

        var (intercept, slope) = Newton(logits, outcomes, fitSlope: true);
        var (inTheLarge, _) = Newton(logits, outcomes, fitSlope: false);
        return new CalibrationFit(slope, intercept, inTheLarge);
    }

    /// <summary>
    /// Maximum likelihood (a, b), or a alone with b = 1, from perfect calibration (a = 0, b = 1). A step that lowers the
    /// likelihood is halved until it does not: over-confident predictions start far from the optimum, where a full
    /// Newton step overshoots.
    /// </summary>
    private static (double A, double B) Newton(double[] logits, bool[] outcomes, bool fitSlope)
    {
        double a = 0, b = 1;
        var logLikelihood = LogLikelihood(logits, outcomes, a, b);
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            double ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
            for (var i = 0; i < logits.Length; i++)
            {
                var x = logits[i];
                var mu = 1 / (1 + Math.Exp(-(a + b * x)));
                var residual = (outcomes[i] ? 1 : 0) - mu;
                var w = mu * (1 - mu);
                ga += residual;
                gb += residual * x;
                haa += w;
                hab += w * x;
                hbb += w * x * x;
            }

            double stepA, stepB;
            if (fitSlope)
            {
                var determinant = haa * hbb - hab * hab;
                if (!(determinant > 0)) throw NotConverged();
                (stepA, stepB) = ((hbb * ga - hab * gb) / determinant, (haa * gb - hab * ga) / determinant);
            }
            else
            {
                if (!(haa > 0)) throw NotConverged();
                (stepA, stepB) = (ga / haa, 0);
            }

            for (var halvings = 0; ; halvings++)
            {
                var next = LogLikelihood(logits, outcomes, a + stepA, b + stepB);
                if (next >= logLikelihood - 1e-12 * Math.Abs(logLikelihood) || halvings == 50)
                {
                    logLikelihood = next;
                    break;
                }
                stepA /= 2;
                stepB /= 2;
            }
            a += stepA;
            b += stepB;
            if (Math.Abs(stepA) < Tolerance && Math.Abs(stepB) < Tolerance) return (a, b);
        }
        throw NotConverged();
    }

    private static double LogLikelihood(double[] logits, bool[] outcomes, double a, double b)
    {
        double sum = 0;
        for (var i = 0; i < logits.Length; i++)
        {
            var eta = a + b * logits[i];
            // log(1 + e^eta) without overflow.
            var softplus = eta > 0 ? eta + Math.Log(1 + Math.Exp(-eta)) : Math.Log(1 + Math.Exp(eta));
            sum += (outcomes[i] ? eta : 0) - softplus;
        }
        return sum;
    }

    private static InvalidOperationException NotConverged() =>
        new($"The calibration fit did not converge in {MaxIterations} Newton-Raphson steps: the predictions separate the outcomes (too few events?).");
}
