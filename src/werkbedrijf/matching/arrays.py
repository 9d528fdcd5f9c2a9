"""The total score of many pairs at once, over numpy arrays, to preselect the best of thousands of
eligible pairs. Pure: arrays in, arrays out, no database.

Each category is the arithmetic of its scorer in policies, and the categories are added in the
order of policies.SCORERS, so the unrounded totals are those of policies.total_score. They only
preselect: whoever may be among the best is then scored and ranked by policies itself (with its
rounding to one decimal), so a list is always the one the definition gives.
"""

from __future__ import annotations

import numpy as np

from . import policies

# A total rounded to one decimal moves at most 0.05 (and a hair of floating point): whoever is
# more than twice that below the limit-th best unrounded total cannot reach the limit-th best
# rounded score. See preselect().
MARGIN = 0.11


def competence_scores(must_held, must_asked, nice_held, nice_asked) -> np.ndarray:
    """policies._competence_score: the shares of the required and desired competences held.
    Counts may be arrays or numbers (one vacancy against many candidates, or the other way)."""
    must_held, must_asked = np.asarray(must_held, float), np.asarray(must_asked, float)
    nice_held, nice_asked = np.asarray(nice_held, float), np.asarray(nice_asked, float)
    must_share = np.where(must_asked > 0, must_held / np.maximum(must_asked, 1), 1.0)
    nice_share = np.where(nice_asked > 0, nice_held / np.maximum(nice_asked, 1), 1.0)
    none_asked = (must_asked == 0) & (nice_asked == 0)
    return np.where(none_asked, 1.0, 0.75 * must_share + 0.25 * nice_share)


def occupation_scores(occupation_wished, sector_wished) -> np.ndarray:
    """policies._occupation_score: 1 for the occupation wished, 0.5 for only its sector group."""
    return np.where(occupation_wished, 1.0, np.where(sector_wished, 0.5, 0.0))


def distance_scores(km, max_km) -> np.ndarray:
    """policies._distance_score for located pairs: 1 at home, 0 at the maximum travel distance."""
    km, max_km = np.asarray(km, float), np.asarray(max_km, float)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = 1.0 - km / max_km
    return np.where(max_km > 0, np.maximum(0.0, share), 0.0)


def hours_scores(asked, available) -> np.ndarray:
    """policies._hours_score: the hours asked as a share of those available, at most 1."""
    asked, available = np.asarray(asked, float), np.asarray(available, float)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = asked / available
    return np.where(available > 0, np.minimum(1.0, share), 0.0)


def experience_scores(years) -> np.ndarray:
    """policies._experience_score: years of experience up to EXPERIENCE_FULL_YEARS."""
    full = policies.EXPERIENCE_FULL_YEARS
    return np.minimum(np.asarray(years, float), full) / full


def requirements_scores(starts_late) -> np.ndarray:
    """policies._requirements_score: half for whoever is available only after the start date."""
    return np.where(starts_late, 0.5, 1.0)


def totals(categories: dict[str, np.ndarray], n: int) -> np.ndarray:
    """The weighted totals 0-100, unrounded, added category by category as total_score does."""
    total = np.zeros(n)
    for name in policies.SCORERS:
        total = total + policies.WEIGHTS[name] * np.broadcast_to(categories[name], (n,))
    return total * 100 / sum(policies.WEIGHTS.values())


def preselect(total: np.ndarray, limit: int) -> np.ndarray:
    """The positions of every pair that may be among the ``limit`` best once the totals are
    rounded to one decimal and ties broken by key: the limit-th best unrounded total T has a
    rounded score of at least T - 0.05, which the limit best rounded scores all reach; a total
    below T - MARGIN rounds to less than that."""
    if len(total) <= limit:
        return np.arange(len(total))
    kth = np.partition(total, len(total) - limit)[len(total) - limit]
    return np.flatnonzero(total >= kth - MARGIN)
