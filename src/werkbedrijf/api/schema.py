"""The OpenAPI document: problem responses, the API-Version header and the security schemes.

Every API view uses ``ProblemAutoSchema``, so each operation documents the errors it can answer
(application/problem+json) without repeating them on every view.
"""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import build_bearer_security_scheme_object, is_serializer
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema_serializer
from rest_framework import serializers

from .problems import PROBLEM


@extend_schema_serializer(component_name="InvalidParameter")
class InvalidParameterSerializer(serializers.Serializer):
    name = serializers.CharField(
        help_text="Het veld met de fout, met punten voor geneste velden: `lines.0.quantity`."
    )
    code = serializers.CharField(help_text="Machineleesbare code, bijv. `fraction_not_allowed`.")
    reason = serializers.CharField(help_text="Uitleg voor de gebruiker.")


@extend_schema_serializer(component_name="Problem")
class ProblemSerializer(serializers.Serializer):
    """Een fout volgens RFC 9457 (application/problem+json)."""

    type = serializers.URLField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    instance = serializers.CharField(help_text="Het pad van het verzoek.")
    invalidParams = InvalidParameterSerializer(
        many=True,
        required=False,
        help_text="Alleen bij status 400: elk ongeldig veld met de reden, alle tegelijk. Een "
        "uitbreiding op RFC 9457 (§3.2), zoals in de ZGW- en Haal Centraal-API's.",
    )


PROBLEM_DESCRIPTIONS = {
    400: "Ongeldige invoer; `invalidParams` noemt elk veld met de reden. Er is niets opgeslagen.",
    401: "Niet ingelogd: geen sessie met twee factoren en geen geldig token.",
    403: "Geen toegang: u ziet dit gegeven wel, maar mag deze actie niet uitvoeren.",
    404: "Niet gevonden, of buiten wat u mag zien.",
    406: "De Accept-header vraagt een formaat dat deze API niet levert.",
    409: "Iemand anders heeft intussen besloten: dit besluit past niet meer bij de huidige stand. "
    "Er is niets opgeslagen.",
    412: "De versie in If-Match klopt niet meer: iemand anders heeft het gegeven gewijzigd.",
    415: "Het mediatype van de body wordt niet ondersteund.",
    500: "Er ging iets mis aan onze kant.",
}

API_VERSION_HEADER = OpenApiParameter(
    "API-Version",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    response=True,
    description="De precieze versie van de API (NL GOV API-57), bijv. `1.0.0`.",
)

BODY_METHODS = {"POST", "PUT", "PATCH"}


class ProblemAutoSchema(AutoSchema):
    def _get_serializer_field_meta(self, field, direction):
        meta = super()._get_serializer_field_meta(field, direction)
        if (
            direction == "request"
            and meta.get("minLength")
            and isinstance(field, serializers.CharField)
            and field.trim_whitespace
            and not isinstance(field, serializers.RegexField)
        ):
            # The serializer trims a text before its blank check, so "  " is as empty as "":
            # the document says so with "at least one character that is not a space". Python
            # trims a few characters more than a JSON Schema's \s covers (the separators
            # \x1c-\x1f and \x85), so those count as space here too.
            meta["pattern"] = r"[^\s\x1c-\x1f\x85]"
        return meta

    def get_override_parameters(self):
        return [*super().get_override_parameters(), API_VERSION_HEADER]

    def _problem_codes(self) -> list[int]:
        overrides = self.get_override_parameters()
        params = [p for p in overrides if isinstance(p, OpenApiParameter)]
        # A serializer among the parameters stands for query parameters (its fields).
        has_query = any(
            p.location == OpenApiParameter.QUERY and not p.response for p in params
        ) or any(is_serializer(p) for p in overrides)
        has_if_match = any(p.name == "If-Match" and not p.response for p in params)
        codes = [401, 403, 406, 500]
        if self.method in BODY_METHODS or has_query:
            codes.append(400)
        if "{" in self.path:
            codes.append(404)
        if has_if_match:
            codes.append(412)
        if self.method in BODY_METHODS:
            codes.append(415)
        return sorted(codes)

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code in self._problem_codes():
            key = str(code)
            if key in responses:
                continue
            responses[key] = self._get_response_for_code(
                OpenApiResponse(ProblemSerializer, description=PROBLEM_DESCRIPTIONS[code]),
                key,
                [PROBLEM],
                direction,
            )
        return dict(sorted(responses.items()))


def problem_response(code: int, description: str = "") -> dict:
    """For ``extend_schema(responses=...)``: a problem answer with its own description."""
    return {
        (code, PROBLEM): OpenApiResponse(
            ProblemSerializer, description=description or PROBLEM_DESCRIPTIONS[code]
        )
    }


class TwoFactorSessionScheme(OpenApiAuthenticationExtension):
    target_class = "werkbedrijf.api.authentication.TwoFactorSessionAuthentication"
    name = "sessionAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "cookie",
            "name": settings.SESSION_COOKIE_NAME,
            "description": "De sessie van de webapplicatie, alleen na inloggen met twee factoren. "
            "Wijzigende verzoeken sturen ook het CSRF-token mee (X-CSRFToken).",
        }


class HashedTokenScheme(OpenApiAuthenticationExtension):
    target_class = "werkbedrijf.api.authentication.HashedTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        scheme = build_bearer_security_scheme_object(
            header_name="Authorization", token_prefix=self.target.keyword
        )
        scheme["description"] = (
            "Een persoonlijk API-token: `Authorization: Token <token>`. Een token wordt alleen "
            "uitgegeven na inloggen met twee factoren en geeft dezelfde rechten als het account."
        )
        return scheme
