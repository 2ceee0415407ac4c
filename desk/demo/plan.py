"""Demo planning: what happens to each demo return, before any row is drawn.

`Planner` decides, from the shared random generator, when each return is created,
which statuses it walks through (a legal path in the workflow) and when, whether it
came by mail or over the counter, and which customer brings it. The result is a list
of `Plan`s and an owner index per return; `desk.demo.rows` turns them into rows and
`desk.demo.seed` writes those. Times are epoch seconds here (cheap to add and compare);
`as_datetime` converts them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime

from desk.demo.content import (
    MATURITY,
    REFUND_BY_SETTLED,
    SETTLED_TABLE,
    STATUS_SHARES,
    STEP_DAYS,
    Intake,
    S,
)

DAY = 86_400
WINDOW_DAYS = 240
"""Demo returns are created over the last ~8 months before `now`."""


class Rng(random.Random):
    """A seeded random.Random with quicker draws (the hot loops make millions of them)."""

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))

    def below(self, n: int) -> int:
        """Return an integer in [0, n)."""
        return int(self.random() * n)

    def choice(self, seq):
        return seq[int(self.random() * len(seq))]


@dataclass(slots=True)
class Plan:
    """The life of one demo return, before it gets ids and a customer."""

    intake: str
    path: list[str]
    times: list[int]  # epoch seconds, one per status in path, increasing


def as_datetime(epoch: int) -> datetime:
    return datetime.fromtimestamp(epoch, UTC)


class Planner:
    """Draws when and how each return goes, and who brings it, from `rng`."""

    def __init__(self, rng: Rng, now: datetime):
        self.rng = rng
        self.now = int(now.timestamp())

    # -- when and how each return goes ---------------------------------------------------

    def plans(self, n: int) -> list[Plan]:
        """Return `n` return lives, oldest first; young ones tend to be still open."""
        rng = self.rng
        created = sorted((self._created() for _ in range(n)), reverse=True)
        finals = sorted(_quota(n), key=lambda s: MATURITY[s] + rng.random() * 0.2)
        plans = [self._plan(final, start) for final, start in zip(finals, created, strict=True)]
        plans.sort(key=lambda p: p.times[0])
        return plans

    def _created(self) -> int:
        today = self.now - self.now % DAY
        return today - self.rng.below(WINDOW_DAYS) * DAY + self.rng.below(DAY)

    def _plan(self, final: str, start: int) -> Plan:
        rng = self.rng
        intake = Intake.MAIL if rng.random() < 0.35 else Intake.COUNTER
        if final == S.REQUESTED or (final == S.CANCELLED and rng.random() < 0.6):
            intake = Intake.MAIL if rng.random() < 0.85 else Intake.COUNTER
            initial = S.REQUESTED
        elif intake == Intake.MAIL:
            initial = S.REQUESTED if rng.random() < 0.9 else S.RECEIVED
        else:
            initial = S.REQUESTED if rng.random() < 0.08 else S.RECEIVED
        path = _path(rng, final, initial)
        return Plan(intake=intake, path=path, times=self._times(path, intake, start))

    def _times(self, path: list[str], intake: str, start: int) -> list[int]:
        """Stamp each status: a start in opening hours (any hour online), then each step."""
        if path[0] != S.REQUESTED or intake == Intake.COUNTER:
            start = _in_hours(self.rng, start - start % DAY)
        times = [start]
        for i in range(1, len(path)):
            times.append(self._step(times[-1], path[i - 1], path[i], intake))
        late = times[-1] - self.now
        if late > 0:
            shift = -(-late // DAY) * DAY  # whole days, so the hours stay in opening hours
            times = [t - shift for t in times]
        return times

    def _step(self, t: int, source: str, target: str, intake: str) -> int:
        rng = self.rng
        if source == S.RECEIVED and target in REFUND_BY_SETTLED and intake == Intake.COUNTER:
            return t + rng.randint(120, 1_500)  # settled on the spot
        low, high = STEP_DAYS.get((source, target), (1, 14) if target == S.CLOSED else (0, 3))
        days = rng.randint(low, high)
        day = t - t % DAY + days * DAY
        if days == 0:
            earliest, latest = max(t + 300, day + 9 * 3600), day + 19 * 3600
            if earliest < latest:
                return rng.randint(earliest, min(latest, earliest + 6 * 3600))
            day += DAY
        return _in_hours(rng, day)

    # -- who returns what ------------------------------------------------------------------

    def owners(self, n: int) -> list[int]:
        """Return the customer index of each return; customers are numbered as first seen.

        Every customer has a return; some have several, a few regulars have many.
        """
        rng = self.rng
        customers = max(1, round(n * 0.62))
        regulars = min(customers, max(2, customers // 300))
        extra = [
            rng.below(regulars) if rng.random() < 0.15 else rng.below(customers)
            for _ in range(n - customers)
        ]
        slots = list(range(customers)) + extra
        rng.shuffle(slots)
        renumber: dict[int, int] = {}
        return [renumber.setdefault(s, len(renumber)) for s in slots]


def _quota(n: int) -> list[str]:
    """Return `n` statuses in STATUS_SHARES proportions (largest remainder), in order."""
    total = sum(STATUS_SHARES.values())
    exact = {s: n * share / total for s, share in STATUS_SHARES.items()}
    counts = {s: int(x) for s, x in exact.items()}
    for s in sorted(exact, key=lambda s: counts[s] - exact[s])[: n - sum(counts.values())]:
        counts[s] += 1
    return [s for s, k in counts.items() for _ in range(k)]


def _path(rng: Rng, final: str, initial: str) -> list[str]:
    """Return a legal walk through the workflow from `initial` to `final`."""
    head = [S.REQUESTED, S.RECEIVED] if initial == S.REQUESTED else [S.RECEIVED]
    if final == S.REQUESTED:
        return [S.REQUESTED]
    if final == S.CANCELLED:
        return [S.REQUESTED, S.CANCELLED] if initial == S.REQUESTED else [*head, S.CANCELLED]
    if final in (S.RECEIVED, S.INSPECTING):
        return head if final == S.RECEIVED else [*head, S.INSPECTING]
    if final in (S.APPROVED, S.REJECTED):
        inspected = rng.random() < (0.6 if final == S.APPROVED else 0.75)
        return [*head, *([S.INSPECTING] if inspected else []), final]
    if final in REFUND_BY_SETTLED:
        return [*head, *_to_settled(rng, final)]
    if rng.random() < 0.08:  # closed after a rejection
        return [*head, *([S.INSPECTING] if rng.random() < 0.75 else []), S.REJECTED, S.CLOSED]
    settled = rng.choice(SETTLED_TABLE)
    return [*head, *_to_settled(rng, settled), S.CLOSED]


def _to_settled(rng: Rng, settled: str) -> list[str]:
    roll = rng.random()
    if roll < 0.45:
        return [settled]
    if roll < 0.75:
        return [S.APPROVED, settled]
    return [S.INSPECTING, S.APPROVED, settled]


def _in_hours(rng: Rng, day: int) -> int:
    """Return a moment of `day` (epoch seconds at midnight) while the shop is open."""
    return day + rng.randint(9 * 3600, 18 * 3600 + 1800)
