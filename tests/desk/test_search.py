"""Finding returns by what staff type: number, name, email, phone, SKU; odd text never breaks."""

from __future__ import annotations

import pytest

from desk import listing, search
from desk.listing import OPEN, ReturnFilter
from desk.returns import CustomerDraft, LineDraft, ReturnDraft, save_return
from tests.desk.test_listing import PEOPLE, YEAR, seqs
from tests.desk.test_listing import shop as shop  # the five returns, shared read-only fixture


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"R-{YEAR}-00002", {2}),
        (f"r-{YEAR}-00003", {3}),
        (f"R{YEAR}00004", {4}),
        ("00002", {2}),
        ("0000", {1, 2, 3, 4, 5}),
    ],
)
def test_search_by_number(shop, text, expected):
    assert seqs(shop, text) == expected


def test_search_by_short_number(shop):
    # "2" is a prefix of the year as well, so it finds more than return 2; it must find 2
    assert 2 in seqs(shop, "2")
    assert 5 in seqs(shop, "5")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("José", {1, 3}),  # "jose" is also the start of "Joseph"
        ("jose", {1, 3}),
        ("JOSÉ ÁLVARES", {1}),
        ("alvares", {1}),
        ("Joseph", {3}),
        ("zoe", {5}),
        ("muller", {5}),
        ("Müll", {5}),
        ("silva", {4}),
        ("lopes", {2}),
        ("nobody", set()),
    ],
)
def test_search_by_customer_name(shop, text, expected):
    assert seqs(shop, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("maria@shop.test", {2}),
        ("maria@sh", {2}),
        ("jose.alv", {1}),
        ("jb@example", {3}),
        ("zoe@", {5}),
    ],
)
def test_search_by_email_prefix(shop, text, expected):
    assert seqs(shop, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("912 345", {1}),
        ("+351 912", {1}),
        ("351912", {1}),  # the phone's digits run together
        ("98765", {2}),
        ("4321", {2}),
        ("98765-4321", {2}),
        ("1198765", {2}),
        ("7946 0958", {4}),
    ],
)
def test_search_by_phone_fragment(shop, text, expected):
    assert seqs(shop, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("shoe", {1, 3}),
        ("SHOE-42", {1}),
        ("scar", {5}),
        ("lace", {1}),
        ("hat-7", {2}),
        ("scarf", {5}),
    ],
)
def test_search_by_sku_prefix(shop, text, expected):
    assert seqs(shop, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("shoe joseph", {3}),
        ("joseph shoe", {3}),
        ("jose lace", {1}),
        ("shoe maria", set()),
        (f"hat {YEAR}", {2}),
        ("maria 00001", set()),
    ],
)
def test_search_words_must_all_match(shop, text, expected):
    assert seqs(shop, text) == expected


@pytest.mark.parametrize("text", ["", "   ", "--", '"', "*", "(", "'", "a OR", "NOT", "^"])
def test_odd_text_never_breaks_the_query(shop, text):
    with shop.connect() as conn:
        rows = listing.fetch_page(conn, ReturnFilter(text=text))
        assert listing.count(conn, ReturnFilter(text=text)) == len(rows)
    if not search.words(text):
        assert len(rows) == len(PEOPLE)  # nothing to look for: every return is listed


def test_text_without_words_lists_everything(shop):
    assert seqs(shop, " -- ") == {1, 2, 3, 4, 5}


def test_search_finds_a_return_after_a_move(shop):
    """A transition does not lose the return from the index."""
    assert seqs(shop, "maria") == {2}
    assert seqs(shop, "zoe", OPEN) == {5}


def test_phone_found_without_country_code(db):
    with db.session() as session:
        save_return(
            session=session,
            draft=ReturnDraft(
                reason="defective",
                lines=[LineDraft(sku="X-1", quantity=1, unit_price_cents=100)],
                new_customer=CustomerDraft(name="Rui Costa", phone="+351 912 345 678"),
            ),
        )
    with db.connect() as conn:
        for typed in ("912345678", "912 345 678", "351912345678", "+351 912"):
            found = listing.fetch_page(conn, listing.ReturnFilter(text=typed))
            assert [r.customer_name for r in found] == ["Rui Costa"], typed


def test_typed_return_numbers_match_as_one_number(db):
    with db.session() as session:
        made = [
            save_return(
                session=session,
                draft=ReturnDraft(
                    reason="defective",
                    lines=[LineDraft(sku="N-1", quantity=1, unit_price_cents=100)],
                    new_customer=CustomerDraft(name=f"Person {i}"),
                ),
            ).number
            for i in range(12)
        ]
    year = made[0][2:6]

    def found(typed):
        with db.connect() as conn:
            rows = listing.fetch_page(conn, listing.ReturnFilter(text=typed))
            assert listing.count(conn, listing.ReturnFilter(text=typed)) == len(rows)
            return sorted(r.number for r in rows)

    assert found(f"R-{year}-0001") == made[9:12]  # 00010, 00011, 00012
    assert found(f"r{year}00003") == [made[2]]
    assert found(f"R-{year}-12") == [made[11]]  # typed without the leading zeros
    assert found(f"R-{year}-") == made


@pytest.mark.parametrize(
    ("typed", "fts"),
    [
        ("josé  álvares", '"josé"* "álvares"*'),
        ("shoe-42", '"shoe"* "42"*'),
        ("R-2026-00012", '"R202600012"*'),
        ("r 2026 0001", '"r20260001"*'),
        ("R-2026-636", '"636"*'),
        ('"*( --', ""),
    ],
)
def test_fts_query_quotes_every_word_as_a_prefix(typed, fts):
    assert search.fts_query(typed) == fts


def test_words_drop_punctuation_and_underscores():
    assert search.words("a_b, c-d (e)") == ["a", "b", "c", "d", "e"]


# one folding for every search of a person


@pytest.mark.parametrize(
    ("typed", "plain"),
    [("João Vítor", "joao vitor"), ("AOIFE", "aoife"), ("Çağla Øre", "cagla øre"), ("", "")],
)
def test_fold_drops_case_and_accents(typed, plain):
    assert search.fold(typed) == plain


FINDER_PEOPLE = ("João Vítor Carvalho", "Joana Vieira", "Aoife Davies", "Aoife King", "Zé Nuñez")


@pytest.fixture(params=["sqlite", "postgresql"])
def finder_db(request, db):
    """The finder's people on SQLite, and on PostgreSQL when RETURNDESK_TEST_PG_URL is set."""
    import os

    from sqlalchemy import text

    from desk.db import open_database

    database = db
    if request.param == "postgresql":
        url = os.environ.get("RETURNDESK_TEST_PG_URL")
        if not url:
            pytest.skip("RETURNDESK_TEST_PG_URL is not set")
        database = open_database(url)
    for i, name in enumerate(FINDER_PEOPLE):
        with database.session() as session:
            save_return(
                session=session,
                draft=ReturnDraft(
                    reason="wrong_size",
                    lines=[LineDraft(sku=f"SKU-{i}", unit_price_cents=1000)],
                    new_customer=CustomerDraft(name=name, email=f"p{i}@example.com"),
                ),
            )
            session.commit()
    yield database
    if request.param == "postgresql":
        with database.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        database.close()


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("joao vitor", ["João Vítor Carvalho"]),
        ("vitor carvalho", ["João Vítor Carvalho"]),
        ("JOÃO VÍTOR", ["João Vítor Carvalho"]),
        ("jo", ["Joana Vieira", "João Vítor Carvalho"]),
        ("aoife", ["Aoife Davies", "Aoife King"]),
        ("nunez", ["Zé Nuñez"]),
        ("ze", ["Zé Nuñez"]),
        ("p3", ["Aoife King"]),
        ("vitorino", []),
    ],
)
def test_customer_finder_folds_accents_on_every_database(finder_db, typed, found):
    from desk.services import search_customers

    assert sorted(c.name for c in search_customers(finder_db, query=typed)) == found


def test_main_search_folds_names_like_the_finder(finder_db):
    with finder_db.connect() as conn:
        rows = listing.fetch_page(conn, ReturnFilter(text="joao vitor", status=OPEN))
    assert [row.customer_name for row in rows] == ["João Vítor Carvalho"]


@pytest.mark.parametrize(
    ("typed", "whole"),
    [("R-2026-00042", True), ("r202600042", True), ("R 2026 00042", True), ("00042", False)],
)
def test_a_whole_return_number_is_recognised(typed, whole):
    assert search.is_return_number(typed) is whole


@pytest.mark.parametrize(
    "typed",
    ["07993 672961", "07993672961", "+44 7993 672961", "0044 7993 672961", "447993672961",
     "7993 672961", "672961"],
)  # fmt: skip
def test_a_phone_is_found_however_it_is_typed(db, typed):
    with db.session() as session:
        for name, phone in (("Tom Harris", "07993 672961"), ("Bia Reis", "(11) 3456-7890")):
            save_return(
                session=session,
                draft=ReturnDraft(
                    reason="defective",
                    lines=[LineDraft(sku="X-1", quantity=1, unit_price_cents=100)],
                    new_customer=CustomerDraft(name=name, phone=phone if name[0] == "T" else ""),
                ),
            )
    with db.connect() as conn:
        found = listing.fetch_page(conn, listing.ReturnFilter(text=typed))
        customers = search.customer_ids_matching(conn, typed)
    assert [r.customer_name for r in found] == ["Tom Harris"], typed
    assert len(customers) == 1, typed
