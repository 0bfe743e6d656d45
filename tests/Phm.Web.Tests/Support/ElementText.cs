using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Phm.Web.Tests.Support;

public static partial class ElementText
{
    /// <summary>The element's text as a reader sees it: runs of white space (the markup's indentation) as one space, trimmed.</summary>
    public static string Words(this INode element) => Spaces().Replace(element.TextContent, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
