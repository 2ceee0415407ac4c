"""The Settings dialog's choice of the desk's own language: this computer's, not the shop's.

It is kept in a small file of this computer (desk.i18n.desk_language), not in the shop's
database, and is separate from the shop's default language for customers. The window
speaks it from Return Desk's next start; the field says so as soon as it is changed.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import QComboBox, QVBoxLayout, QWidget

from desk.errors import DeskError
from desk.i18n.catalog import LANGUAGE_NAMES, LANGUAGES, SOURCE_LANGUAGE, _
from desk.i18n.desk_language import choose_language, chosen_language, computer_language
from ui.settings.pages import combo_width
from ui.widgets.form_parts import ErrorLabel, with_error

FOLLOW = ""
"""The choice that follows this computer's language."""


def computer_language_name() -> str:
    """This computer's language as the desk would speak it, in its own words."""
    found = computer_language(tuple(QLocale.system().uiLanguages()))
    return LANGUAGE_NAMES[found or SOURCE_LANGUAGE]


class DeskLanguageField(QWidget):
    """Follow this computer, or one of the languages the desk speaks; `save` keeps it."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.combo = QComboBox()
        self.combo.setObjectName("desk:language")
        self.computer = computer_language_name()
        self.combo.addItem(_("Follow this computer ({language})").format(language=self.computer))
        self.combo.setItemData(0, FOLLOW)
        for code in LANGUAGES:
            self.combo.addItem(LANGUAGE_NAMES[code], code)
        self.combo.setMaximumWidth(combo_width(self.combo))
        box, self.error = with_error(self.combo)
        self.note = ErrorLabel()  # wraps, hidden while empty; a hint, not an error
        self.note.setObjectName("desk:language-note")
        self.note.setProperty("role", "hint")
        self.note.setTextFormat(Qt.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(box)
        layout.addWidget(self.note)
        self.setFocusProxy(self.combo)
        self.saved_code = chosen_language()
        self.combo.setCurrentIndex(max(self.combo.findData(self.saved_code), 0))
        self.combo.currentIndexChanged.connect(self._changed)

    def code(self) -> str:
        """The language chosen in the box ("" to follow this computer)."""
        return str(self.combo.currentData() or FOLLOW)

    def language_name(self) -> str:
        """The language the desk will speak with the choice in the box, in its own words."""
        code = self.code()
        return LANGUAGE_NAMES[code] if code else self.computer

    def is_dirty(self) -> bool:
        """True when the box shows another choice than the one kept."""
        return self.code() != self.saved_code

    def _changed(self) -> None:
        self.error.clear()
        if self.is_dirty():
            self.note.set_message(
                _(
                    "Applies when Return Desk next starts: from then on it speaks {language}. "
                    "Nothing else changes."
                ).format(language=self.language_name())
            )
        else:
            self.note.set_message(None)
        self.changed.emit()

    def save(self) -> bool:
        """Keep the choice for the next start (when it changed); False, with the reason
        shown under the box, when this computer's settings folder cannot be written."""
        if not self.is_dirty():
            return True
        try:
            self.saved_code = choose_language(self.code())
        except DeskError as error:
            self.error.show(str(error))
            return False
        self.note.set_message(
            _("Saved: Return Desk speaks {language} when it next starts.").format(
                language=self.language_name()
            )
        )
        return True
