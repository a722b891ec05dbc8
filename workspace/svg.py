"""A tiny server-rendered SVG chart helper: a line (or step) chart and a horizontal bar chart.

No JavaScript and no CDN; the markup is plain SVG with presentation attributes (no `style=""`, so the
Content-Security-Policy allows it) and classes styled by app.css. Every chart is an image with a
title and a one-sentence description for screen readers (`role="img"`, `aria-labelledby`); pages
show the numbers in a table next to it as well.

Inputs are plain values (labels, Decimals); nothing here reads the database.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

WIDTH = 560
HEIGHT = 220
PAD_LEFT = 64
PAD_RIGHT = 16
PAD_TOP = 28
PAD_BOTTOM = 36

_ids = itertools.count(1)


@dataclass(frozen=True)
class Point:
    label: str  # shown under the x axis (a date, a batch code)
    value: Decimal


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal
    shown: str  # the value as a person reads it ("$1,234.50")


def nice_ceiling(value: Decimal) -> Decimal:
    """The smallest of 1, 2, 2.5, 5 or 10 times a power of ten that is >= value (0 -> 1)."""
    if value <= 0:
        return Decimal(1)
    exponent = value.adjusted()
    for step in (1, 2, Decimal("2.5"), 5, 10):
        candidate = Decimal(step).scaleb(exponent)
        if candidate >= value:
            return candidate
    return Decimal(10).scaleb(exponent)  # pragma: no cover - 10 always covers


def _fmt(value: Decimal) -> str:
    """Axis numbers: thousands separators, at most two decimals, no trailing zeros."""
    rounded = value.quantize(Decimal("0.01")).normalize()
    text = f"{rounded:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _coord(value: float) -> str:
    return f"{value:.1f}"


def _frame(chart_id: str, title: str, description: str, body: str, height: int) -> SafeString:
    return format_html(
        '<svg class="chart" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{id}-t {id}-d" '
        'preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-t">{title}</title><desc id="{id}-d">{desc}</desc>{body}</svg>',
        w=WIDTH,
        h=height,
        id=chart_id,
        title=title,
        desc=description,
        body=mark_safe(body),
    )


def line_chart(
    points: Sequence[Point],
    *,
    title: str,
    description: str,
    unit: str = "",
    step: bool = False,
    max_x_labels: int = 6,
) -> SafeString:
    """A line through `points` (left to right), dots on each point, y from zero to a round maximum.

    `step` draws a staircase (a level that holds until the next change, as stock does). With no
    points the chart says so in place of a line.
    """
    chart_id = f"chart{next(_ids)}"
    plot_w = WIDTH - PAD_LEFT - PAD_RIGHT
    plot_h = HEIGHT - PAD_TOP - PAD_BOTTOM
    top = nice_ceiling(max((p.value for p in points), default=Decimal(0)))
    parts: list[str] = []
    for i in range(5):
        value = top * i / 4
        y = PAD_TOP + plot_h - plot_h * float(value / top)
        parts.append(
            f'<line class="chart-grid" x1="{PAD_LEFT}" x2="{WIDTH - PAD_RIGHT}" '
            f'y1="{_coord(y)}" y2="{_coord(y)}" stroke="#dee2e6"/>'
            f'<text class="chart-axis" x="{PAD_LEFT - 6}" y="{_coord(y + 4)}" '
            f'text-anchor="end" fill="#495057">{escape(_fmt(value))}</text>'
        )
    if unit:  # above the axis, where no number goes
        parts.append(f'<text class="chart-axis" x="4" y="14" fill="#495057">{escape(unit)}</text>')
    if not points:
        parts.append(
            f'<text class="chart-empty" x="{PAD_LEFT + plot_w / 2}" y="{PAD_TOP + plot_h / 2}" '
            f'text-anchor="middle" fill="#495057">No data yet</text>'
        )
        return _frame(chart_id, title, description, "".join(parts), HEIGHT)
    count = len(points)
    gap = plot_w / (count - 1) if count > 1 else 0
    xs = [PAD_LEFT + (gap * i if count > 1 else plot_w / 2) for i in range(count)]
    ys = [PAD_TOP + plot_h - plot_h * float(p.value / top) for p in points]
    path: list[str] = []
    for i, (x, y) in enumerate(zip(xs, ys, strict=True)):
        if i == 0:
            path.append(f"M{_coord(x)} {_coord(y)}")
        elif step:
            path.append(f"H{_coord(x)} V{_coord(y)}")
        else:
            path.append(f"L{_coord(x)} {_coord(y)}")
    parts.append(
        f'<path class="chart-line" d="{" ".join(path)}" fill="none" stroke="#0b5ed7" '
        f'stroke-width="2.5"/>'
    )
    for x, y in zip(xs, ys, strict=True):
        parts.append(f'<circle cx="{_coord(x)}" cy="{_coord(y)}" r="3" fill="#0b5ed7"/>')
    shown = _label_indexes(count, max_x_labels)
    for i in shown:
        anchor = (
            "start" if i == 0 and count > 1 else "end" if i == count - 1 and count > 1 else "middle"
        )
        parts.append(
            f'<text class="chart-axis" x="{_coord(xs[i])}" y="{HEIGHT - PAD_BOTTOM + 18}" '
            f'text-anchor="{anchor}" fill="#495057">{escape(points[i].label)}</text>'
        )
    return _frame(chart_id, title, description, "".join(parts), HEIGHT)


def _label_indexes(count: int, most: int) -> list[int]:
    """Which x labels to print: the first, the last and evenly spaced ones between."""
    if count <= most:
        return list(range(count))
    step = (count - 1) / (most - 1)
    return sorted({round(i * step) for i in range(most)})


def bar_chart(bars: Sequence[Bar], *, title: str, description: str) -> SafeString:
    """Horizontal bars, one row per bar: its label on the left, its value written after the bar."""
    chart_id = f"chart{next(_ids)}"
    row = 30
    label_w = 120
    value_w = 96
    height = max(len(bars), 1) * row + 8
    plot_w = WIDTH - label_w - value_w
    top = max((b.value for b in bars), default=Decimal(0))
    parts: list[str] = []
    if not bars:
        parts.append(
            f'<text class="chart-empty" x="{WIDTH / 2}" y="22" text-anchor="middle" '
            f'fill="#495057">No data yet</text>'
        )
    for i, bar in enumerate(bars):
        y = 4 + i * row
        width = plot_w * float(bar.value / top) if top > 0 else 0
        parts.append(
            f'<text class="chart-axis" x="{label_w - 8}" y="{y + 19}" text-anchor="end" '
            f'fill="#212529">{escape(bar.label)}</text>'
            f'<rect class="chart-bar" x="{label_w}" y="{y + 4}" width="{_coord(max(width, 1))}" '
            f'height="{row - 10}" rx="2" fill="#0b5ed7"/>'
            f'<text class="chart-axis" x="{_coord(label_w + max(width, 1) + 6)}" y="{y + 19}" '
            f'fill="#212529">{escape(bar.shown)}</text>'
        )
    return _frame(chart_id, title, description, "".join(parts), height)
