"""The PDF's trend chart: a line through the figures, broken where one is masked, the norm dashed,
the axis from 0 past the highest of them."""

from decimal import Decimal

from reportlab.graphics.shapes import Circle, Line, PolyLine, String

from werkbedrijf.reporting import charts

LABELS = ["Q1 2025", "Q2 2025", "Q3 2025", "Q4 2025"]


def _shapes(drawing, kind):
    return [shape for shape in drawing.contents if isinstance(shape, kind)]


def test_a_masked_figure_breaks_the_line_and_the_norm_is_dashed():
    drawing = charts.trend_drawing(
        LABELS, [Decimal(120), Decimal(340), None, Decimal(200)], Decimal(400), integer=True
    )
    assert len(_shapes(drawing, Circle)) == 3  # a marker per figure shown
    assert len(_shapes(drawing, PolyLine)) == 1  # Q1-Q2; Q4 stands alone
    dashed = [line for line in _shapes(drawing, Line) if line.strokeDashArray]
    assert len(dashed) == 2  # the norm and its legend
    texts = {s.text for s in _shapes(drawing, String)}
    assert {"0", "100", "400", "waarde", "norm", *LABELS} <= texts


def test_without_a_norm_no_legend_and_shares_keep_their_ticks():
    drawing = charts.trend_drawing(
        LABELS, [Decimal("12.5"), Decimal("33.3"), Decimal("50.0"), Decimal(0)]
    )
    assert len(_shapes(drawing, PolyLine)) == 1 and len(_shapes(drawing, Circle)) == 4
    texts = {s.text for s in _shapes(drawing, String)}
    assert "norm" not in texts and {"0", "20", "40"} <= texts
    tiny = charts.trend_drawing(LABELS, [Decimal("0.2"), None, None, None])
    assert {"0,0", "0,2"} <= {s.text for s in _shapes(tiny, String)}
