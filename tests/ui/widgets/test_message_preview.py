"""A customer message shown as it will be sent, with nothing fetched from outside."""

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument

from ui.widgets.message_preview import MessagePreview, OfflineBrowser, sms_summary, split_preheader

HTML = (
    '<div style="display:none;max-height:0">Your refund &amp; label</div>'
    "<p>Hi <b>Ana</b></p><img src='https://tracker.example/pixel.png'>"
)


def test_split_preheader_takes_out_the_hidden_inbox_line():
    body, inbox = split_preheader(HTML)
    assert inbox == "Your refund & label"
    assert "display:none" not in body and "<p>Hi <b>Ana</b></p>" in body
    assert split_preheader("<p>x</p>") == ("<p>x</p>", "")


def test_offline_browser_fetches_nothing_but_data_urls(qtbot):
    browser = OfflineBrowser()
    qtbot.addWidget(browser)
    image = QTextDocument.ImageResource
    assert browser.loadResource(image, QUrl("https://tracker.example/pixel.png")) is None
    assert browser.loadResource(image, QUrl("file:///etc/passwd")) is None
    assert not browser.openLinks()


def test_email_shows_subject_escaped_with_the_inbox_line(qtbot):
    preview = MessagePreview()
    qtbot.addWidget(preview)
    preview.show_email("Return <R-1> approved", HTML, "Hi Ana")
    assert preview.subject == "Return <R-1> approved"
    label = preview.subject_label.text()
    assert "Subject: Return &lt;R-1&gt; approved" in label
    assert "Inbox preview: Your refund &amp; label" in label
    assert preview.html_view.toPlainText().startswith("Hi Ana")  # then the image's place
    assert preview.text_view.toPlainText() == "Hi Ana"
    assert preview.tabs.isTabVisible(0) and preview.info_label.isHidden()


def test_sms_shows_only_the_text_and_its_count(qtbot):
    preview = MessagePreview()
    qtbot.addWidget(preview)
    preview.show_sms("Hello Ana")
    assert not preview.tabs.isTabVisible(0) and preview.tabs.tabText(1) == "SMS"
    assert preview.tabs.currentIndex() == 1 and preview.subject_label.isHidden()
    assert preview.info_label.text() == "9 characters · GSM-7 · 1 SMS"
    preview.show_email("S", "<p>x</p>", "x")  # back to an email: the tabs come back
    assert preview.tabs.isTabVisible(0) and preview.tabs.tabText(1) == "Plain text"


def test_sms_summary_counts_what_the_network_counts():
    assert sms_summary("€" * 80) == "80 characters (counted as 160) · GSM-7 · 1 SMS"
    assert sms_summary("ł" * 71) == "71 characters · UCS-2 · 2 SMS messages"


def test_a_problem_replaces_the_message(qtbot):
    preview = MessagePreview()
    qtbot.addWidget(preview)
    preview.show_email("S", "<p>x</p>", "x")
    preview.show_problem("No email <address>")
    assert preview.subject_label.text() == "No email &lt;address&gt;"
    assert preview.text_view.toPlainText() == "" and preview.html_view.toPlainText() == ""


def test_in_portuguese_the_count_takes_the_plural_form_and_the_decimal_grouping(qtbot):
    from desk.i18n.catalog import set_language

    set_language("pt_BR")
    assert sms_summary("a") == "1 caractere · GSM-7 · 1 SMS"
    assert sms_summary("€" * 80) == "80 caracteres (contados como 160) · GSM-7 · 1 SMS"
    assert sms_summary("a" * 1200).startswith("1.200 caracteres · GSM-7 · ")
    preview = MessagePreview()
    qtbot.addWidget(preview)
    preview.show_email("Seu reembolso", HTML, "Oi Ana")
    assert preview.subject_label.text().startswith("Assunto: Seu reembolso")
    assert "Prévia na caixa de entrada: Your refund" in preview.subject_label.text()
    assert [preview.tabs.tabText(i) for i in range(2)] == ["E-mail (HTML)", "Texto simples"]
