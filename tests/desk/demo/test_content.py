"""The tables the demo draws from: every code a real one, every share adding up, names unique."""

from __future__ import annotations

import re
from collections import Counter

from desk import codes
from desk.codes import TRANSITIONS
from desk.demo import content
from desk.demo.content import (
    CATALOGUE,
    CATEGORY_SHARES,
    CHANNELS,
    DEMO_DROPOFF_POINTS,
    MATURITY,
    REASON_TEXTS,
    REFUND_BY_SETTLED,
    SERIAL_PREFIX,
    SETTLED_TABLE,
    STATUS_NOTES,
    STATUS_SHARES,
    STEP_DAYS,
    VARIANTS,
)
from desk.instructions.dropoff import DropOffDraft
from desk.workflow import NOTE_REQUIRED, Status

PRODUCTS = [product for products in CATALOGUE.values() for product in products]


def values(kind) -> set[str]:
    return {member.value for member in kind}


def test_every_product_has_a_price_in_cents_and_a_unique_sku_and_name():
    for stem, description, price, sizes in PRODUCTS:
        assert re.fullmatch(r"[A-Z]{3}-\d{4}", stem), stem
        assert isinstance(price, int) and price > 0, stem
        assert description.strip() == description and description, stem
        assert len(set(sizes)) == len(sizes), stem
    assert len({p[0] for p in PRODUCTS}) == len(PRODUCTS)
    assert len({p[1] for p in PRODUCTS}) == len(PRODUCTS)


def test_variants_spell_out_every_size_and_follow_the_category_shares():
    skus = {sku for _, sku, _, _ in VARIANTS}
    for stem, _, _, sizes in PRODUCTS:
        expected = {f"{stem}-{size}" for size in sizes} if sizes else {stem}
        assert expected <= skus, stem
    shares = Counter(category for category, *_ in VARIANTS)
    total = sum(CATEGORY_SHARES.values())
    for category, share in CATEGORY_SHARES.items():
        assert abs(shares[category] / len(VARIANTS) - share / total) < 0.01, category
    assert set(CATEGORY_SHARES) == set(CATALOGUE)


def test_serial_numbers_only_for_electronics():
    electronic_stems = {stem[:3] for stem, *_ in CATALOGUE[content.ELECTRONICS]}
    assert set(SERIAL_PREFIX) <= electronic_stems


def test_status_shares_cover_every_status_and_add_up_to_a_thousand():
    assert set(STATUS_SHARES) == values(Status) == set(MATURITY)
    assert sum(STATUS_SHARES.values()) == 1000
    assert all(share > 0 for share in STATUS_SHARES.values())


def test_step_durations_are_for_legal_steps():
    for (source, target), (low, high) in STEP_DAYS.items():
        assert Status(target) in TRANSITIONS[Status(source)], (source, target)
        assert 0 <= low <= high


def test_a_note_exists_for_every_step_that_requires_one():
    assert set(STATUS_NOTES) <= values(Status)
    for status in NOTE_REQUIRED:
        assert STATUS_NOTES[status.value], status
    assert all(note.endswith(".") for notes in STATUS_NOTES.values() for note in notes)


def test_settled_statuses_map_to_refund_methods():
    assert set(REFUND_BY_SETTLED) == set(SETTLED_TABLE)
    assert set(REFUND_BY_SETTLED.values()) <= values(codes.RefundMethod)


def test_reasons_conditions_and_dispositions_are_real_codes():
    reasons = set(content.REASONS_APPAREL) | set(content.REASONS_OTHER)
    assert reasons <= values(codes.Reason)
    assert reasons <= set(REASON_TEXTS)  # every reason drawn has texts to draw from
    assert set(content.OTHER_CONDITIONS) <= values(codes.Condition)
    for (condition, _), table in content.BROKEN_DISPOSITIONS.items():
        assert condition in values(codes.Condition)
        assert set(table) <= values(codes.Disposition)


def test_a_customer_is_never_asked_to_be_reached_by_what_they_lack():
    for (email, phone), table in CHANNELS.items():
        channels = set(table)
        assert channels <= values(codes.Channel)
        assert (codes.Channel.EMAIL.value in channels) == email
        assert (codes.Channel.SMS.value in channels) == phone


def test_name_tables_have_no_duplicates():
    for name in ("EN_FIRST", "EN_LAST", "PT_FIRST", "PT_COMPOUND", "PT_LAST", "STAFF"):
        table = getattr(content, name)
        assert len(set(table)) == len(table), name
        assert all(n.strip() == n and n for n in table), name


def test_weighted_tables_repeat_each_key_by_its_weight():
    assert content.pool({"a": 2, "b": 1}) == ("a", "a", "b")
    assert Counter(content.LINE_COUNTS) == {1: 62, 2: 24, 3: 9, 4: 5}
    assert Counter(content.REFUND_TABLE)["original"] == 65


def test_plain_codes_are_the_stored_values():
    assert (content.S.CLOSED, content.Reason.DEFECTIVE) == ("closed", "defective")
    assert type(content.S.CLOSED) is str  # plain strings, not enum members
    assert all(type(v) is str for v in vars(content.Disposition).values())


def test_demo_dropoff_points_are_valid_drafts_with_unique_names():
    names = [point["name"] for point in DEMO_DROPOFF_POINTS]
    assert len(set(names)) == len(names)
    for point in DEMO_DROPOFF_POINTS:
        draft = DropOffDraft(**point)
        assert draft.address and draft.hours
        assert draft.accepts_reuse or draft.accepts_recycling or draft.accepts_donation
