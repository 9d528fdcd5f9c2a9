"""Trend charts drawn on the server (matplotlib): SVG for the screens, PNG for the PDF. Every chart
has a table beside it with the same figures; a masked figure ("< 5") is a gap in the line."""

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


def trend_png(labels, values, norm=None, integer=False) -> bytes:
    return _render(labels, values, norm, "png", integer)


def trend_svg_data_uri(labels, values, norm=None, integer=False) -> str:
    """An <img> source (the Content-Security-Policy allows data: images, no inline styles)."""
    svg = _render(labels, values, norm, "svg", integer)
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
