"""The input side of every API: a request body's JSON types are checked, never converted."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail

# The JSON type the document gives each kind of input field; checked before DRF's own conversion,
# which would otherwise turn 0 into "0", "true" into True and 5 into a UUID.
_JSON_TEXT = (
    serializers.CharField,
    serializers.ChoiceField,
    serializers.DateField,
    serializers.DateTimeField,
    serializers.TimeField,
    serializers.UUIDField,
    serializers.DecimalField,
)
_WRONG_TYPE = {
    "text": _("Expected text (a JSON string)."),
    "integer": _("Expected a whole number (a JSON number)."),
    "number": _("Expected a number (a JSON number)."),
    "boolean": _("Expected true or false."),
    "list": _("Expected a list."),
}


def _expected_json_type(field) -> str | None:
    if isinstance(field, serializers.BooleanField):
        return "boolean"
    if isinstance(field, serializers.IntegerField):
        return "integer"
    if isinstance(field, serializers.FloatField):
        return "number"
    if isinstance(field, serializers.MultipleChoiceField | serializers.ListField):
        return "list"
    if isinstance(field, _JSON_TEXT):
        return "text"
    return None


def _has_json_type(value, expected: str) -> bool:
    if expected == "text":
        return isinstance(value, str)
    if expected == "boolean":
        return isinstance(value, bool)
    if expected == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if expected == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(value, list)


# The shape of a request body. In JSON a value of the wrong type is refused (400), never converted:
# the document promises a string, a number or a boolean, and the API keeps to that. A form
# (multipart) sends everything as text, so there DRF's conversion stays. (A comment, not a
# docstring: drf-spectacular would show a docstring as the description of every input.)
class InputSerializer(serializers.Serializer):
    def to_internal_value(self, data):
        if isinstance(data, dict) and not hasattr(data, "getlist"):
            errors = {}
            for name, field in self.fields.items():
                if field.read_only or name not in data or data[name] is None:
                    continue
                expected = _expected_json_type(field)
                if expected and not _has_json_type(data[name], expected):
                    errors[name] = [ErrorDetail(str(_WRONG_TYPE[expected]), code="invalid")]
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)


@extend_schema_field(
    {
        "anyOf": [
            {"type": "string", "format": "decimal", "pattern": r"^-?[0-9]+([.,][0-9]+)?$"},
            {"type": "number"},
        ],
        "nullable": True,
        "example": "18",
        "description": "Een decimaal getal als tekst, bijv. `18` of `0.5`; een JSON-getal mag ook.",
    }
)
class DecimalInputField(serializers.Field):
    """Passes a number on as text, so the service judges it (and a JSON 0.1 stays 0.1, not the
    nearest binary fraction)."""

    default_error_messages = {"invalid": _("Enter a number.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int | float | str):
            self.fail("invalid")
        if isinstance(data, float):
            return repr(data)
        return str(data).strip()

    def to_representation(self, value):
        return None if value is None else f"{value:f}"
