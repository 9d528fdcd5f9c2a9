"""Helpers for every API test: JSON requests and assertions about problem answers."""

import json

from werkbedrijf.api.problems import PROBLEM

API = "/api/v1"


def call(client, method: str, url: str, body=None, **headers):
    """A JSON request; ``headers`` as keyword arguments, e.g. ``If_Match='"1"'``."""
    kwargs = {"headers": {k.replace("_", "-"): v for k, v in headers.items()}}
    if body is not None:
        kwargs.update(data=json.dumps(body), content_type="application/json")
    return getattr(client, method)(url, **kwargs)


def problem_of(response, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == status
    assert body["title"] and body["detail"]
    return body


def invalid_names(response) -> set[str]:
    body = problem_of(response, 400)
    return {param["name"] for param in body["invalidParams"]}
