namespace Phm.Data.Population;

/// <summary>Finds the intercept that makes a logistic model's mean probability equal a target, by bisection.</summary>
internal static class LogisticCalibrator
{
    public static double Intercept(IReadOnlyList<double> linearPredictors, double targetMean)
    {
        if (linearPredictors.Count == 0)
            return 0;
        double low = -30, high = 30;
        for (var i = 0; i < 60; i++)
        {
            var mid = (low + high) / 2;
            var mean = linearPredictors.Average(x => Sigmoid(mid + x));
            if (mean < targetMean)
                low = mid;
            else
                high = mid;
        }

        return (low + high) / 2;
    }

    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    public static double Logit(double p) => Math.Log(p / (1 - p));
}
