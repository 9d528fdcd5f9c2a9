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
from ..models import CostTask, StaffFunction, TeamAllocation, TimeEntry
from .serializers import (
    CostOverviewSerializer,
    CostQuerySerializer,
    DirectCostSerializer,
    HourlyRateSerializer,
    TeamAllocationListSerializer,
    TeamAllocationSerializer,
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


def _allocation_data(allocation: TeamAllocation) -> dict:
    return {
        "uuid": allocation.uuid,
        "team": allocation.team.uuid,
        "function": allocation.function.code,
        "year": allocation.year,
        "fte": allocation.fte,
        "hoursPerFte": allocation.hours_per_fte,
        "shares": [
            {
                "task": share.task.code,
                "municipality": share.municipality.uuid if share.municipality else None,
                "percent": share.percent,
            }
            for share in allocation.shares.all()
        ],
    }


class TeamAllocationView(ApiView):
    @extend_schema(
        tags=["kosten"],
        operation_id="listTeamAllocations",
        summary="Teams die hun tijd in fte verdelen",
        description="Per team van WerkBedrijf en functie de fte, de productieve uren per fte en "
        "de verdeling van de tijd over taken in een jaar (standaard dit jaar). Alleen teamleiders "
        "en DVO-beheerders van WerkBedrijf.",
        parameters=[CostQuerySerializer],
        responses=responses({200: TeamAllocationListSerializer}, 400, 403),
    )
    def get(self, request):
        policy.require(policy.can_manage_costs(request.user))
        query = validated_query(request, CostQuerySerializer)
        year = query.get("year") or timezone.localdate().year
        data = {
            "year": year,
            "allocations": [_allocation_data(a) for a in selectors.allocations(year)],
        }
        return Response(TeamAllocationListSerializer(data).data)

    @extend_schema(
        tags=["kosten"],
        operation_id="setTeamAllocation",
        summary="De tijd van een team in fte verdelen",
        description="Legt voor een team, functie en jaar de fte en de verdeling over taken vast "
        "(samen precies 100 %) en vervangt een eerdere verdeling van dat team, die functie en dat "
        "jaar. Geweigerd als teamleden dat jaar al uren per persoon schreven: dan telden die "
        "dubbel.",
        request=TeamAllocationSerializer,
        responses=responses({200: TeamAllocationSerializer}, 400, 403),
    )
    def post(self, request):
        from werkbedrijf.organisations.models import Team

        policy.require(policy.can_manage_costs(request.user))
        data = validated(TeamAllocationSerializer, request.data)
        tasks = {t.code: t for t in CostTask.objects.all()}
        shares = [
            services.ShareInput(
                tasks.get(share["task"]),
                municipality_named(share.get("municipality")),
                share["percent"],
            )
            for share in data["shares"]
        ]
        allocation = run(
            services.allocate_team,
            rename={"hours_per_fte": "hoursPerFte"},
            actor=request.user,
            team=Team.objects.filter(uuid=data["team"]).first(),
            function=StaffFunction.objects.filter(code=data["function"]).first(),
            year=data["year"],
            fte=data["fte"],
            hours_per_fte=data["hoursPerFte"],
            shares=shares,
        )
        return Response(TeamAllocationSerializer(_allocation_data(allocation)).data)
