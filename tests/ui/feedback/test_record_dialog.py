"""Recording phone or reply feedback: stored, the code shown, a replacement said, keys work."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlmodel import select

from desk.codes import FeedbackSource
from desk.feedback.record import current_feedback, record_feedback
from desk.i18n.catalog import set_language
from desk.models import Feedback, RewardCode
from desk.returns import CustomerDraft, LineDraft, ReturnDraft
from desk.services import create_return, get_return
from desk.settings import REWARD_KIND, REWARD_VALUE, save_settings
from ui.feedback.record_dialog import RecordFeedbackDialog


def log_return(db):
    draft = ReturnDraft(
        reason="defective",
        lines=[LineDraft(sku="KETTLE-9", unit_price_cents=3490)],
        new_customer=CustomerDraft(
            name="Joana Ribeiro", email="joana@example.com", preferred_language="pt_BR"
        ),
    )
    return get_return(db, return_id=create_return(db, draft=draft).id)


def opened(qtbot, db, detail, **kw) -> RecordFeedbackDialog:
    dialog = RecordFeedbackDialog(db, detail, currency="EUR", staff="Rita", **kw)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def stored(db) -> list[Feedback]:
    with db.session() as session:
        return list(session.exec(select(Feedback)))


def test_the_dialog_stores_the_feedback_and_shows_the_code(qtbot, db):
    save_settings(db, {REWARD_KIND: "amount", REWARD_VALUE: 500})
    detail = log_return(db)
    dialog = opened(qtbot, db, detail)
    saved = []
    dialog.saved.connect(saved.append)
    qtbot.mouseClick(dialog.faces.buttons[4], Qt.LeftButton)
    dialog.source_combo.setCurrentIndex(dialog.source_combo.findData(FeedbackSource.REPLY))
    qtbot.keyClicks(dialog.comment_edit, "Replied: all fine")
    qtbot.keyClick(dialog.comment_edit, Qt.Key_Return, Qt.ControlModifier)
    [feedback] = stored(db)
    assert (feedback.rating, feedback.comment, feedback.source, feedback.staff) == (
        4,
        "Replied: all fine",
        FeedbackSource.REPLY,
        "Rita",
    )
    with db.session() as session:
        code = session.exec(select(RewardCode)).one().code
    assert saved and saved[0].reward.code == code
    assert dialog.isVisible() and code in dialog.done_label.text()  # it stays to show the code
    assert "off your next purchase" in dialog.done_label.text()
    assert saved[0].thanks is not None  # the thanks message with the code, queued
    assert f"queued for {saved[0].thanks.recipient}" in dialog.done_label.text()
    assert dialog.print_button.isVisibleTo(dialog) and not dialog.save_button.isVisibleTo(dialog)
    qtbot.keyClick(dialog.cancel_button, Qt.Key_Return, Qt.ControlModifier)  # now it closes
    assert not dialog.isVisible() and dialog.result() == QDialog.Accepted


def test_without_a_rating_it_says_so_and_stores_nothing(qtbot, db):
    dialog = opened(qtbot, db, log_return(db))
    qtbot.keyClick(dialog.comment_edit, Qt.Key_Return, Qt.ControlModifier)
    assert dialog.isVisible() and "rating from 1 to 5" in dialog.error_label.text()
    assert stored(db) == []


def test_a_replacement_is_announced_and_the_old_one_kept(qtbot, db):
    detail = log_return(db)
    record_feedback(db, return_id=detail.ret.id, rating=2, source="counter")
    current = current_feedback(db, return_id=detail.ret.id)
    dialog = opened(qtbot, db, detail, current=current)
    assert dialog.replaces_label.isVisibleTo(dialog)
    assert "replaces" in dialog.replaces_label.text() and "2 of 5" in dialog.replaces_label.text()
    dialog.set_rating(5)
    dialog.save()
    assert sorted(f.rating for f in stored(db)) == [2, 5]
    assert current_feedback(db, return_id=detail.ret.id).rating == 5
    assert "No reward code" in dialog.done_label.text()  # rewards are off by default
    assert not dialog.print_button.isVisibleTo(dialog)  # nothing to print


@pytest.mark.parametrize("saved_first", [False, True])
def test_escape_closes_it(qtbot, db, saved_first):
    dialog = opened(qtbot, db, log_return(db))
    if saved_first:
        dialog.set_rating(3)
        dialog.save()
    qtbot.keyClick(dialog.comment_edit, Qt.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == QDialog.Rejected
    assert len(stored(db)) == int(saved_first)


def test_from_the_main_window_the_detail_records_and_the_list_flags(qtbot, db):
    from ui import background
    from ui.main_window import MainWindow

    detail = log_return(db)
    record_feedback(db, return_id=detail.ret.id, rating=5, source="counter")
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.show()
    box = win.detail.feedback_box
    qtbot.waitUntil(lambda: box.feedback is not None, timeout=5000)
    assert not win.model.is_low(detail.ret.id)
    qtbot.mouseClick(box.record_button, Qt.LeftButton)
    dialog = win.active_dialog
    assert isinstance(dialog, RecordFeedbackDialog) and dialog.replaces_label.isVisibleTo(dialog)
    dialog.set_rating(1)
    dialog.save()
    assert win.model.is_low(detail.ret.id)  # the row was redrawn with its new rating
    qtbot.waitUntil(lambda: box.low, timeout=5000)
    assert "1 of 5" in box.summary.text()
    dialog.accept()
    qtbot.waitUntil(lambda: background.running_jobs() == 0, timeout=5000)


def test_in_portuguese_the_dialog_and_what_it_did_read_in_brazilian_words(qtbot, db):
    set_language("pt_BR")
    save_settings(db, {REWARD_KIND: "percent", REWARD_VALUE: 10})
    detail = log_return(db)
    dialog = opened(qtbot, db, detail)
    assert dialog.windowTitle() == f"{detail.ret.number}: registrar avaliação"
    words = [dialog.faces.buttons[n].text() for n in (1, 2, 3, 4, 5)]
    assert words == ["Muito ruim", "Ruim", "Regular", "Bom", "Excelente"]
    sources = [dialog.source_combo.itemText(i) for i in range(dialog.source_combo.count())]
    assert sources == ["Telefone", "Resposta"]
    dialog.save()
    assert dialog.error_label.text() == "Escolha uma nota de 1 a 5."
    dialog.set_rating(5)
    dialog.save()
    text = dialog.done_label.text()
    assert text.startswith("<b>Salva:</b> 5 de 5.")
    assert "Código de recompensa para o cliente:" in text and "10% de desconto" in text
    assert dialog.cancel_button.text() == "Fechar"
