"""The Brazilian shop's tables: every code a real one, points and settings the desk accepts."""

from __future__ import annotations

import re

from desk import codes
from desk.demo import content, content_br
from desk.demo.catalogue import HYGIENE
from desk.demo.story_content import SEND_ERRORS
from desk.instructions.dropoff import (
    DropOffDraft,
    localize_goods,
    localize_hours,
    validate_point,
)
from desk.settings import setting
from desk.workflow import NOTE_REQUIRED

ENGLISH_WORDS = re.compile(r"\b(the|and|with|of|size|customer|was|for|to)\b", re.I)


def test_the_products_keep_the_english_stems_and_categories():
    assert set(content_br.CATALOGUE) == set(content.CATALOGUE)
    for category, products in content_br.CATALOGUE.items():
        stems = [stem for stem, *_ in products]
        assert stems == [stem for stem, *_ in content.CATALOGUE[category]], category
        for stem, name, price, sizes in products:
            assert name.strip() == name and not ENGLISH_WORDS.search(name), stem
            assert isinstance(price, int) and price > 0 and len(set(sizes)) == len(sizes)
    names = [name for products in content_br.CATALOGUE.values() for _, name, *_ in products]
    assert len(set(names)) == len(names)
    assert [s for s, *_ in content_br.HYGIENE] == [s for s, *_ in HYGIENE]


def test_every_reason_has_texts_and_every_status_that_needs_a_note_has_notes():
    assert set(content_br.REASON_TEXTS) == {member.value for member in codes.Reason}
    assert set(content_br.STATUS_NOTES) == set(content.STATUS_NOTES)
    assert {str(status) for status in NOTE_REQUIRED} <= set(content_br.STATUS_NOTES)
    texts = [
        *(t for ts in content_br.REASON_TEXTS.values() for t in ts),
        *(t for ts in content_br.STATUS_NOTES.values() for t in ts),
        *content_br.CANCELLED_UNSENT,
        *content_br.CUSTOMER_NOTES,
    ]
    for text in texts:
        assert text.endswith(".") and not ENGLISH_WORDS.search(text), text
    assert len(set(content_br.STAFF)) == len(content_br.STAFF)


def test_the_sao_paulo_points_are_valid_and_read_in_english_as_the_english_demos_do():
    assert len(content_br.DROPOFF_POINTS) == len(content.DEMO_DROPOFF_POINTS)
    for point, english in zip(content_br.DROPOFF_POINTS, content.DEMO_DROPOFF_POINTS, strict=True):
        assert validate_point(DropOffDraft(**point)) == {}, point["name"]
        assert "São Paulo – SP" in point["address"]
        # the sheet knows every day name and kind of goods: an English customer reads them
        assert localize_hours(point["hours"], "en") == english["hours"]
        assert localize_goods(point["categories"], "en") == english["categories"]
        assert localize_hours(point["hours"], "pt_BR") == point["hours"]
        flags = {key: value for key, value in point.items() if key.startswith("accepts_")}
        assert flags == {key: value for key, value in english.items() if key.startswith("accepts_")}


def test_the_shop_settings_are_ones_the_desk_accepts():
    for key, value in content_br.SHOP_SETTINGS.items():
        assert setting(key).parse(value) == value, key
    assert content_br.SHOP_SETTINGS["shop.locale"] == "pt_BR"
    assert "São Paulo – SP" in str(content_br.SHOP_SETTINGS["shop.address"])
    assert localize_hours(str(content_br.SHOP_SETTINGS["shop.hours"]), "en").startswith(
        "Mon–Fri 10:00–20:00"
    )


def test_send_errors_name_the_recipient_as_the_english_ones_do():
    assert set(content_br.SEND_ERRORS) == set(SEND_ERRORS)
    for channel, errors in content_br.SEND_ERRORS.items():
        english = SEND_ERRORS[channel]
        assert ["{recipient}" in e for e in errors] == ["{recipient}" in e for e in english]
