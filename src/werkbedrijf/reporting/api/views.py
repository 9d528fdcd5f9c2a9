"""Indicator declarations and values through the API (art. 13): aggregates, no personal data."""

from __future__ import annotations

from datetime import date

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from werkbedrijf.access import policy
from werkbedrijf.api.base import (
    ApiView,
    PersonalDataApiView,
    invalid,
    municipality_named,
    responses,
    run,
    validated,
    validated_query,
)
from werkbedrijf.jobs.services import enqueue

from .. import selectors, services, srg, srg_selectors
from ..indicators import DEFINITIONS_VERSION, REGISTRY, TOTAL, all_indicators
from ..policies import Period
from .serializers import (
    IndicatorListSerializer,
    NormSerializer,
    ReportInputSerializer,
    ReportJobSerializer,
    ReportSerializer,
    SideBySideQuerySerializer,
    SideBySideSerializer,
    SrgDeliverySerializer,
    SrgQuerySerializer,
    ValuesQuerySerializer,
    ValuesSerializer,
)


def _figure(key, label, shown) -> dict:
    return {
        "key": key,
        "label": str(label),
        "value": shown.value,
        "masked": shown.masked,
        "text": shown.text,
    }


class IndicatorListView(ApiView):
    @extend_schema(
        tags=["indicatoren"],
        operation_id="listIndicators",
        summary="De indicatoren met hun definitie",
        description="Elke indicator van het Informatieprotocol: code, naam, definitie, eenheid, "
        "populatie, periode en toegestane uitsplitsingen.",
        responses=responses({200: IndicatorListSerializer}),
    )
    def get(self, request):
        policy.require(policy.can_use_dashboard(request.user))
        indicators = [
            {
                "code": i.code,
                "name": str(i.name),
                "definition": str(i.definition),
                "unit": i.unit,
                "population": str(i.population),
                "period": str(i.period),
                "breakdowns": list(i.breakdowns),
                "category_name": str(i.category_name),
            }
            for i in all_indicators()
        ]
        return Response(
            IndicatorListSerializer(
                {"definitionsVersion": DEFINITIONS_VERSION, "indicators": indicators}
            ).data
        )


class IndicatorValuesView(ApiView):
    @extend_schema(
        tags=["indicatoren"],
        operation_id="getIndicatorValues",
        summary="De waarde van een indicator voor een gemeente of de regio",
        description="Het totaal, de verdeling over de eigen categorieën en desgewenst een "
        "uitsplitsing (gemeente, focusgroep, werksoort, kwartaal), met de norm. Cijfers over "
        "minder dan vijf personen komen als masked zonder waarde, voor wie de personen niet "
        "mag zien.",
        parameters=[ValuesQuerySerializer],
        responses=responses({200: ValuesSerializer}, 400, 404),
    )
    def get(self, request, code: str):
        user = request.user
        policy.require(policy.can_use_dashboard(user))
        indicator = REGISTRY.get(code)
        if indicator is None:
            raise Http404
        query = validated_query(request, ValuesQuerySerializer)
        municipality = None
        if query.get("municipality"):
            municipality = next(
                (m for m in selectors.municipalities() if m.uuid == query["municipality"]), None
            )
            if municipality is None:
                raise Http404
        today = timezone.localdate()
        end = query.get("periodEnd") or today
        start = query.get("periodStart") or date(end.year, 1, 1)
        period = Period(start, end)
        shown = selectors.figures(user, indicator, municipality, period)
        by = query.get("breakdown")
        split = selectors.breakdown(user, indicator, municipality, period, by) if by else []
        return Response(
            ValuesSerializer(
                {
                    "indicator": indicator.code,
                    "unit": indicator.unit,
                    "municipality": municipality.uuid if municipality else None,
                    "periodStart": start,
                    "periodEnd": end,
                    "norm": selectors.norm_of(indicator, end.year, municipality),
                    "total": _figure(TOTAL, indicator.name, shown[TOTAL]),
                    "categories": [
                        _figure(k, label, f)
                        for k, label, f in selectors.categories(
                            user, indicator, municipality, period
                        )
                    ],
                    "breakdown": by,
                    "breakdownValues": [_figure(k, label, f) for k, label, f in split],
                }
            ).data
        )


# --- reports: the same work as the report screens (reporting.views.reports) -------------------


def _report_data(report) -> dict:
    return ReportSerializer(report).data


class ReportListView(ApiView):
    @extend_schema(
        tags=["indicatoren"],
        operation_id="listReports",
        summary="Tussenrapportages en jaarverslagen",
        description="Alle versies van de rapportages die de gebruiker mag zien: van de eigen "
        "gemeente, of van alle gemeenten en de regio.",
        responses=responses({200: ReportSerializer(many=True)}, 403),
    )
    def get(self, request):
        policy.require(policy.can_use_dashboard(request.user))
        found = selectors.reports_for(request.user).order_by("-year", "kind", "-version")[:200]
        return Response([_report_data(r) for r in found])

    @extend_schema(
        tags=["indicatoren"],
        operation_id="createReport",
        summary="Een rapportage aanmaken",
        description="Een concept van de tussenrapportage (eerste halfjaar) of het jaarverslag, "
        "voor een gemeente of de regio, over een periode die voorbij is. Een tweede concept of "
        "een gepubliceerde rapportage voor dezelfde periode wordt geweigerd.",
        request=ReportInputSerializer,
        responses=responses({201: ReportSerializer}, 400, 403),
    )
    def post(self, request):
        policy.require(policy.can_manage_reports(request.user))
        data = validated(ReportInputSerializer, request.data)
        municipality = municipality_named(
            data.get("municipality"), among=selectors.visible_municipalities(request.user)
        )
        report = run(
            services.create_report,
            actor=request.user,
            kind=data["kind"],
            year=data["year"],
            municipality=municipality,
        )
        return Response(_report_data(report), status=201)


class ReportsSideBySideView(ApiView):
    @extend_schema(
        tags=["indicatoren"],
        operation_id="getReportsSideBySide",
        summary="De rapportages van de zeven gemeenten naast elkaar",
        description="Voor een soort en een jaar de cijfers zoals ze in de rapportage van elke "
        "gemeente zijn opgeslagen (de laatste gepubliceerde versie, anders het laatste concept "
        "waarvan de cijfers gemaakt zijn), nooit opnieuw berekend; zoals in elke rapportage "
        "gemaskeerd als '< 5' bij minder dan vijf personen. Hetzelfde als het scherm "
        "/rapportages/verslagen/naast-elkaar/; alleen voor wie de hele regio ziet.",
        parameters=[SideBySideQuerySerializer],
        responses=responses({200: SideBySideSerializer}, 400, 403),
    )
    def get(self, request):
        user = request.user
        policy.require(policy.can_view_indicators(user, None))
        query = validated_query(request, SideBySideQuerySerializer)
        columns, rows = selectors.reports_side_by_side(user, query["kind"], query["year"])
        return Response(
            SideBySideSerializer(
                {
                    "kind": query["kind"],
                    "year": query["year"],
                    "columns": columns,
                    "indicators": [
                        {"code": code, "name": name, "unit": unit, "figures": cells}
                        for code, name, unit, cells in rows
                    ],
                }
            ).data
        )


class ReportDetailView(ApiView):
    @extend_schema(
        tags=["indicatoren"],
        operation_id="getReport",
        summary="Eén rapportage",
        description="Een versie van een tussenrapportage of jaarverslag met haar status; van de "
        "eigen gemeente, of van alle gemeenten en de regio.",
        responses=responses({200: ReportSerializer}, 404),
    )
    def get(self, request, uuid):
        policy.require(policy.can_use_dashboard(request.user))
        return Response(_report_data(selectors.get_report(request.user, uuid)))


class ReportGenerationView(ApiView):
    @extend_schema(
        tags=["indicatoren"],
        operation_id="createReportGeneration",
        summary="De PDF en XLSX van een rapportage laten maken",
        description="Start een achtergrondtaak; volg haar met getJob.",
        request=None,
        responses=responses({202: ReportJobSerializer}, 403, 404),
    )
    def post(self, request, uuid):
        policy.require(policy.can_manage_reports(request.user))
        report = selectors.get_report(request.user, uuid)
        job = enqueue("reporting.generate", user=request.user, params={"report": str(report.uuid)})
        return Response({"report": report.uuid, "job": job.uuid}, status=202)


class ReportPublicationView(ApiView):
    @extend_schema(
        tags=["indicatoren"],
        operation_id="createReportPublication",
        summary="Een rapportage publiceren",
        description="Bevriest de cijfers, de versie van de definities en de periode, in een "
        "achtergrondtaak (volg haar met getJob). Een gepubliceerde rapportage opnieuw "
        "publiceren wordt geweigerd; een correctie is een nieuwe versie.",
        request=None,
        responses=responses({202: ReportJobSerializer}, 400, 403, 404),
    )
    def post(self, request, uuid):
        policy.require(policy.can_manage_reports(request.user))
        report = selectors.get_report(request.user, uuid)
        if report.is_published:
            raise invalid(
                "report",
                _("This report has been published and is frozen; a correction is a new version."),
                "published",
            )
        job = enqueue("reporting.publish", user=request.user, params={"report": str(report.uuid)})
        return Response({"report": report.uuid, "job": job.uuid}, status=202)


class ReportCorrectionView(ApiView):
    @extend_schema(
        tags=["indicatoren"],
        operation_id="createReportCorrection",
        summary="Een gepubliceerde rapportage corrigeren",
        description="Een nieuwe conceptversie naast de gepubliceerde, die ongewijzigd blijft.",
        request=None,
        responses=responses({201: ReportSerializer}, 400, 403, 404),
    )
    def post(self, request, uuid):
        policy.require(policy.can_manage_reports(request.user))
        report = selectors.get_report(request.user, uuid)
        correction = run(services.correct, actor=request.user, report=report)
        return Response(_report_data(correction), status=201)


class NormView(ApiView):
    @extend_schema(
        tags=["indicatoren"],
        operation_id="setIndicatorNorm",
        summary="De norm van een indicator voor een jaar vastleggen",
        description="Uit de MGR-begroting (DVO art. 13). Een nieuwe norm vervangt de vorige niet: "
        "die blijft als geschiedenis. Een aandeel onder 0 of boven 100 % wordt geweigerd. Alleen "
        "DVO-beheerders.",
        request=NormSerializer,
        responses=responses({201: NormSerializer}, 400, 403),
    )
    def post(self, request):
        policy.require(policy.can_set_norms(request.user))
        data = validated(NormSerializer, request.data)
        municipality = municipality_named(
            data.get("municipality"), among=selectors.visible_municipalities(request.user)
        )
        norm = run(
            services.set_norm,
            actor=request.user,
            indicator=data["indicator"],
            year=data["year"],
            value=data["value"],
            source=data["source"],
            municipality=municipality,
        )
        return Response(
            NormSerializer(
                {
                    "uuid": norm.uuid,
                    "indicator": norm.indicator,
                    "year": norm.year,
                    "value": norm.value,
                    "source": norm.source,
                    "municipality": municipality.uuid if municipality else None,
                }
            ).data,
            status=201,
        )


class SrgDeliveryView(PersonalDataApiView):
    @extend_schema(
        tags=["indicatoren"],
        operation_id="getSrgDelivery",
        summary="De CBS-levering (SRG) van de eigen gemeente voor een maand",
        description="De re-integratievoorzieningen van de inwoners van de eigen gemeente die in "
        "de maand liepen, voor de levering aan het CBS (Statistiek Re-integratie door Gemeenten, "
        "DVO art. 12.4); met BSN. Alleen voor de Inkomen-consulent van de gemeente. Een maand die "
        "niet voorbij is, of met ongeldige records, wordt geweigerd met een melding die elk "
        "probleem noemt. Opmaak en codes zijn voorlopig: zie docs/srg.md. Elke persoon in het "
        "antwoord wordt in het verwerkingenlogboek vastgelegd.",
        parameters=[SrgQuerySerializer],
        responses=responses({200: SrgDeliverySerializer}, 400),
    )
    def get(self, request):
        user = request.user
        policy.require(policy.can_export_srg(user))
        query = validated_query(request, SrgQuerySerializer)
        try:
            month = srg.parse_month(query["month"])
        except ValueError as exc:
            raise invalid("month", str(srg.MONTH_FORMAT_MESSAGE)) from exc
        found, sheet = run(srg_selectors.export, user=user, month=month)
        keys = [
            "municipalityCode",
            "reportMonth",
            "bsn",
            "benefitType",
            "facilityCode",
            "facilityType",
            "start",
            "end",
            "source",
            "reference",
        ]
        return Response(
            SrgDeliverySerializer(
                {
                    "municipality": found.municipality.uuid,
                    "month": query["month"],
                    "persons": found.persons,
                    "provisional": True,
                    "records": [dict(zip(keys, row, strict=True)) for row in sheet.rows],
                }
            ).data
        )
