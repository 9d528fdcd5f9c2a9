"""Output fields the DVO shapes share."""

from rest_framework import serializers


def money(**kwargs):
    """An amount, read only, as a decimal string with cents."""
    return serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True, **kwargs)
