"""The manager's explanation per section of a report, read and set as on the report's screen
(reporting:report): the same service, refused once the report is published."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from werkbedrijf.access import policy
from werkbedrijf.api.base import ApiView, invalid, responses, run, validated
from werkbedrijf.api.inputs import InputSerializer

from .. import selectors, services
from ..indicators import all_indicators


class SectionSerializer(serializers.Serializer):
    section = serializers.CharField(help_text="De code van de indicator van de sectie.")
    name = serializers.CharField()
    explanation = serializers.CharField(help_text="Leeg: geen toelichting.")


class ExplanationsSerializer(serializers.Serializer):
    report = serializers.UUIDField()
    published = serializers.BooleanField(help_text="Een gepubliceerde rapportage is bevroren.")
    sections = SectionSerializer(many=True)


def _section_codes() -> list[str]:
    return [indicator.code for indicator in all_indicators()]


class SectionInputSerializer(InputSerializer):
    section = serializers.ChoiceField(choices=[])
    explanation = serializers.CharField(
        allow_blank=True, max_length=10000, help_text="Leeg: de toelichting vervalt."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = _section_codes()


class ExplanationsInputSerializer(InputSerializer):
    sections = SectionInputSerializer(many=True, allow_empty=False, max_length=100)


def _data(report) -> dict:
    return {
        "report": report.uuid,
        "published": report.is_published,
        "sections": [
            {
                "section": indicator.code,
                "name": str(indicator.name),
                "explanation": report.explanations.get(indicator.code, ""),
            }
            for indicator in all_indicators()
        ],
    }


class ReportExplanationsView(ApiView):
    @extend_schema(
        tags=["indicatoren"],
        operation_id="getReportExplanations",
        summary="De toelichting per sectie van een rapportage",
        description="Per sectie (een indicator) de toelichting van de manager, zoals op het "
        "scherm van de rapportage.",
        responses=responses({200: ExplanationsSerializer}, 403, 404),
    )
    def get(self, request, uuid):
        policy.require(policy.can_use_dashboard(request.user))
        return Response(_data(selectors.get_report(request.user, uuid)))

    @extend_schema(
        tags=["indicatoren"],
        operation_id="updateReportExplanations",
        summary="De toelichting per sectie van een rapportage wijzigen",
        description="Alleen wie rapportages beheert, en alleen vóór publicatie: een "
        "gepubliceerde rapportage is bevroren (400; een correctie is een nieuwe versie). "
        "Alleen de genoemde secties veranderen; een lege toelichting vervalt. Een sectie die "
        "twee keer genoemd wordt, wordt geweigerd.",
        request=ExplanationsInputSerializer,
        responses=responses({200: ExplanationsSerializer}, 400, 403, 404),
    )
    def patch(self, request, uuid):
        policy.require(policy.can_manage_reports(request.user))
        report = selectors.get_report(request.user, uuid)
        data = validated(ExplanationsInputSerializer, request.data)
        texts: dict[str, str] = {}
        for line in data["sections"]:
            if line["section"] in texts:
                raise invalid(
                    "sections",
                    _("The section %(section)s is named twice.") % {"section": line["section"]},
                    "duplicate",
                )
            texts[line["section"]] = line["explanation"]
        report = run(
            services.explain,
            {"status": "report", "explanations": "sections"},
            actor=request.user,
            report=report,
            explanations=texts,
        )
        return Response(_data(report))
