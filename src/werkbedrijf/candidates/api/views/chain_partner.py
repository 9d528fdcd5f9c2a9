"""The chain partner's lookup in the API: POST /api/v1/chain-partner-lookups with a resident's
BSN in the body answers whether the resident is in service at WerkBedrijf, the phase and the one
contact person with how to reach them (council wish 2), and nothing else.

The same selector as the screen (candidates.chain_selectors): the same remit, the same logging
(channel "api"), and one answer, 404, for a resident not in service, a person WerkBedrijf does not
know and another municipality's resident."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from werkbedrijf.access import policy
from werkbedrijf.api.base import PersonalDataApiView, invalid, responses, validated
from werkbedrijf.api.inputs import InputSerializer
from werkbedrijf.candidates import chain_selectors
from werkbedrijf.candidates.models import Phase
from werkbedrijf.utils.bsn import bsn_digits, is_valid_bsn

from .common import CHANNEL


class ChainPartnerLookupInputSerializer(InputSerializer):
    bsn = serializers.CharField(
        max_length=20, help_text="Het BSN van de inwoner; gaat in de body, nooit in de URL."
    )


class ChainContactSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="Naam van het vaste aanspreekpunt.")
    organisation = serializers.CharField(help_text="De organisatie waar die persoon werkt.")
    email = serializers.CharField(help_text="E-mailadres (leeg wanneer niet bekend).")


class ChainPartnerAnswerSerializer(serializers.Serializer):
    phase = serializers.ChoiceField(Phase.choices, help_text="De fase van het lopende traject.")
    phaseLabel = serializers.CharField(source="phase_label", help_text="De fase, in woorden.")
    contactPerson = ChainContactSerializer(
        source="contact",
        allow_null=True,
        help_text="Het vaste aanspreekpunt, of null wanneer WerkBedrijf er nog geen noemde.",
    )


class ChainPartnerLookupView(PersonalDataApiView):
    @extend_schema(
        tags=["ketenpartners"],
        operation_id="lookUpResidentForChainPartner",
        summary="Is een inwoner in traject bij WerkBedrijf, en wie is het aanspreekpunt?",
        description="Alleen voor een ketenpartner (Buurtteam, Zorg, Leerrecht) van een gemeente, "
        "voor de eigen inwoners. Het BSN gaat in de body. Antwoordt de fase en het vaste "
        "aanspreekpunt met e-mailadres, en niets anders; elke vraag staat in het Logboek "
        "Dataverwerkingen. 404 wanneer de inwoner niet in traject is, niet bekend is of in een "
        "andere gemeente woont: één antwoord voor alle drie.",
        request=ChainPartnerLookupInputSerializer,
        responses=responses({200: ChainPartnerAnswerSerializer}, 400, 403, 404),
    )
    def post(self, request):
        policy.require(policy.can_look_up_as_chain_partner(request.user))
        bsn = validated(ChainPartnerLookupInputSerializer, request.data)["bsn"]
        bsn = bsn_digits(bsn)
        if not is_valid_bsn(bsn):
            raise invalid("bsn", _("This is not a valid BSN (it fails the 11-proef)."))
        answer = chain_selectors.look_up(request.user, bsn, channel=CHANNEL)
        if answer is None:
            raise Http404
        return Response(ChainPartnerAnswerSerializer(answer).data)
