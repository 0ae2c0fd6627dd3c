"""Template helpers for member institutions, usable by every app's templates."""

from django import template
from django.template.loader import render_to_string
from django.utils.html import escape, format_html
from django.utils.translation import get_language

from core.caching import cached_for_content
from core.i18n import translated_value

register = template.Library()


@register.simple_tag
def institution_name(institution) -> str:
    """The institution's name in the page's language, else its English name.

    An English name on a Khmer page is marked ``lang="en"`` but carries no "English"
    label: it is a proper name, not a missing translation of a text.
    """
    if institution is None:
        return ""
    value, code = translated_value(institution, "name")
    if code and code != get_language():
        return format_html('<span lang="{}">{}</span>', code, value)
    return escape(value)


# The charts of key figures over time: a few lines of SVG drawn here, on the server (see
# README, "Charts"). Sizes in the SVG's own units; CSS scales it to the column.
CHART_WIDTH, CHART_HEIGHT = 360, 150
CHART_PAD = {"left": 12, "right": 12, "top": 26, "bottom": 30}


def chart_points(values) -> list[dict]:
    """Each dated value with its place in the chart (x, y), earliest first."""
    values = sorted(values, key=lambda v: v.as_of)
    if not values:
        return []
    left, right = CHART_PAD["left"], CHART_WIDTH - CHART_PAD["right"]
    top, bottom = CHART_PAD["top"], CHART_HEIGHT - CHART_PAD["bottom"]
    first, last = values[0].as_of.toordinal(), values[-1].as_of.toordinal()
    span = max(last - first, 1)
    highest = max(v.value for v in values) or 1
    points = []
    for v in values:
        x = left + (right - left) * (v.as_of.toordinal() - first) / span if last > first else right
        y = bottom - (bottom - top) * v.value / highest
        points.append(
            {
                "value": v.value,
                "as_of": v.as_of,
                "note": v.note,
                "x": round(x, 1),
                "y": round(y, 1),
            }
        )
    return points


@register.simple_tag(takes_context=True)
def figure_chart(context, figure, heading=""):
    """A small line chart of the figure's values over time, with its numbers as a table.

    Needs ``figure.values`` prefetched. Nothing is drawn for fewer than two values.
    The drawing depends only on the figure's values and the language: it is kept until
    content changes (``core.caching``) rather than drawn at every page.
    """
    return cached_for_content(
        f"fragment:chart:{figure.pk}:{heading}",
        lambda: render_to_string(
            "members/includes/figure_chart.html",
            chart_context(figure, heading, context.get("LANGUAGE_CODE")),
        ),
        shared=False,
    )


def chart_context(figure, heading: str, language_code) -> dict:
    points = chart_points(figure.values.all())
    line = " ".join(f"{p['x']},{p['y']}" for p in points)
    return {
        "figure": figure,
        "points": points,
        "line": line,
        "area": (
            f"{points[0]['x']},{CHART_HEIGHT - CHART_PAD['bottom']} {line} "
            f"{points[-1]['x']},{CHART_HEIGHT - CHART_PAD['bottom']}"
            if points
            else ""
        ),
        "first": points[0] if points else None,
        "last": points[-1] if points else None,
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "baseline": CHART_HEIGHT - CHART_PAD["bottom"],
        "axis_right": CHART_WIDTH - CHART_PAD["right"],
        "label_y": CHART_HEIGHT - 8,
        "value_y": round(points[-1]["y"] - 9, 1) if points else 0,
        "label": translated_value(figure, "label")[0],
        "heading": heading,
        "LANGUAGE_CODE": language_code,
    }
