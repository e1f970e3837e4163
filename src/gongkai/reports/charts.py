"""Small server-side SVG charts: no scripts, a text alternative always beside them."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def bar_chart(
    points: list[tuple[str, float]], *, title: str, unit: str = "", width: int = 640, height: int = 220
) -> SafeString:
    """Return an accessible vertical bar chart of (label, value) POINTS."""
    top = max((v for _l, v in points), default=0) or 1
    left, bottom, gap = 36, 28, 6
    inner_w, inner_h = width - left - 8, height - bottom - 16
    bar_w = max((inner_w - gap * len(points)) / max(len(points), 1), 4)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" class="chart">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{left}" y1="{16 + inner_h}" x2="{width - 8}" y2="{16 + inner_h}" stroke="#666"/>',
        f'<text x="{left - 4}" y="20" text-anchor="end" font-size="11" fill="#333">{_fmt(top)}</text>',
    ]
    for i, (label, value) in enumerate(points):
        h = inner_h * value / top
        x = left + gap / 2 + i * (bar_w + gap)
        y = 16 + inner_h - h
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="#0b4f9c"><title>{escape(label)}：{_fmt(value)}{escape(unit)}</title></rect>'
        )
        if value:
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle" font-size="10" fill="#1a1a1a">{_fmt(value)}</text>'
            )
        parts.append(
            f'<text x="{x + bar_w / 2:.1f}" y="{height - 10}" text-anchor="middle" font-size="10" fill="#333">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  numbers and escape()d labels only


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def hbar_chart(
    points: list[tuple[str, float]],
    *,
    title: str,
    unit: str = "",
    maximum: float | None = None,
    width: int = 640,
    label_width: int = 150,
    mark: tuple[float, str] | None = None,
) -> SafeString:
    """Return an accessible horizontal bar chart (for many labelled rows, e.g. units); MARK (value,
    label) draws a line across every row at that value, e.g. a target at 100%."""
    top = maximum or max((v for _l, v in points), default=0) or 1
    row, label_w = 22, label_width
    height = row * len(points) + 8 + (14 if mark else 0)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" class="chart">',
        f"<title>{escape(title)}</title>",
    ]
    if mark:
        x = label_w + (width - label_w - 60) * mark[0] / top
        parts.append(
            f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height - 14}" stroke="#1a1a1a" stroke-dasharray="3 2"/>'
        )
        parts.append(
            f'<text x="{x:.1f}" y="{height - 2}" text-anchor="middle" font-size="11" fill="#333">{escape(mark[1])}</text>'
        )
    for i, (label, value) in enumerate(points):
        y = 4 + i * row
        w = (width - label_w - 60) * value / top
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end" font-size="12" fill="#333">{escape(label)}</text>'
        )
        parts.append(
            f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row - 8}" fill="#0b4f9c"><title>{escape(label)}：{_fmt(value)}{escape(unit)}</title></rect>'
        )
        parts.append(
            f'<text x="{label_w + w + 4:.1f}" y="{y + 15}" font-size="11" fill="#1a1a1a">{_fmt(value)}{escape(unit)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  numbers and escape()d labels only


def progress_bar(percent: float, *, title: str, width: int = 240, height: int = 18) -> SafeString:
    """Return a bar filled to PERCENT of a target, with a mark at the target (100%): past the mark
    is beyond it. The figure beside it is the text alternative; the title names both."""
    scale = max(150.0, float(percent))  # room to show an overshoot up to half again
    done = min(float(percent), scale) / scale * width
    mark = 100 / scale * width
    colour = "#1a7f37" if percent >= 100 else "#b45309"
    return mark_safe(  # noqa: S308  numbers and escape()d labels only
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" class="progress">'
        f"<title>{escape(title)}</title>"
        f'<rect x="0" y="3" width="{width}" height="{height - 6}" fill="#e5e7eb"/>'
        f'<rect x="0" y="3" width="{done:.1f}" height="{height - 6}" fill="{colour}"/>'
        f'<line x1="{mark:.1f}" y1="0" x2="{mark:.1f}" y2="{height}" stroke="#1a1a1a" stroke-width="2"/>'
        "</svg>"
    )


def line_chart(
    points: list[tuple[str, float | None]],
    *,
    title: str,
    unit: str = "",
    ticks: list[tuple[int, str]] | None = None,
    guides: list[tuple[float, str]] | None = None,
    width: int = 640,
    height: int = 220,
) -> SafeString:
    """Return an accessible line chart of many (label, value) POINTS (a year of days); a None value
    breaks the line. TICKS (index, label) label the x axis; GUIDES (value, label) draw dashed
    horizontal lines, e.g. the limits between categories. The table beside it is the text alternative."""
    values = [v for _l, v in points if v is not None]
    top = max([*values, *(g for g, _t in guides or ())], default=0) or 1
    left, right, bottom, head = 30, 8, 24, 10
    inner_w, inner_h = width - left - right, height - bottom - head
    step = inner_w / max(len(points) - 1, 1)

    def xy(i: int, value: float) -> str:
        return f"{left + i * step:.1f},{head + inner_h - inner_h * value / top:.1f}"

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" class="chart">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{left}" y1="{head + inner_h}" x2="{width - right}" y2="{head + inner_h}" stroke="#666"/>',
    ]
    if not guides:  # the guides label the scale; without them the top value does
        parts.append(
            f'<text x="{left - 4}" y="{head + 4}" text-anchor="end" font-size="11" fill="#333">{_fmt(top)}</text>'
        )
    for value, label in guides or ():
        y = head + inner_h - inner_h * value / top
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#767676" stroke-dasharray="3 3"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" font-size="10" fill="#333">{escape(label)}</text>'
        )
    for i, label in ticks or ():
        parts.append(
            f'<text x="{left + i * step:.1f}" y="{height - 8}" text-anchor="middle" font-size="10" fill="#333">{escape(label)}</text>'
        )
    run: list[str] = []
    for i, (_label, value) in enumerate([*points, ("", None)]):
        if value is None:
            if len(run) > 1:
                parts.append(
                    f'<polyline points="{" ".join(run)}" fill="none" stroke="#0b4f9c" stroke-width="1.5"/>'
                )
            elif run:
                x, y = run[0].split(",")
                parts.append(f'<circle cx="{x}" cy="{y}" r="2" fill="#0b4f9c"/>')
            run = []
        else:
            run.append(xy(i, value))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  numbers and escape()d labels only
