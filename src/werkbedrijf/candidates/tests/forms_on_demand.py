"""The candidate's page with the forms of its closed sections, as a browser has it once every
section was opened (each fetched with htmx from candidates:candidate_form)."""

import re

ON_DEMAND = re.compile(r'<div data-form-on-demand="([^"]+)" hx-get="([^"]+)"')


def with_forms(client, html: str) -> str:
    """``html`` of the candidate's page with each folded form's body in its place."""

    def fetch(match: re.Match) -> str:
        response = client.get(match.group(2), headers={"HX-Request": "true"})
        assert response.status_code == 200, match.group(1)
        return response.content.decode() + match.group(0)

    return ON_DEMAND.sub(fetch, html)


def page_with_forms(client, url: str) -> str:
    """The candidate's page at ``url`` with every folded form (``with_forms``)."""
    response = client.get(url)
    assert response.status_code == 200
    return with_forms(client, response.content.decode())
