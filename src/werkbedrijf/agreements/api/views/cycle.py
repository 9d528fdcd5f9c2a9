"""The steps of the DVO cycle with their deadlines: every step, or the user's work list."""

from __future__ import annotations

import uuid

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.response import Response

from werkbedrijf.access import policy
from werkbedrijf.agreements import selectors, services
from werkbedrijf.agreements.api.serializers.cycle import (
    CompletionInputSerializer,
    CycleStepInputSerializer,
    CycleStepSerializer,
    CycleStepUpdateSerializer,
)
from werkbedrijf.api.base import ApiView, invalid, run, validated
from werkbedrijf.organisations.selectors import organisations_for

from .parameters import query_flag


def _uuid(raw: str) -> uuid.UUID:
    try:
        return uuid.UUID(raw.strip())
    except ValueError:
        raise ValidationError(
            {"agreement": [ErrorDetail(_("Enter a valid UUID."), code="invalid")]}
        ) from None


class CycleStepListView(ApiView):
    @extend_schema(
        operation_id="listCycleSteps",
        summary="De stappen van de DVO-cyclus met hun termijnen",
        description="Elke stap (ontwerp, wensen van de raad, zienswijzen, vaststelling, "
        "ondertekening, bijstelling, toezeggingen) met termijn, wie aan zet is (rol en "
        "organisatie) en waar de stap staat: gedaan, verlopen, binnenkort (binnen een maand) of "
        "later. Met `mine=true` alleen wat de gebruiker zelf te doen heeft en dat verlopen is of "
        "binnen een maand moet.",
        parameters=[
            OpenApiParameter(
                "mine",
                OpenApiTypes.BOOL,
                OpenApiParameter.QUERY,
                description="Alleen de werklijst van de gebruiker.",
            ),
            OpenApiParameter(
                "agreement",
                OpenApiTypes.UUID,
                OpenApiParameter.QUERY,
                description="Alleen de stappen van deze DVO-versie.",
            ),
        ],
        responses=CycleStepSerializer(many=True),
    )
    def get(self, request):
        today = timezone.localdate()
        user = request.user
        if query_flag(request, "mine"):
            rows = selectors.due_steps(user, today)
        else:
            rows = selectors.cycle_steps(user, today)
            if "agreement" in request.query_params:
                # An agreement the user cannot see, or none, simply has no steps to show.
                wanted = _uuid(request.query_params["agreement"])
                rows = [r for r in rows if r.step.agreement.uuid == wanted]
        return Response(CycleStepSerializer(rows, many=True).data)


def _step_response(request, step, status_code=status.HTTP_200_OK) -> Response:
    row = selectors.step_row(request.user, step.uuid, timezone.localdate())
    # No Location on a new step: a step is read in the list (listCycleSteps), not on its own.
    return Response(CycleStepSerializer(row).data, status=status_code)


def _pick(queryset, field: str, value, message: str):
    """The record ``value`` names among those the user may see, or a 400 about ``field``."""
    if value is None:
        return None
    found = queryset.filter(uuid=value).first()
    if found is None:
        raise invalid(field, message, "does_not_exist")
    return found


def _step_input(request, agreement, data: dict, step=None) -> services.StepInput:
    user = request.user
    today = timezone.localdate()
    visible_steps = selectors.cycle_steps(user, today, agreement)
    follows = data.get("followsStep")
    before = None
    if follows is not None:
        before = next((r.step for r in visible_steps if r.step.uuid == follows), None)
        if before is None:
            raise invalid(
                "followsStep",
                _("There is no step of this agreement with this UUID."),
                "does_not_exist",
            )
    return services.StepInput(
        kind=data["kind"],
        title=data["title"],
        due_on=data["dueOn"],
        actor_role=data["actorRole"],
        actor_organisation=_pick(
            organisations_for(user),
            "actorOrganisation",
            data["actorOrganisation"],
            _("There is no organisation with this UUID."),
        ),
        depends_on=before,
        municipal_agreement=step.municipal_agreement if step else None,
        opinion=step.opinion if step else None,
        description=data.get("description", ""),
        remind_days_before=data.get("remindDaysBefore"),
        source=data.get("source", ""),
    )


def _as_input(step) -> dict:
    """A stored step in input shape, so a PATCH changes only what it names."""
    return {
        "kind": step.kind,
        "title": step.title,
        "dueOn": step.due_on,
        "actorRole": step.actor_role,
        "actorOrganisation": step.actor_organisation.uuid,
        "followsStep": step.depends_on.uuid if step.depends_on_id else None,
        "description": step.description,
        "remindDaysBefore": step.remind_days_before,
        "source": step.source,
    }


RENAME = {"dependsOn": "followsStep"}


class CycleStepCreateView(CycleStepListView):
    @extend_schema(
        operation_id="createCycleStep",
        summary="Een stap van de DVO-cyclus plannen",
        description="Een DVO-beheerder plant een stap: termijn, wie aan zet is (rol en "
        "organisatie) en de stap die eerst gedaan moet zijn. Een termijn vóór die van de stap die "
        "eerst moet, of een rol die bij de organisatie niet bestaat, wordt geweigerd met 400.",
        request=CycleStepInputSerializer,
        responses={201: CycleStepSerializer},
    )
    def post(self, request):
        policy.require(policy.can_manage_cycle(request.user))
        data = validated(CycleStepInputSerializer, request.data)
        agreement = _pick(
            selectors.agreements_for(request.user),
            "agreement",
            data["agreement"],
            _("There is no agreement with this UUID."),
        )
        step = run(
            services.add_step,
            RENAME,
            actor=request.user,
            agreement=agreement,
            data=_step_input(request, agreement, data),
        )
        return _step_response(request, step, status.HTTP_201_CREATED)


class CycleStepDetailView(ApiView):
    @extend_schema(
        operation_id="updateCycleStep",
        summary="Een stap van de DVO-cyclus wijzigen",
        description="Een termijn verschuiven of veranderen wie aan zet is; alleen de genoemde "
        "velden veranderen. De volgorde van de stappen moet blijven kloppen: een termijn na die "
        "van een stap die erop volgt wordt geweigerd met 400.",
        request=CycleStepUpdateSerializer,
        responses=CycleStepSerializer,
    )
    def patch(self, request, uuid):
        step = selectors.get_step(request.user, uuid)
        policy.require(policy.can_manage_cycle(request.user))
        data = validated(CycleStepUpdateSerializer, request.data, partial=True)
        data = {**_as_input(step), **data}
        step = run(
            services.update_step,
            RENAME,
            actor=request.user,
            step=step,
            data=_step_input(request, step.agreement, data, step),
        )
        return _step_response(request, step)


class CycleStepCompletionView(ApiView):
    @extend_schema(
        operation_id="completeCycleStep",
        summary="Een stap van de DVO-cyclus afronden",
        description="Wie aan zet is (de rol bij de organisatie van de stap) of een DVO-beheerder "
        "meldt de stap als gedaan, met de dag en hoe. Een dag vóór die waarop de voorgaande stap "
        "gedaan is, wordt geweigerd met 400.",
        request=CompletionInputSerializer,
        responses=CycleStepSerializer,
    )
    def post(self, request, uuid):
        step = selectors.get_step(request.user, uuid)
        policy.require(policy.can_complete_step(request.user, step))
        data = validated(CompletionInputSerializer, request.data)
        step = run(
            services.complete_step,
            actor=request.user,
            step=step,
            done_on=data["doneOn"],
            note=data["note"],
        )
        return _step_response(request, step)
