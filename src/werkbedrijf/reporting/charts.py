"""Trend charts drawn on the server: SVG for the screens (matplotlib), vector drawings for the PDF
(reportlab). Every chart has a table beside it with the same figures; a masked figure ("< 5") is a gap in the line."""

from __future__ import annotations

import base64
import io
from decimal import Decimal

import matplotlib

matplotlib.use("Agg")
from matplotlib import pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

# NL Design System (Rijkshuisstijl-like) colours with enough contrast on white (WCAG 1.4.11).
LINE = "#154273"
NORM = "#a90061"


def _figure(
    labels: list[str], values: list[Decimal | None], norm: Decimal | None, integer: bool
) -> Figure:
    figure = plt.figure(figsize=(4.2, 2.2), dpi=100)
    # Fixed margins with room for the widest labels (amounts in euro): tight_layout would draw
    # every chart twice to measure them, half the time of a report's PDF.
    figure.subplots_adjust(left=0.16, right=0.95, top=0.9, bottom=0.13)
    axes = figure.add_subplot(1, 1, 1)
    xs = list(range(len(labels)))
    ys = [float(v) if v is not None else float("nan") for v in values]
    axes.plot(xs, ys, marker="o", color=LINE, linewidth=2, label="waarde")
    if norm is not None:
        axes.axhline(float(norm), color=NORM, linestyle="--", linewidth=1.5, label="norm")
        axes.legend(loc="best", fontsize=8, frameon=False)
    axes.set_xticks(xs, labels, fontsize=8)
    axes.tick_params(axis="y", labelsize=8)
    axes.spines[["top", "right"]].set_visible(False)
    axes.set_ylim(bottom=0, top=max([y for y in ys if y == y] + [1]) * 1.1)
    if integer:
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    return figure


def _render(labels, values, norm, fmt: str, integer: bool) -> bytes:
    figure = _figure(labels, values, norm, integer)
    buffer = io.BytesIO()
    figure.savefig(buffer, format=fmt)
    plt.close(figure)
    return buffer.getvalue()


def trend_svg_data_uri(labels, values, norm=None, integer=False) -> str:
    """An <img> source (the Content-Security-Policy allows data: images, no inline styles)."""
    svg = _render(labels, values, norm, "svg", integer)
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


# The PDF's charts are drawn by reportlab itself, as vector graphics in the page: the same chart
# as ``trend_png`` (line with markers, a gap for a masked figure, the norm dashed, the axis from 0)
# without rendering a PNG per indicator, which was most of a report's PDF time.
WIDTH, HEIGHT = 10.5, 5.5  # cm, as the PNG was placed


def _nice_step(top: float, integer: bool) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) giving about five ticks up to ``top``."""
    import math

    rough = top / 5
    power = 10 ** math.floor(math.log10(rough)) if rough > 0 else 1
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= rough)
    if integer:
        step = max(1, math.ceil(step))
    return step


def _tick_text(value: float, step: float) -> str:
    decimals = 0 if float(step).is_integer() else 1
    text = f"{value:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def trend_drawing(labels, values, norm=None, integer=False):
    """The trend as a reportlab ``Drawing`` for the PDF (``WIDTH`` by ``HEIGHT`` cm)."""
    from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, String
    from reportlab.lib import colors
    from reportlab.lib.units import cm

    width, height = WIDTH * cm, HEIGHT * cm
    left, right, top, bottom = 0.16 * width, 0.95 * width, 0.9 * height, 0.13 * height
    ys = [float(v) if v is not None else None for v in values]
    known = [y for y in ys if y is not None]
    highest = max([*known, float(norm) if norm is not None else 0.0, 1.0]) * 1.1
    step = _nice_step(highest, integer)
    drawing = Drawing(width, height)
    line, norm_colour, grey = (
        colors.HexColor(LINE),
        colors.HexColor(NORM),
        colors.HexColor("#333333"),
    )

    def y_of(value: float) -> float:
        return bottom + (top - bottom) * value / highest

    def x_of(i: int) -> float:
        return left + (right - left) * (i + 0.5) / max(len(labels), 1)

    drawing.add(Line(left, bottom, right, bottom, strokeColor=grey, strokeWidth=0.8))
    drawing.add(Line(left, bottom, left, top, strokeColor=grey, strokeWidth=0.8))
    tick = 0.0
    while tick <= highest + 1e-9:
        y = y_of(tick)
        drawing.add(Line(left - 3, y, left, y, strokeColor=grey, strokeWidth=0.6))
        drawing.add(String(left - 5, y - 2.5, _tick_text(tick, step), fontSize=7, textAnchor="end"))
        tick += step
    for i, label in enumerate(labels):
        drawing.add(Line(x_of(i), bottom, x_of(i), bottom - 3, strokeColor=grey, strokeWidth=0.6))
        drawing.add(String(x_of(i), bottom - 11, str(label), fontSize=7, textAnchor="middle"))
    run: list[float] = []  # a masked figure breaks the line
    for i, y in enumerate([*ys, None]):
        if y is None:
            if len(run) >= 4:
                drawing.add(PolyLine(run, strokeColor=line, strokeWidth=1.5))
            run = []
            continue
        run += [x_of(i), y_of(y)]
        drawing.add(Circle(x_of(i), y_of(y), 2.5, fillColor=line, strokeColor=line))
    if norm is not None:
        y = y_of(float(norm))
        drawing.add(
            Line(
                left, y, right, y, strokeColor=norm_colour, strokeWidth=1.1, strokeDashArray=[4, 2]
            )
        )
        legend_y = height - 9
        for offset, (text, colour, dash) in enumerate(
            (("waarde", line, None), ("norm", norm_colour, [4, 2]))
        ):
            x = right - 95 + offset * 50
            drawing.add(
                Line(
                    x,
                    legend_y + 2.5,
                    x + 14,
                    legend_y + 2.5,
                    strokeColor=colour,
                    strokeWidth=1.2,
                    strokeDashArray=dash,
                )
            )
            drawing.add(String(x + 17, legend_y, text, fontSize=7))
    return drawing
