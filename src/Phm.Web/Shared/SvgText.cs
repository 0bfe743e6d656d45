using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace Phm.Web.Shared;

/// <summary>An SVG &lt;text&gt; element: Razor reads a literal &lt;text&gt; tag as its own, so charts write their labels with this.</summary>
public sealed class SvgText : ComponentBase
{
    [Parameter, EditorRequired]
    public double X { get; set; }

    [Parameter, EditorRequired]
    public double Y { get; set; }

    /// <summary>start, middle or end.</summary>
    [Parameter]
    public string Anchor { get; set; } = "start";

    [Parameter]
    public bool Bold { get; set; }

    [Parameter]
    public bool Italic { get; set; }

    [Parameter, EditorRequired]
    public string Text { get; set; } = string.Empty;

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenElement(0, "text");
        builder.AddAttribute(1, "x", X.ToString("0.#", CultureInfo.InvariantCulture));
        builder.AddAttribute(2, "y", Y.ToString("0.#", CultureInfo.InvariantCulture));
        builder.AddAttribute(3, "text-anchor", Anchor);
        if (Bold)
            builder.AddAttribute(4, "font-weight", "bold");
        if (Italic)
            builder.AddAttribute(5, "font-style", "italic");
        builder.AddContent(6, Text);
        builder.CloseElement();
    }
}
