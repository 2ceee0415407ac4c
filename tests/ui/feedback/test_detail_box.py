"""The detail's feedback box: none yet, a rating with its comment and source, low in red."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desk.feedback.record import record_feedback
from desk.i18n.catalog import set_language
from desk.returns import CustomerDraft, LineDraft, ReturnDraft
from desk.services import create_return
from ui import background
from ui.feedback.detail_box import FeedbackBox

WAIT_MS = 5000


def log_return(db):
    draft = ReturnDraft(
        reason="defective",
        lines=[LineDraft(sku="KETTLE-9", unit_price_cents=3490)],
        new_customer=CustomerDraft(name="Joana Ribeiro"),
    )
    return create_return(db, draft=draft)


def loaded(qtbot, box, db, return_id):
    box.feedback = "pending"
    box.load(db, return_id)
    qtbot.waitUntil(lambda: box.feedback != "pending", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: background.running_jobs() == 0, timeout=WAIT_MS)


def test_no_feedback_yet(qtbot, db):
    box = FeedbackBox()
    qtbot.addWidget(box)
    loaded(qtbot, box, db, log_return(db).id)
    assert box.feedback is None and "No feedback yet" in box.summary.text()


def test_a_good_rating_with_its_comment_source_and_staff(qtbot, db):
    ret = log_return(db)
    record_feedback(
        db, return_id=ret.id, rating=4, comment="Nice <b>staff</b>", source="phone", staff="Rita"
    )
    box = FeedbackBox()
    qtbot.addWidget(box)
    loaded(qtbot, box, db, ret.id)
    text = box.summary.text()
    assert "★★★★☆" in text and "4 of 5" in text and "by phone" in text and "Rita" in text
    assert "Nice &lt;b&gt;staff&lt;/b&gt;" in text  # what customers write is shown, not run
    assert not box.low and "low rating" not in text and box.styleSheet() == ""


def test_a_low_rating_is_flagged_red(qtbot, db):
    ret = log_return(db)
    record_feedback(db, return_id=ret.id, rating=2, source="counter")
    box = FeedbackBox()
    qtbot.addWidget(box)
    loaded(qtbot, box, db, ret.id)
    assert box.low and "low rating" in box.summary.text() and "at the counter" in box.summary.text()
    assert "#dc2626" in box.styleSheet()


def test_an_answer_for_a_return_no_longer_shown_is_dropped(qtbot, db):
    first, second = log_return(db), log_return(db)
    record_feedback(db, return_id=first.id, rating=1, source="phone")
    box = FeedbackBox()
    qtbot.addWidget(box)
    box.load(db, first.id)
    box.load(db, second.id)  # staff moved on before the first answer came
    qtbot.waitUntil(lambda: background.running_jobs() == 0, timeout=WAIT_MS)
    assert box.feedback is None and not box.low


def test_the_reward_code_is_named_and_can_be_printed_again(qtbot, db):
    from desk.feedback.rewards import redeem_code
    from desk.settings import REWARD_KIND, save_settings

    save_settings(db, {REWARD_KIND: "percent"})
    ret = log_return(db)
    result = record_feedback(db, return_id=ret.id, rating=5, source="counter")
    code = result.reward.code
    box = FeedbackBox()
    qtbot.addWidget(box)
    loaded(qtbot, box, db, ret.id)
    assert code in box.summary.text() and "not used yet" in box.summary.text()
    assert not box.print_button.isHidden()
    with qtbot.waitSignal(box.print_requested) as asked:
        qtbot.mouseClick(box.print_button, Qt.LeftButton)
    assert asked.args[0].code == code
    redeem_code(db, code=code, staff="Rita")
    loaded(qtbot, box, db, ret.id)
    assert "(used)" in box.summary.text() and box.print_button.isHidden()


def test_no_print_button_without_a_code(qtbot, db):
    ret = log_return(db)
    record_feedback(db, return_id=ret.id, rating=4, source="phone")
    box = FeedbackBox()
    qtbot.addWidget(box)
    loaded(qtbot, box, db, ret.id)
    assert box.reward is None and box.print_button.isHidden()
    assert "Reward code" not in box.summary.text()


def test_in_portuguese_the_rating_its_source_and_the_flag_read_in_brazilian_words(qtbot, db):
    set_language("pt_BR")
    ret = log_return(db)
    record_feedback(db, return_id=ret.id, rating=2, source="phone", staff="Rita")
    box = FeedbackBox()
    qtbot.addWidget(box)
    loaded(qtbot, box, db, ret.id)
    text = box.summary.text()
    assert "2 de 5" in text and "nota baixa" in text and "por telefone" in text
    assert "digitada por Rita" in text
    assert box.title() == "Avaliação do cliente"
    assert box.record_button.text() == "Registrar avaliação…"
