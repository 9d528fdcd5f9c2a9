"""Template filters of the delivery screens."""

from django import template

from werkbedrijf.agreements.delivery.models import KIND_LABELS

register = template.Library()


@register.filter
def delivery_kind(kind):
    """{{ row.kind|delivery_kind }} -> "halve dagen op locatie" """
    return KIND_LABELS.get(kind, kind)
