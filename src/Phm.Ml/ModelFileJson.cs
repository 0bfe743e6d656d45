using System.Text.Encodings.Web;
using System.Text.Json;

namespace Phm.Ml;

/// <summary>
/// The JSON of the files beside a model in <c>ml-models/</c> (<c>features.json</c>, <c>metrics.json</c>,
/// <c>training.json</c>): camelCase, indented by two, "\n" line ends, so they diff well in the repository; read by people
/// as well as code, so "A&amp;E" and "patient's" stay as written (the files are never embedded in HTML).
/// </summary>
internal static class ModelFileJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };
}
