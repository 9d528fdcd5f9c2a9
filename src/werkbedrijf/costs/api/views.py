"""The cost API: cost per task and per municipality for a year, and registering hours."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from werkbedrijf.access import policy
from werkbedrijf.accounts.models import User
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

from .. import selectors, services
from ..models import CostTask, StaffFunction, TimeEntry
from .serializers import (
    CostOverviewSerializer,
    CostQuerySerializer,
    DirectCostSerializer,
    HourlyRateSerializer,
    TimeEntrySerializer,
)


class CostOverviewView(ApiView):
    @extend_schema(
        tags=["kosten"],
        operation_id="getCosts",
        summary="Kosten per taak en per gemeente in een jaar",
        description="Geschreven uren tegen het uurtarief per functie plus directe kosten, per "
        "taak; per gemeente de eigen lokale keuzes en een aandeel in de regionale taken naar "
        "rato van de kandidaten in dienstverlening, naast de kaartprijs van de lokale keuzes en "
        "het budget. Een beleidsadviseur krijgt alleen de eigen gemeente.",
        parameters=[CostQuerySerializer],
        responses=responses({200: CostOverviewSerializer}, 400, 403),
    )
    def get(self, request):
        policy.require(policy.can_view_costs(request.user))
        query = validated_query(request, CostQuerySerializer)
        year = query.get("year") or timezone.localdate().year
        overview = selectors.cost_overview(request.user, year)
        data = {
            "year": year,
            "tasks": [
                {
                    "code": cost.task,
                    "name": name,
                    "hours": cost.hours,
                    "labourCost": cost.labour,
                    "directCost": cost.direct,
                    "total": cost.total,
                }
                for name, cost in overview.task_rows()
            ],
            "municipalities": [
                {
                    "municipality": row.municipality.uuid,
                    "name": row.municipality.name,
                    "candidatesInService": row.cost.in_service,
                    "ownChoices": row.cost.own,
                    "regionalShare": row.cost.regional_share,
                    "total": row.cost.total,
                    "perCandidate": row.cost.per_candidate,
                    "localChoicesAtCardPrice": row.choices_total,
                    "budget": row.budget,
                }
                for row in overview.municipalities
            ],
            "missingRates": overview.result.missing_rates,
        }
        return Response(CostOverviewSerializer(data).data)


def _entry_data(entry: TimeEntry) -> dict:
    return {
        "uuid": entry.uuid,
        "person": entry.person.uuid,
        "week": entry.week,
        "task": entry.task.code,
        "function": entry.function.code,
        "municipality": entry.municipality.uuid if entry.municipality else None,
        "hours": entry.hours,
    }


class TimeEntryListView(PersonalDataApiView):
    @extend_schema(
        tags=["kosten"],
        operation_id="createTimeEntry",
        summary="Uren schrijven",
        description="Een consulent schrijft de eigen uren, een teamleider of DVO-beheerder die "
        "van elke medewerker van WerkBedrijf. Hoogstens 60 uur per persoon per week; een "
        "onderdeel van de keuzekaart vraagt de gemeente die het afnam.",
        request=TimeEntrySerializer,
        responses=responses({201: TimeEntrySerializer}, 400, 403),
    )
    def post(self, request):
        policy.require(policy.can_use_hours_screen(request.user))
        data = validated(TimeEntrySerializer, request.data)
        person = User.objects.filter(uuid=data["person"]).first()
        if person is None or not policy.can_register_hours(request.user, person):
            raise invalid("person", _("Choose a staff member whose hours you may register."))
        municipality = municipality_named(data.get("municipality"))
        entry = run(
            services.register_hours,
            actor=request.user,
            person=person,
            function=StaffFunction.objects.filter(code=data["function"]).first(),
            week=data["week"],
            task=CostTask.objects.filter(code=data["task"]).first(),
            municipality=municipality,
            hours=data["hours"],
        )
        return Response(TimeEntrySerializer(_entry_data(entry)).data, status=201)


class HourlyRateView(ApiView):
    @extend_schema(
        tags=["kosten"],
        operation_id="setHourlyRate",
        summary="Uurtarief van een functie vastleggen",
        description="Het integrale uurtarief van een functie in een jaar; een bestaand tarief "
        "van dat jaar wordt vervangen. Een tarief van € 0 of lager wordt geweigerd. Alleen "
        "teamleiders en DVO-beheerders van WerkBedrijf.",
        request=HourlyRateSerializer,
        responses=responses({200: HourlyRateSerializer}, 400, 403),
    )
    def post(self, request):
        policy.require(policy.can_manage_costs(request.user))
        data = validated(HourlyRateSerializer, request.data)
        found = run(
            services.set_hourly_rate,
            actor=request.user,
            function=StaffFunction.objects.filter(code=data["function"]).first(),
            year=data["year"],
            rate=data["rate"],
        )
        return Response(
            HourlyRateSerializer(
                {"function": found.function.code, "year": found.year, "rate": found.rate}
            ).data
        )


class DirectCostView(ApiView):
    @extend_schema(
        tags=["kosten"],
        operation_id="createDirectCost",
        summary="Directe kosten vastleggen",
        description="Geld dat aan een taak is besteed naast uren (ingekochte trajecten, "
        "voorzieningen, huisvesting), regionaal of voor één gemeente. Alleen teamleiders en "
        "DVO-beheerders van WerkBedrijf.",
        request=DirectCostSerializer,
        responses=responses({201: DirectCostSerializer}, 400, 403),
    )
    def post(self, request):
        policy.require(policy.can_manage_costs(request.user))
        data = validated(DirectCostSerializer, request.data)
        cost = run(
            services.record_direct_cost,
            actor=request.user,
            task=CostTask.objects.filter(code=data["task"]).first(),
            municipality=municipality_named(data.get("municipality")),
            year=data["year"],
            description=data["description"],
            amount=data["amount"],
        )
        return Response(
            DirectCostSerializer(
                {
                    "uuid": cost.uuid,
                    "task": cost.task.code,
                    "municipality": cost.municipality.uuid if cost.municipality else None,
                    "year": cost.year,
                    "description": cost.description,
                    "amount": cost.amount,
                }
            ).data,
            status=201,
        )
