"""The list rows in memory: runs of positions, found by id at once, bounded."""

from __future__ import annotations

from datetime import UTC, datetime

from desk.codes import Status
from desk.listing import ReturnRow
from ui.returns.row_cache import Anchor, RowCache


def rows(first: int, count: int) -> list[ReturnRow]:
    moment = datetime(2026, 12, 1, tzinfo=UTC)
    return [
        ReturnRow(i, f"R-2026-{i:05d}", moment, f"C{i}", 1, 100, Status.RECEIVED)
        for i in range(first, first + count)
    ]


def test_rows_are_found_by_position_and_by_id():
    cache = RowCache()
    cache.put(0, rows(100, 5))
    cache.put(20, rows(200, 5))
    assert cache.get(3).id == 103 and cache.get(22).id == 202
    assert cache.get(5) is None and cache.get(19) is None
    assert cache.position(204) == 24 and cache.position(150) is None
    assert any(cache.get(p) is None for p in range(3, 6))
    assert all(cache.get(p) is not None for p in range(20, 25))


def test_removing_a_row_moves_the_later_ones_up():
    cache = RowCache()
    cache.put(0, rows(100, 5))
    cache.put(10, rows(200, 5))
    cache.remove(2)
    assert [cache.get(p).id for p in range(4)] == [100, 101, 103, 104]
    assert cache.position(200) == 9 and cache.get(9).id == 200
    assert cache.position(102) is None


def test_the_least_recently_used_runs_go_beyond_the_budget():
    cache = RowCache(budget=10)
    cache.put(0, rows(100, 5))
    cache.put(50, rows(200, 5))
    cache.get(0)  # the first run was used last
    dropped = cache.put(100, rows(300, 5))
    assert dropped == [200, 201, 202, 203, 204]
    assert len(cache) == 10 and cache.get(50) is None and cache.get(0).id == 100


def test_a_fresher_read_of_the_same_positions_replaces_the_old():
    cache = RowCache()
    cache.put(0, rows(100, 5))
    cache.put(3, rows(400, 4))
    assert [cache.get(p).id for p in range(3, 7)] == [400, 401, 402, 403]
    assert cache.position(100) is None  # its whole run was replaced
    assert cache.get(0) is None


def test_pages_are_read_from_the_nearest_row_in_memory_or_end():
    cache = RowCache()
    cache.put(0, rows(100, 200))
    assert cache.anchor(200, 400, 1_000_000) == Anchor(cache.get(199), 0)  # the next page
    assert cache.anchor(999_800, 1_000_000, 1_000_000) == Anchor(None, 0, backwards=True)
    assert cache.anchor(999_800, 1_000_000, None) == Anchor(cache.get(199), 999_600)
    cache.put(999_800, rows(500, 200))
    assert cache.anchor(999_600, 999_800, 1_000_000) == Anchor(
        cache.get(999_800), 0, backwards=True
    )
    middle = cache.anchor(400_000, 400_200, 1_000_000)
    assert middle == Anchor(cache.get(199), 399_800)
