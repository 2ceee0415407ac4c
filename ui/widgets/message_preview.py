"""Shows a customer message exactly as it will be sent: email (subject, HTML, text) or SMS."""

from __future__ import annotations

import html as html_lib
import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QLabel,
    QPlainTextEdit,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desk.i18n.catalog import _, ngettext
from desk.i18n.formats import format_number
from ui.widgets.look import tab_look

HIDDEN_DIV = re.compile(r'<div style="display:\s*none[^"]*">(?P<text>[^<]*)</div>', re.I)
"""A hidden preheader: mail apps show it only in the inbox list; Qt would show it inline."""


class OfflineBrowser(QTextBrowser):
    """Shows message HTML without fetching anything: no files, no network, no navigation."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setOpenLinks(False)

    def loadResource(self, kind: int, url) -> object:  # noqa: N802
        if url.scheme() == "data":
            return super().loadResource(kind, url)
        return None


def split_preheader(html: str) -> tuple[str, str]:
    """Return the HTML without its hidden inbox preview, and that preview's text."""
    hidden = " ".join(m["text"].strip() for m in HIDDEN_DIV.finditer(html))
    return HIDDEN_DIV.sub("", html), html_lib.unescape(hidden)


def sms_summary(text: str) -> str:
    """The length of an SMS, its encoding, and how many SMS it takes."""
    from desk.messages.sms import sms_segments

    info = sms_segments(text)
    n = len(text)
    if info.characters != n:
        length = ngettext(
            "{n} character (counted as {counted})", "{n} characters (counted as {counted})", n
        ).format(n=format_number(n), counted=format_number(info.characters))
    else:
        length = ngettext("{n} character", "{n} characters", n).format(n=format_number(n))
    parts = ngettext("{n} SMS", "{n} SMS messages", info.segments)
    return f"{length} · {info.encoding} · {parts.format(n=format_number(info.segments))}"


class MessagePreview(QWidget):
    """A read-only view of one message for one channel."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.subject_label = QLabel()
        self.subject_label.setWordWrap(True)
        self.subject_label.setTextFormat(Qt.RichText)
        self.subject = ""  # the parts exactly as given (the views rewrite what they show:
        self.html = ""  # QTextBrowser its HTML, QPlainTextEdit a no-break space)
        self.text = ""
        self.subject_label.setStyleSheet("font-weight: 600;")
        self.html_view = OfflineBrowser()
        self.text_view = QPlainTextEdit(readOnly=True)
        mono = QFontDatabase.systemFont(QFontDatabase.FixedFont)
        self.text_view.setFont(mono)
        self.tabs = QTabWidget()
        tab_look(self.tabs.tabBar())
        self.tabs.addTab(self.html_view, _("Email (HTML)"))
        self.tabs.addTab(self.text_view, _("Plain text"))
        self.info_label = QLabel()
        self.info_label.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.subject_label)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.info_label)

    def show_email(self, subject: str, html: str, text: str) -> None:
        """Show an email: subject line, HTML and plain-text parts."""
        self.subject = subject
        self.html, self.text = html, text
        body, inbox = split_preheader(html)
        inbox_line = (
            "<br><span style='font-weight: normal; color: #555;'>{}</span>".format(
                _("Inbox preview: {preheader}").format(preheader=html_lib.escape(inbox))
            )
            if inbox
            else ""
        )
        said = _("Subject: {subject}").format(subject=html_lib.escape(subject))
        self.subject_label.setText(said + inbox_line)
        self.subject_label.show()
        self.html_view.setHtml(body)
        self.text_view.setPlainText(text)
        self.tabs.setTabVisible(0, True)
        self.tabs.setTabText(1, _("Plain text"))
        self.tabs.setCurrentIndex(0)
        self.info_label.hide()

    def show_sms(self, text: str) -> None:
        """Show an SMS with its length and the number of SMS it takes."""
        self.subject, self.html, self.text = "", "", text
        self.subject_label.hide()
        self.text_view.setPlainText(text)
        self.tabs.setTabVisible(0, False)
        self.tabs.setTabText(1, _("SMS"))
        self.tabs.setCurrentIndex(1)
        self.info_label.setText(sms_summary(text))
        self.info_label.show()

    def show_problem(self, message: str) -> None:
        """Show why the message cannot be shown."""
        self.subject, self.html, self.text = "", "", ""
        self.subject_label.setText(html_lib.escape(message))
        self.subject_label.show()
        self.html_view.clear()
        self.text_view.clear()
        self.info_label.hide()
