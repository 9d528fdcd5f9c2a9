"""The questionnaire API: a consultant types in a paper form by the code on its letter, as the
screen `satisfaction:paper` does. The answer is stored without the person."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from werkbedrijf.access import policy
from werkbedrijf.api.base import ApiView, responses, run, validated

from .. import services
from .serializers import PaperAnswerSerializer


class PaperAnswerView(ApiView):
    @extend_schema(
        tags=["tevredenheid"],
        operation_id="createQuestionnaireAnswer",
        summary="Een papieren vragenlijst invoeren",
        description="De antwoorden van een papieren vragenlijst, met de code van de brief. De "
        "code is één keer te gebruiken en verloopt; het antwoord wordt zonder de persoon "
        "bewaard. Alleen consulenten en teamleiders van WerkBedrijf.",
        request=PaperAnswerSerializer,
        responses=responses({201: PaperAnswerSerializer}, 400, 403),
    )
    def post(self, request):
        policy.require(policy.can_enter_paper_questionnaire(request.user))
        data = validated(PaperAnswerSerializer, request.data)
        answer = run(
            services.answer,
            rename={"token": "code"},
            token=data["code"],
            score=data["score"],
            statements={name: data.get(name) for name in ("listened", "clear", "helped")},
            comment=data.get("comment", ""),
            entered_by=request.user,
        )
        return Response(
            PaperAnswerSerializer(
                {
                    "uuid": answer.uuid,
                    "code": data["code"],
                    "score": answer.score,
                    "listened": answer.listened,
                    "clear": answer.clear,
                    "helped": answer.helped,
                    "comment": answer.comment,
                }
            ).data,
            status=201,
        )
