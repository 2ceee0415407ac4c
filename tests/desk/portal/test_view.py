"""What the return's page reads: the right lines and timeline, in few statements."""

from __future__ import annotations

from sqlalchemy import event

from desk.codes import Status
from desk.portal import view
from desk.portal.links import personal_link
from desk.returns import CustomerDraft, LineDraft, ReturnDraft
from desk.services import create_return, move_return
from desk.settings import SHOP_NAME, save_settings

MAX_STATEMENTS = 4
"""The link's own check (its row and the return), then the return with its customer and
lines, and the timeline; the shop's words come from the cache. More means a regression
(the page took 8 before)."""


def logged(db, lines: int = 2, language: str = "en"):
    draft = ReturnDraft(
        reason="defective",
        lines=[
            LineDraft(sku=f"SKU-{i}", description=f"Item {i}", unit_price_cents=1000 * (i + 1))
            for i in range(lines)
        ],
        new_customer=CustomerDraft(
            name="Ana Souza", email="ana@example.com", preferred_language=language
        ),
    )
    return create_return(db, draft=draft)


def token_of(db, number: str) -> str:
    return personal_link(db, number=number).rsplit("/", 1)[1]


def inspect(db, ret) -> None:
    move_return(
        db, return_id=ret.id, to=Status.INSPECTING, expected_version=ret.version, notify=False
    )


def count_statements(db, work) -> int:
    seen: list[str] = []

    def note(_conn, _cursor, statement, *_args) -> None:
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        work()
    finally:
        event.remove(db.engine, "before_cursor_execute", note)
    return len(seen)


def test_a_return_page_takes_at_most_four_statements(db):
    ret = logged(db, lines=3)
    inspect(db, ret)
    token = token_of(db, ret.number)
    view.return_page(db, token=token)  # a running site has the shop's words cached
    count = count_statements(db, lambda: view.return_page(db, token=token))
    assert 0 < count <= MAX_STATEMENTS


def test_the_page_has_every_line_and_step_of_its_own_return(db):
    other = logged(db, lines=1)
    ret = logged(db, lines=3)
    inspect(db, ret)
    page = view.return_page(db, token=token_of(db, ret.number))
    assert [item["sku"] for item in page.context["items"]] == ["SKU-0", "SKU-1", "SKU-2"]
    assert page.context["return"]["number"] == ret.number != other.number
    assert page.context["customer"]["first_name"] == "Ana"
    assert page.status is Status.INSPECTING
    assert [step.status for step in page.steps][-1] == page.status_words


def test_the_shop_name_saved_in_the_desk_shows_once_the_cache_is_renewed(db, monkeypatch):
    token = token_of(db, logged(db).number)
    save_settings(db, {SHOP_NAME: "Loja Um"})
    assert view.return_page(db, token=token).context["shop"]["name"] == "Loja Um"
    save_settings(db, {SHOP_NAME: "Loja Dois"})
    assert view.return_page(db, token=token).context["shop"]["name"] == "Loja Um"  # cached
    monkeypatch.setattr(view, "SHOP_CACHE_S", 0.0)
    assert view.return_page(db, token=token).context["shop"]["name"] == "Loja Dois"


def test_a_portuguese_customers_page_is_in_portuguese_on_an_english_desk(db):
    ret = create_return(
        db,
        draft=ReturnDraft(
            reason="defective",
            refund_method="store_credit",
            lines=[LineDraft(sku="SKU-1", description="Chaleira", unit_price_cents=8990)],
            new_customer=CustomerDraft(
                name="Júlia Prado", email="j@example.com", preferred_language="pt_BR"
            ),
        ),
    )
    for status in (Status.APPROVED, Status.CREDITED):  # logged at the counter: received
        ret = move_return(
            db, return_id=ret.id, to=status, expected_version=ret.version, notify=False
        ).result.ret
    page = view.return_page(db, token=token_of(db, ret.number))
    assert page.language == "pt_BR" and page.status_words == "Vale-troca emitido"
    assert [step.status for step in page.steps][:1] == ["Recebida na loja"]
    assert page.words["refund"] == "Forma de reembolso"
    assert page.context["refund_method"] == "Vale-troca"
    sheet = view.instructions_page(db, token=token_of(db, ret.number)).sheet
    assert sheet.title == "Como devolver seus itens" and sheet.steps[0].text.startswith(
        "Seu vale-troca de "
    )
