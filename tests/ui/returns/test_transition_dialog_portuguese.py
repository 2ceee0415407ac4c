"""The transition dialog and its "tell the customer" part in Portuguese (issue 15)."""

from datetime import UTC, datetime

from desk.codes import Status
from desk.i18n.catalog import set_language
from desk.returns import CustomerDraft, LineDraft, ReturnDraft, save_return
from desk.services import get_return
from ui.returns.notify_section import when_words
from ui.returns.transition_dialog import TransitionDialog
from ui.returns.undo import _withdrawn_text


def logged(db):
    with db.session() as session:
        ret = save_return(
            session=session,
            draft=ReturnDraft(
                reason="defective",
                lines=[LineDraft(sku="CHALEIRA-9", description="Chaleira", unit_price_cents=3490)],
                new_customer=CustomerDraft(name="Joana Ribeiro", email="joana@example.com"),
            ),
        )
    return get_return(db, return_id=ret.id)


def test_the_move_dialog_speaks_portuguese(qtbot, db):
    detail = logged(db)
    set_language("pt_BR")
    dialog = TransitionDialog(db, detail, Status.CANCELLED, staff="Ana")
    qtbot.addWidget(dialog)
    assert dialog.staff_edit.placeholderText() == "Seu nome"
    assert dialog.ok_button.text().startswith("Mudar para ")
    texts = {label.text() for label in dialog.findChildren(type(dialog.error_label))}
    assert {"Atendente", "Observação (obrigatória)"} <= texts
    assert any(text.startswith("Mudar <b>") for text in texts)
    if dialog.notify.applies:
        assert dialog.notify.title() == "Avisar o cliente"
        assert dialog.notify.checkbox.text().startswith("Enviar este e-mail para Joana Ribeiro")


def test_when_a_message_goes_is_said_in_portuguese():
    set_language("pt_BR")
    now = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    assert when_words(now, now, UTC) == "na hora"
    assert when_words(datetime(2026, 12, 2, 10, 0, tzinfo=UTC), now, UTC) == "amanhã às 10:00"
    assert when_words(datetime(2026, 12, 4, 10, 0, tzinfo=UTC), now, UTC) == (
        "em sex., 4 de dez. às 10:00"
    )


def test_an_undo_counts_its_messages_with_plurals():
    set_language("pt_BR")
    assert _withdrawn_text(1, 0) == " 1 mensagem retirada da fila."
    assert _withdrawn_text(2, 2) == (
        " 2 mensagens retiradas da fila. 2 já tinham sido enviadas: avise o cliente se for"
        " importante."
    )
