"""Shows a customer message exactly as it will be sent: email (subject, HTML, text) or SMS."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QLabel,
    QPlainTextEdit,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)


class MessagePreview(QWidget):
    """A read-only view of one message for one channel."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.subject_label = QLabel()
        self.subject_label.setWordWrap(True)
        self.subject_label.setStyleSheet("font-weight: 600;")
        self.html_view = QTextBrowser()
        self.html_view.setOpenLinks(False)
        self.text_view = QPlainTextEdit(readOnly=True)
        mono = QFontDatabase.systemFont(QFontDatabase.FixedFont)
        self.text_view.setFont(mono)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.html_view, "Email (HTML)")
        self.tabs.addTab(self.text_view, "Plain text")
        self.info_label = QLabel()
        self.info_label.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.subject_label)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.info_label)

    def show_email(self, subject: str, html: str, text: str) -> None:
        """Show an email: subject line, HTML and plain-text parts."""
        self.subject_label.setText(f"Subject: {subject}")
        self.subject_label.show()
        self.html_view.setHtml(html)
        self.text_view.setPlainText(text)
        self.tabs.setTabVisible(0, True)
        self.tabs.setTabText(1, "Plain text")
        self.tabs.setCurrentIndex(0)
        self.info_label.hide()

    def show_sms(self, text: str) -> None:
        """Show an SMS with its length and the number of SMS it takes."""
        from desk.sms import sms_segments

        self.subject_label.hide()
        self.text_view.setPlainText(text)
        self.tabs.setTabVisible(0, False)
        self.tabs.setTabText(1, "SMS")
        self.tabs.setCurrentIndex(1)
        info = sms_segments(text)
        plural = "SMS" if info.segments == 1 else "SMS messages"
        counted = f" (counted as {info.characters})" if info.characters != len(text) else ""
        self.info_label.setText(
            f"{len(text)} characters{counted} · {info.encoding} · {info.segments} {plural}"
        )
        self.info_label.show()

    def show_problem(self, message: str) -> None:
        """Show why the message cannot be shown."""
        self.subject_label.setText(message)
        self.subject_label.show()
        self.html_view.clear()
        self.text_view.clear()
        self.info_label.hide()
