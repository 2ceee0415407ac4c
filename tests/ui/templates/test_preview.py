"""The template editor's live preview: a recent return's data, each part as it will look."""

from __future__ import annotations

from datetime import date

import pytest

from desk.messages.template_store import read_source
from desk.returns import CustomerDraft, LineDraft, ReturnDraft
from desk.services import create_return
from ui.templates.preview import TemplatePreview


def log_return(db, name: str):
    draft = ReturnDraft(
        reason="defective",
        lines=[LineDraft(sku="KETTLE-9", description="Kettle", unit_price_cents=3490)],
        new_customer=CustomerDraft(name=name, email="joana@example.com"),
    )
    return create_return(db, draft=draft, today=date(2026, 11, 30))


@pytest.fixture
def preview(qtbot, db):
    log_return(db, "Joana Ribeiro")
    log_return(db, "Marta Lima")
    widget = TemplatePreview(db)
    qtbot.addWidget(widget)
    return widget


def test_lists_recent_returns_newest_first(preview):
    combo = preview.return_combo
    assert combo.count() == 2
    assert combo.itemText(0).endswith("— Marta Lima")
    assert combo.itemText(1).endswith("— Joana Ribeiro")


def test_choosing_another_return_asks_for_a_new_render(preview, qtbot):
    with qtbot.waitSignal(preview.return_changed):
        preview.return_combo.setCurrentIndex(1)


def test_reloading_does_not_count_as_a_change(preview, db, qtbot):
    log_return(db, "Rui Costa")
    with qtbot.assertNotEmitted(preview.return_changed):
        preview.load_returns()
    assert preview.return_combo.count() == 3


def test_unsaved_text_is_rendered_with_the_returns_data(preview):
    source = "Olá {{ customer.name }}, draft only"
    assert preview.render("refunded", "en", "text", source, staff="Rita") is None
    assert preview.stack.currentWidget() is preview.plain_view
    assert preview.plain_view.toPlainText().startswith("Olá Marta Lima, draft only")
    assert preview.subject_label.text().startswith("Subject: ")
    assert preview.note_label.text() == ""


def test_html_part_shows_the_browser(preview, db):
    source = read_source(db, "refunded", "en", "html")
    assert preview.render("refunded", "en", "html", source, staff="") is None
    assert preview.stack.currentWidget() is preview.browser
    assert "Marta" in preview.browser.toPlainText()


def test_sms_part_hides_the_subject_and_counts(preview):
    preview.render("refunded", "en", "sms", "Hi {{ customer.name }}", staff="")
    assert preview.subject_label.isHidden()
    assert preview.plain_view.toPlainText().startswith("Hi Marta Lima")
    assert preview.count_label.text()


def test_a_broken_template_is_returned_and_keeps_the_last_preview(preview):
    preview.render("refunded", "en", "text", "Good {{ customer.name }}", staff="")
    error = preview.render("refunded", "en", "text", "Bad {{ customer.name ", staff="")
    assert error is not None
    assert preview.note_label.text() == "The preview cannot be shown until the problem is fixed."
    assert preview.plain_view.toPlainText().startswith("Good Marta Lima")


def test_a_return_gone_meanwhile_is_a_note_not_a_problem(preview):
    preview.return_combo.setItemData(0, 999_999)
    assert preview.render("refunded", "en", "text", "Hi", staff="") is None
    assert preview.note_label.text() == "There is no return 999999."


def test_without_returns_it_asks_to_log_one(qtbot, db):
    widget = TemplatePreview(db)
    qtbot.addWidget(widget)
    assert widget.return_combo.count() == 0
    assert widget.render("refunded", "en", "text", "Hi", staff="") is None
    assert widget.note_label.text().startswith("Log a return to see a preview")
