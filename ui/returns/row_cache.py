"""The rows of the returns list that are in memory: a few runs of consecutive positions.

The list may stand for a million returns; only the pages around what was shown are kept,
as runs ("segments") of consecutive rows, each starting at a position in the list. A return
is found by id in constant time (`position`), a row by position in log(segments) time, and
the oldest-touched runs are dropped when more than `budget` rows are held. Plain Python:
the model (ui/returns/model.py) turns its answers into Qt signals.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from desk.listing import ReturnRow


@dataclass
class _Segment:
    start: int
    rows: list[ReturnRow]
    used: int = 0  # when it was last read or written (a counter, for eviction)

    @property
    def end(self) -> int:
        return self.start + len(self.rows)


@dataclass(frozen=True)
class Anchor:
    """Where to read a run of rows from: after the row `after` in the list's order (or
    from the list's start when None), skipping `offset` rows; `backwards` reads towards
    the list's start (the rows come newest-last and are turned round)."""

    after: ReturnRow | None
    offset: int
    backwards: bool = False


@dataclass
class RowCache:
    """Runs of list rows by position, bounded to about `budget` rows."""

    budget: int = 4000
    _segments: list[_Segment] = field(default_factory=list)
    _where: dict[int, int] = field(default_factory=dict)  # return id -> position
    _clock: int = 0
    _last: _Segment | None = None  # the run found last: a screenful of cells is in one run

    def __len__(self) -> int:
        return len(self._where)

    def get(self, position: int) -> ReturnRow | None:
        """The row at `position`, when it is in memory."""
        segment = self._segment_at(position)
        if segment is None:
            return None
        self._clock += 1
        segment.used = self._clock
        return segment.rows[position - segment.start]

    def position(self, return_id: int) -> int | None:
        """Where the return `return_id` is in the list, when its row is in memory."""
        return self._where.get(return_id)

    def put(self, start: int, rows: list[ReturnRow]) -> list[int]:
        """Hold `rows` at positions from `start` (replacing what was there); return the ids
        dropped to stay within the budget."""
        if not rows:
            return []
        end = start + len(rows)
        for segment in [s for s in self._segments if s.start < end and start < s.end]:
            self._drop(segment)  # a fresher read of the same positions wins
        self._clock += 1
        new = _Segment(start, list(rows), self._clock)
        self._segments.insert(bisect_right([s.start for s in self._segments], start), new)
        for offset, row in enumerate(rows):
            self._where[row.id] = start + offset
        return self._evict(keep=new)

    def replace(self, position: int, row: ReturnRow) -> None:
        """Put a fresh copy of the row at `position` (which must be in memory)."""
        segment = self._segment_at(position)
        if segment is not None:
            old = segment.rows[position - segment.start]
            self._where.pop(old.id, None)
            segment.rows[position - segment.start] = row
            self._where[row.id] = position

    def remove(self, position: int) -> None:
        """Take the row at `position` out of the list: the rows after it move up one."""
        segment = self._segment_at(position)
        if segment is not None:
            gone = segment.rows.pop(position - segment.start)
            self._where.pop(gone.id, None)
            if not segment.rows:
                self._forget(segment)
                self._segments.remove(segment)
        for later in self._segments:
            if later.start > position:
                later.start -= 1
        self._where = {i: (p - 1 if p > position else p) for i, p in self._where.items()}

    def anchor(self, start: int, end: int, total: int | None) -> Anchor:
        """How to read the rows at [start, end) at least cost: onwards from the nearest row
        in memory before them (or the list's start), or backwards from the nearest one after
        them (or the list's end, when its length `total` is known)."""
        choices = [Anchor(None, start)]
        before = [s for s in self._segments if s.end <= start]
        if before:
            last = max(before, key=lambda s: s.end)
            choices.append(Anchor(last.rows[-1], start - last.end))
        after = [s for s in self._segments if s.start >= end]
        if after:
            first = min(after, key=lambda s: s.start)
            choices.append(Anchor(first.rows[0], first.start - end, backwards=True))
        if total is not None:
            choices.append(Anchor(None, max(0, total - end), backwards=True))
        return min(choices, key=lambda a: a.offset)

    def _segment_at(self, position: int) -> _Segment | None:
        last = self._last  # a paint asks for every cell of the same few rows, role by role
        if last is not None and last.start <= position < last.start + len(last.rows):
            return last
        i = bisect_right([s.start for s in self._segments], position) - 1
        if i >= 0 and position < self._segments[i].end:
            self._last = self._segments[i]
            return self._last
        return None

    def _drop(self, segment: _Segment) -> list[int]:
        self._forget(segment)
        self._segments.remove(segment)
        ids = [row.id for row in segment.rows]
        for return_id in ids:
            if segment.start <= self._where.get(return_id, -1) < segment.end:
                self._where.pop(return_id, None)
        return ids

    def _forget(self, segment: _Segment) -> None:
        if self._last is segment:
            self._last = None

    def _evict(self, keep: _Segment) -> list[int]:
        dropped: list[int] = []
        while len(self._where) > self.budget and len(self._segments) > 1:
            oldest = min((s for s in self._segments if s is not keep), key=lambda s: s.used)
            dropped += self._drop(oldest)
        return dropped
