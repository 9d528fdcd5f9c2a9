"""The access request (AVG art. 15) in the API: POST /api/v1/access-requests with the BSN in the
body answers everything held about the person and every processing-log entry, as JSON.

The same services as the screen: the same remit, the same logging (channel "api"), and the same
answer (404) whether nobody has the number or the person is another municipality's resident."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from werkbedrijf.access import policy
from werkbedrijf.api.base import PersonalDataApiView, refused_as, responses, validated

from .. import services
from .serializers import AccessRequestInputSerializer, AccessRequestSerializer, serialise

CHANNEL = "api"


class AccessRequestView(PersonalDataApiView):
    @extend_schema(
        tags=["privacy"],
        operation_id="answerAccessRequest",
        summary="Beantwoord een inzageverzoek (AVG art. 15)",
        description="Alleen voor de privacyfunctionaris: van een gemeente voor de eigen inwoners, "
        "van WerkBedrijf voor iedereen. Het BSN gaat in de body. Antwoordt alles wat over de "
        "persoon is vastgelegd en elke verwerking uit het Logboek Dataverwerkingen; het verzoek "
        "en het antwoord worden zelf ook gelogd. 404 wanneer er binnen uw bevoegdheid niemand "
        "met dit BSN is.",
        request=AccessRequestInputSerializer,
        responses=responses({200: AccessRequestSerializer}, 400, 403, 404),
    )
    def post(self, request):
        policy.require(policy.can_answer_access_request(request.user))
        bsn = validated(AccessRequestInputSerializer, request.data)["bsn"]
        with refused_as():
            subject = _find(request.user, bsn)
            report = services.export_report(request.user, subject, channel=CHANNEL)
        return Response(serialise(report))


def _find(user, bsn):
    try:
        return services.find_subject(user, bsn, channel=CHANNEL)
    except DjangoValidationError as exc:
        codes = {e.code for errors in exc.error_dict.values() for e in errors}
        if "not_found" in codes:
            raise Http404 from None
        raise
