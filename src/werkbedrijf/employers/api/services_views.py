"""The API of employer services: locations, the profile (size, account manager), contact moments,
wishes, events and employer reach. Recording is WerkBedrijf's (access.policy
.can_record_employer_services); showing the name of a person spoken to is logged."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from werkbedrijf.access import policy
from werkbedrijf.api.base import (
    PersonalDataApiView,
    absolute_url,
    invalid,
    responses,
    run,
    validated,
    validated_query,
)
from werkbedrijf.api.conditional import location_header
from werkbedrijf.organisations.models import Organisation, OrganisationKind
from werkbedrijf.processing_log.models import Action

from .. import selectors, services
from ..models import Employer
from .serializers import (
    ContactInputSerializer,
    ContactListSerializer,
    ContactSerializer,
    EmployerProfileSerializer,
    EmployerSerializer,
    EventDetailSerializer,
    EventInputSerializer,
    EventListSerializer,
    EventQuerySerializer,
    EventSerializer,
    EventUpdateSerializer,
    LocationInputSerializer,
    LocationListSerializer,
    LocationSerializer,
    ReachQuerySerializer,
    ReachSerializer,
    WishInputSerializer,
    WishListSerializer,
    WishSerializer,
    WishStatusInputSerializer,
)

TAGS = ["werkgeversdienstverlening"]


# --- look-ups by UUID ----------------------------------------------------------------------------


def _municipality(user, uuid, field: str = "municipality"):
    if uuid is None:
        return None
    found = (
        policy.organisation_scope(user, Organisation.objects.all())
        .filter(kind=OrganisationKind.MUNICIPALITY, uuid=uuid)
        .first()
    )
    if found is None:
        raise invalid(field, _("There is no municipality with this identifier."), "unknown")
    return found


def _consultant(user, uuid):
    if uuid is None:
        return None
    found = selectors.account_manager_choices(user).filter(uuid=uuid).first()
    if found is None:
        raise invalid(
            "accountManager", _("There is no consultant with this identifier."), "unknown"
        )
    return found


def _employers(user, uuids):
    uuids = list(dict.fromkeys(uuids))
    found = list(Employer.objects.filter(uuid__in=uuids)) if uuids else []
    if len(found) != len(uuids):
        raise invalid("employers", _("There is no employer with one of these identifiers."))
    return found


def _candidates(user, uuids):
    from werkbedrijf.candidates.models import Candidate

    uuids = list(dict.fromkeys(uuids))
    if not uuids:
        return []
    found = list(policy.candidate_scope(user, Candidate.objects.filter(uuid__in=uuids)))
    if len(found) != len(uuids):
        raise invalid("candidates", _("There is no candidate with one of these identifiers."))
    return found


def _with_counts(user, event):
    event.employer_count = event.employers.count()
    event.candidate_count = selectors.event_candidate_count(user, event)
    return event


def _event_detail(user, event) -> dict:
    _with_counts(user, event)
    data = EventSerializer(event).data
    data["employers"] = [
        {"uuid": str(e.uuid), "name": e.name} for e in selectors.event_employers(user, event)
    ]
    data["candidates"] = [str(c.uuid) for c in selectors.event_candidates(user, event)]
    return data


# --- the employer's profile ----------------------------------------------------------------------


class EmployerProfileMixin:
    """PATCH of /employers/{uuid}: the size and the account manager."""

    @extend_schema(
        tags=["werkgevers"],
        operation_id="updateEmployer",
        summary="Grootte en accountmanager van een werkgever",
        description="Alleen WerkBedrijf (consulenten, teammanagers).",
        request=EmployerProfileSerializer,
        responses=responses({200: EmployerSerializer}, 400, 403, 404),
    )
    def patch(self, request, uuid):
        user = request.user
        policy.require(policy.can_record_employer_services(user))
        employer = selectors.employer(user, uuid, shown=False)
        data = validated(EmployerProfileSerializer, request.data, partial=True)
        manager = (
            _consultant(user, data["account_manager"])
            if "account_manager" in data
            else employer.account_manager
        )
        employer = run(
            services.update_employer_profile,
            {"size_class": "sizeClass", "account_manager": "accountManager"},
            actor=user,
            employer=employer,
            size_class=data.get("size_class", employer.size_class),
            account_manager=manager,
        )
        selectors.log_employer_contacts(user, [employer], action=Action.UPDATE)
        return Response(EmployerSerializer(employer).data)


# --- locations -----------------------------------------------------------------------------------


class LocationListView(PersonalDataApiView):
    @extend_schema(
        tags=TAGS,
        operation_id="listEmployerLocations",
        summary="Locaties van een werkgever",
        responses=responses({200: LocationListSerializer}, 404),
    )
    def get(self, request, uuid):
        employer = selectors.employer(request.user, uuid, shown=False)
        rows = selectors.locations(request.user, employer)
        return Response({"results": LocationSerializer(rows, many=True).data})

    @extend_schema(
        tags=TAGS,
        operation_id="createEmployerLocation",
        summary="Voeg een locatie van een werkgever toe",
        request=LocationInputSerializer,
        responses=responses({201: LocationSerializer}, 400, 403, 404),
    )
    def post(self, request, uuid):
        user = request.user
        policy.require(policy.can_record_employer_services(user))
        employer = selectors.employer(user, uuid, shown=False)
        data = dict(validated(LocationInputSerializer, request.data))
        data["municipality"] = _municipality(user, data["municipality"])
        location = run(
            services.add_location,
            {"house_number": "houseNumber"},
            actor=user,
            employer=employer,
            **data,
        )
        return Response(LocationSerializer(location).data, status=201)


# --- contact moments -----------------------------------------------------------------------------


class ContactListView(PersonalDataApiView):
    @extend_schema(
        tags=TAGS,
        operation_id="listEmployerContacts",
        summary="Contactmomenten met een werkgever",
        description="De laatste 100, nieuwste eerst. Alleen WerkBedrijf; het tonen van de naam van "
        "de contactpersoon wordt gelogd.",
        responses=responses({200: ContactListSerializer}, 403, 404),
    )
    def get(self, request, uuid):
        user = request.user
        policy.require(policy.can_view_employer_services(user))
        employer = selectors.employer(user, uuid, shown=False)
        rows = selectors.contacts(user, employer)
        return Response({"results": ContactSerializer(rows, many=True).data})

    @extend_schema(
        tags=TAGS,
        operation_id="createEmployerContact",
        summary="Leg een contactmoment met een werkgever vast",
        description="Een bezoek, telefoongesprek of overleg. Telt mee voor events en lokale "
        "marktbewerking (20 contacten of 1 event per eenheid) van de gemeente waar het plaatsvond.",
        request=ContactInputSerializer,
        responses=responses({201: ContactSerializer}, 400, 403, 404),
    )
    def post(self, request, uuid):
        user = request.user
        policy.require(policy.can_record_employer_services(user))
        employer = selectors.employer(user, uuid, shown=False)
        data = dict(validated(ContactInputSerializer, request.data))
        data["municipality"] = _municipality(user, data.get("municipality"))
        location_uuid = data.pop("location", None)
        location = None
        if location_uuid is not None:
            location = employer.locations.filter(uuid=location_uuid).first()
            if location is None:
                raise invalid("location", _("This location is not one of this employer's."))
        contact = run(
            services.record_contact,
            {
                "contact_on": "contactOn",
                "follow_up_on": "followUpOn",
                "contact_person": "contactPerson",
            },
            actor=user,
            employer=employer,
            location=location,
            **data,
        )
        return Response(ContactSerializer(contact).data, status=201)


# --- wishes --------------------------------------------------------------------------------------


class WishListView(PersonalDataApiView):
    @extend_schema(
        tags=TAGS,
        operation_id="listEmployerWishes",
        summary="Wensen van een werkgever voor werkbaar werk",
        responses=responses({200: WishListSerializer}, 403, 404),
    )
    def get(self, request, uuid):
        user = request.user
        policy.require(policy.can_view_employer_services(user))
        employer = selectors.employer(user, uuid, shown=False)
        return Response(
            {"results": WishSerializer(selectors.wishes(user, employer), many=True).data}
        )

    @extend_schema(
        tags=TAGS,
        operation_id="createEmployerWish",
        summary="Leg een wens voor werkbaar werk vast",
        description="Jobcarving, proefplaatsen of leerwerkplekken, met een status.",
        request=WishInputSerializer,
        responses=responses({201: WishSerializer}, 400, 403, 404),
    )
    def post(self, request, uuid):
        user = request.user
        policy.require(policy.can_record_employer_services(user))
        employer = selectors.employer(user, uuid, shown=False)
        data = validated(WishInputSerializer, request.data)
        wish = run(services.record_wish, actor=user, employer=employer, **data)
        return Response(WishSerializer(wish).data, status=201)


class WishDetailView(PersonalDataApiView):
    @extend_schema(
        tags=TAGS,
        operation_id="updateEmployerWish",
        summary="Wijzig de status van een wens",
        request=WishStatusInputSerializer,
        responses=responses({200: WishSerializer}, 400, 403, 404),
    )
    def patch(self, request, uuid):
        user = request.user
        policy.require(policy.can_record_employer_services(user))
        wish = selectors.wish(user, uuid)
        data = validated(WishStatusInputSerializer, request.data)
        wish = run(services.change_wish_status, actor=user, wish=wish, status=data["status"])
        return Response(WishSerializer(wish).data)


# --- events --------------------------------------------------------------------------------------


class EventListView(PersonalDataApiView):
    @extend_schema(
        tags=TAGS,
        operation_id="listEmployerEvents",
        summary="Events voor werkgevers en kandidaten",
        description="De laatste 200, nieuwste eerst; met het aantal deelnemende werkgevers en "
        "kandidaten.",
        parameters=[EventQuerySerializer],
        responses=responses({200: EventListSerializer}, 400, 403),
    )
    def get(self, request):
        user = request.user
        policy.require(policy.can_view_employer_services(user))
        query = validated_query(request, EventQuerySerializer)
        rows = selectors.events(user, year=query.get("year"))
        return Response({"results": EventSerializer(rows, many=True).data})

    @extend_schema(
        tags=TAGS,
        operation_id="createEmployerEvent",
        summary="Registreer een event",
        description="Een banenmarkt, bedrijfsbezoek of speeddates in één gemeente. Een event in de "
        "toekomst kan niet als gehouden worden vastgelegd.",
        request=EventInputSerializer,
        parameters=[location_header()],
        responses=responses({201: EventDetailSerializer}, 400, 403),
    )
    def post(self, request):
        user = request.user
        policy.require(policy.can_record_employer_services(user))
        data = dict(validated(EventInputSerializer, request.data))
        data["municipality"] = _municipality(user, data.get("municipality"))
        data["employers"] = _employers(user, data.get("employers", []))
        data["candidates"] = _candidates(user, data.get("candidates", []))
        event = run(services.record_event, {"held_on": "heldOn"}, actor=user, **data)
        response = Response(_event_detail(user, event), status=201)
        response["Location"] = absolute_url(request, "employer-event", uuid=event.uuid)
        return response


class EventDetailView(PersonalDataApiView):
    @extend_schema(
        tags=TAGS,
        operation_id="getEmployerEvent",
        summary="Eén event",
        description="Met de deelnemende werkgevers en de deelnemende kandidaten die u mag zien.",
        responses=responses({200: EventDetailSerializer}, 403, 404),
    )
    def get(self, request, uuid):
        user = request.user
        policy.require(policy.can_view_employer_services(user))
        return Response(_event_detail(user, selectors.event(user, uuid)))

    @extend_schema(
        tags=TAGS,
        operation_id="updateEmployerEvent",
        summary="Wijzig de status van een event of voeg deelnemers toe",
        request=EventUpdateSerializer,
        responses=responses({200: EventDetailSerializer}, 400, 403, 404),
    )
    def patch(self, request, uuid):
        user = request.user
        policy.require(policy.can_record_employer_services(user))
        event = selectors.event(user, uuid)
        data = validated(EventUpdateSerializer, request.data)
        event = run(
            services.update_event,
            actor=user,
            event=event,
            status=data["status"],
            employers=_employers(user, data.get("employers", [])),
            candidates=_candidates(user, data.get("candidates", [])),
        )
        return Response(_event_detail(user, event))


# --- reach ---------------------------------------------------------------------------------------


class ReachView(PersonalDataApiView):
    @extend_schema(
        tags=TAGS,
        operation_id="getEmployerReach",
        summary="Werkgeversbereik per jaar en werksoort",
        description="Unieke werkgevers met minstens één contactmoment in het jaar, per werksoort; "
        "voor de regio of één gemeente (een gemeente ziet alleen de eigen). Alleen totalen.",
        parameters=[ReachQuerySerializer],
        responses=responses({200: ReachSerializer}, 400, 404),
    )
    def get(self, request):
        user = request.user
        query = validated_query(request, ReachQuerySerializer)
        municipality = _municipality(user, query.get("municipality"))
        if municipality is None and not policy.can_view_employer_reach(user, None):
            municipality = policy.employer_reach_default_municipality(user)
            if municipality is None:
                raise Http404
        reach = selectors.employer_reach(user, query["year"], municipality)
        return Response(ReachSerializer(reach).data)
