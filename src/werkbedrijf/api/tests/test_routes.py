"""The order of the API's routes: Django tries them in order, so the order may only matter where
two business areas' routes start with the same path segment."""

from werkbedrijf.api import urls


def test_only_candidates_and_matching_share_a_first_segment_and_candidates_come_first():
    includes = []
    for route in urls.urlpatterns:
        if hasattr(route, "url_patterns"):  # an app's routes, under ""
            firsts = {str(pattern.pattern).split("/")[0] for pattern in route.url_patterns}
            assert not any("<" in first for first in firsts), firsts  # literal, never a value
            includes.append((route.urlconf_module.__name__, firsts))
    shared = [
        (a, b, sorted(firsts_a & firsts_b))
        for i, (a, firsts_a) in enumerate(includes)
        for b, firsts_b in includes[i + 1 :]
        if firsts_a & firsts_b
    ]
    # The candidates' own routes are tried before matching's under /candidates and /trajectories.
    assert shared == [
        (
            "werkbedrijf.candidates.api.urls",
            "werkbedrijf.matching.api.urls",
            ["candidates", "trajectories"],
        )
    ]
