"""The committed OpenAPI document is the one the code generates, so an API change is deliberate."""

from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

from werkbedrijf.conf.base import PROJECT_DIR

COMMITTED = Path(PROJECT_DIR) / "src" / "openapi.yaml"


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> str:
    target = tmp_path_factory.mktemp("openapi") / "openapi.yaml"
    # The same options as bin/generate-openapi: valid OpenAPI 3 and no generator warnings.
    call_command(
        "spectacular", "--file", str(target), "--validate", "--fail-on-warn", "--lang", "nl"
    )
    return target.read_text()


def test_the_committed_openapi_document_is_up_to_date(generated):
    assert COMMITTED.read_text() == generated, (
        "src/openapi.yaml differs from the API's code: run bin/generate-openapi and commit it."
    )


def test_every_dvo_operation_documents_its_problems(generated):
    schema = yaml.safe_load(generated)
    dvo_prefixes = (
        "/api/v1/organisations",
        "/api/v1/agreements",
        "/api/v1/catalogues",
        "/api/v1/municipal-agreements",
        "/api/v1/choices",
    )
    operations = [
        (path, method, operation)
        for path, item in schema["paths"].items()
        if path.startswith(dvo_prefixes)
        for method, operation in item.items()
    ]
    assert len(operations) >= 25
    for path, method, operation in operations:
        responses = operation["responses"]
        for code in ("401", "403", "500"):
            assert "application/problem+json" in responses[code]["content"], (path, method, code)
        if "{uuid}" in path:
            assert "404" in responses, (path, method)
        if method in ("post", "put", "patch"):
            assert "400" in responses and "415" in responses, (path, method)
        assert "API-Version" in next(iter(responses.values()))["headers"]
        assert operation["security"] == [{"tokenAuth": []}, {"sessionAuth": []}]


def test_the_choice_operations_document_etag_and_if_match(generated):
    choice = yaml.safe_load(generated)["paths"]["/api/v1/choices/{uuid}"]
    assert "ETag" in choice["get"]["responses"]["200"]["headers"]
    for method in ("put", "patch", "delete"):
        names = {p["name"] for p in choice[method]["parameters"]}
        assert "If-Match" in names and "412" in choice[method]["responses"]


def test_the_token_scheme_is_documented(generated):
    schemes = yaml.safe_load(generated)["components"]["securitySchemes"]
    assert (
        schemes["tokenAuth"]["in"] == "header" and schemes["tokenAuth"]["name"] == "Authorization"
    )
    assert schemes["sessionAuth"]["in"] == "cookie"
