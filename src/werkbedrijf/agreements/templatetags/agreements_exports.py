"""The export sheets a CSV link can name, for the export links on the DVO screens."""

from django import template

from werkbedrijf.agreements import exports

register = template.Library()


@register.simple_tag
def csv_sheets():
    """[(name in the URL, label)] of every sheet, in order."""
    return list(exports.SHEETS.items())
