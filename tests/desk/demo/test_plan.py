"""Demo planning: legal paths, increasing times in the last months, owners numbered in order."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

import pytest

from desk.codes import INITIAL, TRANSITIONS, Status
from desk.demo.content import STATUS_SHARES
from desk.demo.plan import DAY, WINDOW_DAYS, Planner, Rng, _quota, as_datetime

NOW = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)
N = 400


@pytest.fixture(scope="module")
def plans():
    return Planner(Rng(7), NOW).plans(N)


def test_every_path_is_a_legal_walk(plans):
    for plan in plans:
        assert plan.path[0] in INITIAL, plan
        for source, target in zip(plan.path, plan.path[1:], strict=False):
            assert Status(target) in TRANSITIONS[Status(source)], plan


def test_times_increase_and_stay_in_the_window(plans):
    now = int(NOW.timestamp())
    for plan in plans:
        assert len(plan.times) == len(plan.path)
        assert plan.times == sorted(plan.times) and len(set(plan.times)) == len(plan.times)
        assert now - (WINDOW_DAYS + 60) * DAY < plan.times[0] and plan.times[-1] <= now
    assert [p.times[0] for p in plans] == sorted(p.times[0] for p in plans)  # oldest first


def test_final_statuses_follow_the_shares(plans):
    finals = Counter(plan.path[-1] for plan in plans)
    assert finals == Counter(_quota(N))
    assert sum(finals.values()) == N


@pytest.mark.parametrize("n", [1, 7, 100, 1001])
def test_quota_is_exact_and_proportional(n):
    counts = Counter(_quota(n))
    assert sum(counts.values()) == n
    total = sum(STATUS_SHARES.values())
    for status, share in STATUS_SHARES.items():
        assert abs(counts[status] - n * share / total) < 1


def test_the_same_seed_plans_the_same_demo():
    first = Planner(Rng(3), NOW).plans(50)
    again = Planner(Rng(3), NOW).plans(50)
    other = Planner(Rng(4), NOW).plans(50)
    assert [(p.path, p.times) for p in first] == [(p.path, p.times) for p in again]
    assert [p.times for p in first] != [p.times for p in other]


def test_owners_number_customers_as_first_seen():
    owners = Planner(Rng(5), NOW).owners(N)
    assert len(owners) == N
    first_seen = list(dict.fromkeys(owners))
    assert first_seen == list(range(len(first_seen)))
    assert len(first_seen) == round(N * 0.62)  # every customer has a return
    assert max(Counter(owners).values()) > 1  # and some have several


def test_as_datetime_is_aware_utc():
    assert as_datetime(0) == datetime(1970, 1, 1, tzinfo=UTC)
