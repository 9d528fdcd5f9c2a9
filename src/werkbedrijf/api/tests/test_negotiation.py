"""The API views' choice of renderer: the direct answer for the usual Accept headers is DRF's."""

import pytest
from django.http import Http404
from rest_framework.exceptions import NotAcceptable
from rest_framework.test import APIRequestFactory
from rest_framework.views import APIView

from werkbedrijf.api.base import ApiView
from werkbedrijf.candidates.api.views.candidates import CandidateListView


def _choice(negotiate, view_class, accept, query):
    view = view_class()
    view.format_kwarg = None
    headers = {} if accept is None else {"HTTP_ACCEPT": accept}
    request = view.initialize_request(APIRequestFactory().get("/api/v1/x", query, **headers))
    try:
        renderer, media_type = negotiate(view, request)
    except (NotAcceptable, Http404) as exc:
        return type(exc)
    return type(renderer), media_type


@pytest.mark.parametrize("view_class", [ApiView, CandidateListView])
@pytest.mark.parametrize(
    "accept",
    [
        None,
        "*/*",
        "application/json",
        "application/json; indent=4",
        "application/*",
        "text/html",
        "text/html, */*;q=0.8",
        "",
    ],
)
@pytest.mark.parametrize("query", [{}, {"format": "json"}, {"format": "api"}, {"name": "Jan"}])
def test_the_renderer_chosen_is_the_one_drf_chooses(view_class, accept, query):
    ours = _choice(view_class.perform_content_negotiation, view_class, accept, query)
    drf = _choice(APIView.perform_content_negotiation, view_class, accept, query)
    assert ours == drf
