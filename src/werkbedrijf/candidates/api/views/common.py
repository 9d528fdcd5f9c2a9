"""What the candidate API's views share: look-ups by UUID within the user's scope, the caseload's
cursor and pages, and the answer with a trajectory and its ETag."""

from __future__ import annotations

import json

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import status
from rest_framework.response import Response

from werkbedrijf.access import policy
from werkbedrijf.accounts.models import User
from werkbedrijf.api.base import absolute_url, invalid, next_link
from werkbedrijf.api.conditional import etag
from werkbedrijf.candidates import selectors
from werkbedrijf.candidates.models import ReferralChannel
from werkbedrijf.organisations.models import Organisation, OrganisationKind

from ..serializers.journey import TrajectoryDetailSerializer

CHANNEL = ReferralChannel.API


def etag_header(status_code: int) -> OpenApiParameter:
    return OpenApiParameter(
        "ETag",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        response=[status_code],
        description="De versie van het traject; stuur die mee in If-Match bij een stap.",
    )


# --- lookups: by UUID, within the user's scope ---------------------------------------------------


def find_municipality(user, uuid, field: str = "municipality") -> Organisation:
    organisation = (
        policy.organisation_scope(user, Organisation.objects.all())
        .filter(kind=OrganisationKind.MUNICIPALITY, uuid=uuid)
        .first()
    )
    if organisation is None:
        raise invalid(field, _("There is no municipality with this identifier."), "unknown")
    return organisation


def find_staff_member(uuid, field: str, *, organisation=None, werkbedrijf: bool = False) -> User:
    """An active staff member to name in a record (contact person, participant, consultant)."""
    if uuid is None:
        return None
    qs = User.objects.filter(uuid=uuid, is_active=True, organisation__isnull=False)
    if werkbedrijf:
        qs = qs.filter(organisation__kind=OrganisationKind.WERKBEDRIJF)
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    member = qs.select_related("organisation").first()
    if member is None:
        raise invalid(field, _("There is no active staff member with this identifier."), "unknown")
    return member


def keyset_cursor(user, uuid) -> str | None:
    """The caseload's keyset for the row a `next` link points after (see selectors.keyset_after);
    an unknown UUID is a stale link."""
    if uuid is None:
        return None
    keyset = selectors.keyset_after(user, uuid)
    if keyset is None:
        raise invalid("cursor", _("This page link is no longer valid."), "invalid_cursor")
    return keyset


# --- answers -------------------------------------------------------------------------------------


def caseload_response(
    request, query: dict, filters, represent_rows, query_serializer, read=selectors.caseload
) -> Response:
    """One page of the caseload under ``filters``, with the link to the next page (keyset);
    ``read`` is ``selectors.caseload`` (trajectories) or ``selectors.caseload_values`` (dicts),
    ``represent_rows`` turns the page's rows into the JSON rows."""
    user = request.user
    page = read(
        user,
        filters,
        cursor=keyset_cursor(user, query.get("cursor")),
        page_size=query["pageSize"],
        channel=CHANNEL,
    )
    last = None
    if page.next_cursor:
        row = page.rows[-1]
        last = row["uuid"] if isinstance(row, dict) else row.uuid
    return Response(
        {
            "results": represent_rows(page.rows),
            "next": next_link(request, query_serializer, last),
        }
    )


def caseload_json_response(request, query: dict, filters, query_serializer) -> HttpResponse | None:
    """``caseload_response`` of ``caseload_rows`` with the rows as JSON made by PostgreSQL
    (``selectors.caseload_json``): the same bytes as DRF renders, with only the page's envelope
    written here. None on a database that cannot make them (then ``caseload_response``)."""
    user = request.user
    page = selectors.caseload_json(
        user,
        filters,
        cursor=keyset_cursor(user, query.get("cursor")),
        page_size=query["pageSize"],
        channel=CHANNEL,
    )
    if page is None:
        return None
    link = json.dumps(next_link(request, query_serializer, page.last_uuid), ensure_ascii=False)
    body = f'{{"results":{page.items},"next":{link}}}'
    # As DRF's JSONRenderer: these two are valid in JSON but end a line in JavaScript.
    body = body.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return HttpResponse(body.encode(), content_type="application/json")


def trajectory_response(request, trajectory, status_code=status.HTTP_200_OK) -> Response:
    response = Response(TrajectoryDetailSerializer(trajectory).data, status=status_code)
    response["ETag"] = etag(trajectory.lock_version)
    if status_code == status.HTTP_201_CREATED:
        response["Location"] = absolute_url(request, "trajectory-detail", uuid=trajectory.uuid)
    return response
