"""The settings dialog's parts: one field per declared setting, secret boxes, page grids."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk.i18n.catalog import N_, _
from desk.phones import country_names
from desk.policy.settings import POLICY
from desk.setting_spec import SettingSpec
from desk.settings import (
    REWARD_MIN_PURCHASE,
    REWARD_VALUE,
    SHOP_ADDRESS,
    SHOP_COUNTRY,
    SHOP_EMAIL,
    SHOP_HOURS,
    SHOP_LOGO,
    SHOP_REPLY_TO,
    SMS_URL,
    SMTP_HOST,
)
from ui.settings.amount_field import AmountBox, Unit
from ui.settings.words import RULE_CAPTIONS, choice_words, segment_title
from ui.widgets.form_parts import select_code, with_error

YES_NO = ("yes", "no")
"""The choices a yes/no setting shows (desk.setting_spec.SettingSpec.show)."""
MULTILINE = {SHOP_ADDRESS, SHOP_HOURS}
COUNTRY = {SHOP_COUNTRY}
"""Settings chosen from the countries phone numbers are known for, named in the desk's
language (desk.phones.country_names)."""
IMAGE_FILE = {SHOP_LOGO}
AMOUNTS = {REWARD_MIN_PURCHASE: Unit.MONEY, REWARD_VALUE: Unit.PERCENT}
"""Settings kept in cents (or percent) that staff type as an amount; the reward's value
turns to money when the reward kind is a fixed amount (the dialog switches it)."""
PLACEHOLDERS = {
    SHOP_EMAIL: N_("shop@example.com"),
    SHOP_REPLY_TO: N_("Optional: where customers' replies go"),
    SMTP_HOST: "smtp.example.com",
    SMS_URL: "https://api.example.com/2010-04-01",
}
INT_MAX = 9_999_999  # wide enough that a wrong number can be typed and shown as wrong
PREVIEW_SIZE = 72
COMBO_WIDTH = 280
NOTICE_STYLE = (
    "QLabel[role='notice'] { background: #fef9c3; border: 1px solid #facc15; padding: 6px; }"
)
OK_COLOR, ERROR_COLOR = "#15803d", "#b91c1c"


def without_label(message: str, spec: SettingSpec) -> str:
    """A setting's error without the setting's label in front (the field is beside it)."""
    for label in (_(spec.label), spec.label):
        message = message.removeprefix(f"{label}: ")
    return message


def combo_width(box: QComboBox) -> int:
    """The widest a setting's combo box grows: COMBO_WIDTH, or its longest choice whole."""
    return max(COMBO_WIDTH, box.sizeHint().width())


class SettingField(QWidget):
    """One setting's input, built from its SettingSpec, with its error label under it."""

    changed = Signal()

    def __init__(self, spec: SettingSpec, parent: QWidget | None = None):
        super().__init__(parent)
        self.spec = spec
        self.input = self._make_input()
        self.input.setObjectName(f"setting:{spec.key}")
        if spec.help and not (spec.choices or spec.type is bool):  # a choice says it in words
            self.input.setToolTip(_(spec.help))
        extra = self._image_row() if spec in IMAGE_FILE else None
        box, self.error = with_error(self.input, extra=extra)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)
        self.setFocusProxy(self.input)

    def _make_input(self) -> QWidget:
        spec = self.spec
        if spec.options:
            return self._option_boxes(spec.options)
        if spec in COUNTRY:
            widget = QComboBox()
            widget.setEditable(False)
            self._fill_countries(widget, "en")
            widget.currentIndexChanged.connect(lambda _: self.changed.emit())
            widget.setMaximumWidth(COMBO_WIDTH)  # a long country's name is elided
            return widget
        if spec.choices or spec.type is bool:
            widget = QComboBox()
            for code in spec.choices or YES_NO:
                widget.addItem(choice_words(spec, code), code)
            widget.currentIndexChanged.connect(lambda _: self.changed.emit())
            widget.setMaximumWidth(combo_width(widget))
        elif spec in AMOUNTS:
            widget = AmountBox(AMOUNTS[spec])
            widget.textChanged.connect(lambda _: self.changed.emit())
        elif spec.type is int:
            widget = QSpinBox()
            widget.setRange(0, INT_MAX)
            widget.setMaximumWidth(120)
            widget.setKeyboardTracking(True)
            widget.textChanged.connect(lambda _: self.changed.emit())
        elif spec in MULTILINE:
            widget = QPlainTextEdit()
            widget.setTabChangesFocus(True)
            widget.setFixedHeight(54)
            widget.textChanged.connect(self.changed.emit)
        else:
            widget = QLineEdit()
            hint = PLACEHOLDERS.get(spec, "")
            widget.setPlaceholderText(_(hint) if hint else "")
            widget.textChanged.connect(lambda _: self.changed.emit())
        return widget

    @staticmethod
    def _fill_countries(widget: QComboBox, language: str) -> None:
        chosen = widget.currentData()
        widget.blockSignals(True)
        widget.clear()
        for code, name in country_names(language).items():
            widget.addItem(f"{name} ({code})", code)
        widget.blockSignals(False)
        if chosen:
            select_code(widget, chosen)

    def name_countries(self, language: str) -> None:
        """Name the countries of a country setting in `language` (the desk's), keeping the
        chosen one."""
        if self.spec in COUNTRY:
            self._fill_countries(self.input, language)

    def _option_boxes(self, options: dict[str, str]) -> QWidget:
        """One checkbox per code, for a setting that holds a set of codes."""
        widget = QWidget()
        layout = QVBoxLayout(widget)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.boxes: dict[str, QCheckBox] = {}
        for code, words in options.items():
            box = self.boxes[code] = QCheckBox(_(words))
            box.setObjectName(f"option:{code}")
            box.toggled.connect(lambda _: self.changed.emit())
            layout.addWidget(box)
        widget.setFocusProxy(next(iter(self.boxes.values())))
        return widget

    def _image_row(self) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        self.preview = QLabel()
        self.preview.setFixedSize(PREVIEW_SIZE, PREVIEW_SIZE)
        self.preview.setAlignment(Qt.AlignCenter)
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet("border: 1px solid #d4d4d4; color: #666; font-size: 10px;")
        browse = QPushButton(_("Choose…"))
        browse.setObjectName(f"browse:{self.spec.key}")
        browse.clicked.connect(self._choose_image)
        column = QVBoxLayout()
        column.addWidget(self.input)
        column.addWidget(browse, 0, Qt.AlignLeft)
        column.addStretch(1)
        layout.addLayout(column, 1)
        layout.addWidget(self.preview, 0, Qt.AlignTop)
        self.changed.connect(self._show_preview)
        self._show_preview()
        return row

    def _choose_image(self) -> None:
        start = str(Path(self.text()).parent) if self.text() else ""
        path, _filter = QFileDialog.getOpenFileName(
            self, _(self.spec.label), start, _("Images (*.png *.jpg *.jpeg)")
        )
        if path:
            self.set_value(path)

    def _show_preview(self) -> None:
        path = self.text()
        pixmap = QPixmap(path) if path else QPixmap()
        if pixmap.isNull():
            self.preview.setPixmap(QPixmap())
            self.preview.setText(_("Cannot read this image") if path else _("No logo"))
            return
        size = PREVIEW_SIZE - 4
        self.preview.setPixmap(
            pixmap.scaled(size, size, Qt.KeepAspectRatio, Qt.SmoothTransformation)
        )

    def text(self) -> str:
        """What is typed or chosen now, as text for desk.setting_spec.SettingSpec.parse."""
        widget = self.input
        if self.spec.options:
            return ",".join(code for code, box in self.boxes.items() if box.isChecked())
        if isinstance(widget, QComboBox):
            return str(widget.currentData())
        if isinstance(widget, AmountBox):
            return str(widget.stored())
        if isinstance(widget, QSpinBox):
            return widget.cleanText()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        return widget.text()

    def set_value(self, value: object) -> None:
        """Show `value` (a stored setting) in the input."""
        widget = self.input
        if self.spec.options:
            chosen = {c.strip() for c in str(value).split(",")}
            for code, box in self.boxes.items():
                box.setChecked(code in chosen)
        elif isinstance(widget, QComboBox):
            select_code(widget, self.spec.choice_code(value))
        elif isinstance(widget, AmountBox):
            widget.set_stored(int(value))
        elif isinstance(widget, QSpinBox):
            widget.setValue(int(value))
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(str(value))
        else:
            widget.setText(str(value))
            widget.setCursorPosition(0)  # a long value shows its beginning

    def show_error(self, message: str | None) -> None:
        """Show `message` in red under the field, or clear it."""
        if message:
            self.error.show(message)
        else:
            self.error.clear()


def caption_label(text: str) -> QLabel:
    """A caption for the left column: wraps, sits level with the field's text."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setContentsMargins(0, 4, 0, 0)
    return label


class SettingsPage(QWidget):
    """A page of captioned rows; settings rows come from their declarations."""

    CAPTION_WIDTH = 190

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.fields: dict[str, SettingField] = {}
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(6)
        self.grid.setColumnMinimumWidth(0, self.CAPTION_WIDTH)
        self.grid.setColumnStretch(1, 1)
        self.outer = QVBoxLayout(self)
        self.outer.addLayout(self.grid)
        self.outer.addStretch(1)

    def add_row(self, caption: str | QWidget, widget: QWidget) -> None:
        """Add `widget` with its caption on the left."""
        row = self.grid.rowCount()
        label = caption_label(caption) if isinstance(caption, str) else caption
        label.setFixedWidth(self.CAPTION_WIDTH)
        if isinstance(label, QLabel) and label.buddy() is None:
            label.setBuddy(widget)
        self.grid.addWidget(label, row, 0, Qt.AlignTop | Qt.AlignLeft)
        self.grid.addWidget(widget, row, 1)

    def add_setting(self, spec: SettingSpec, caption: str | None = None) -> SettingField:
        """Add the field for `spec`, captioned with its label (translated) unless told
        otherwise (`caption`, already in the desk's language)."""
        field = SettingField(spec)
        self.fields[spec.key] = field
        self.add_row(caption or _(spec.label), field)
        return field

    def add_heading(self, text: str) -> None:
        """Start a titled section spanning both columns."""
        label = QLabel(f"<b>{text}</b>")
        label.setContentsMargins(0, 10, 0, 0)
        self.grid.addWidget(label, self.grid.rowCount(), 0, 1, 2)

    def add_wide(self, widget: QWidget) -> None:
        """Add `widget` across both columns."""
        self.grid.addWidget(widget, self.grid.rowCount(), 0, 1, 2)


class PolicyPage(SettingsPage):
    """The return policy: segment thresholds and incentives as rows, then one column per
    segment for each rule (window, methods, fee, counter refund, receipt)."""

    def __init__(self, parent: QWidget | None = None):
        from desk.customers.segments import Segment

        super().__init__(parent)
        self.segments = list(Segment)
        self.cells = {  # each per-segment rule's column (its segment) and row (the rule)
            getattr(POLICY[segment], rule.name): (segment, rule.name)
            for segment in Segment
            for rule in dataclasses.fields(POLICY[segment])
        }
        self.rule_rows: dict[str, int] = {}
        self.matrix = QGridLayout()
        self.matrix.setHorizontalSpacing(10)
        self.matrix.setVerticalSpacing(6)
        self.matrix.setColumnMinimumWidth(0, self.CAPTION_WIDTH)
        heading = QLabel("<b>{}</b>".format(_("Policy for each kind of customer")))
        heading.setContentsMargins(0, 12, 0, 0)
        self.matrix.addWidget(heading, 0, 0, 1, len(self.segments) + 1)
        for column, segment in enumerate(Segment, start=1):
            title = QLabel(f"<b>{segment_title(segment)}</b>")
            self.matrix.addWidget(title, 1, column, Qt.AlignLeft)
            self.matrix.setColumnStretch(column, 1)
        self.outer.insertLayout(1, self.matrix)

    def add_setting(self, spec: SettingSpec, caption: str | None = None) -> SettingField:
        """Put a per-segment rule in its row and column; anything else as a plain row."""
        if spec not in self.cells:
            return super().add_setting(spec, caption)
        segment, rule = self.cells[spec]
        field = SettingField(spec)
        self.fields[spec.key] = field
        if rule not in self.rule_rows:
            row = self.rule_rows[rule] = self.matrix.rowCount()
            label = caption_label(_(RULE_CAPTIONS[rule]))
            label.setFixedWidth(self.CAPTION_WIDTH)
            self.matrix.addWidget(label, row, 0, Qt.AlignTop | Qt.AlignLeft)
        column = self.segments.index(segment) + 1
        field.setToolTip(_(spec.label))
        self.matrix.addWidget(field, self.rule_rows[rule], column)
        return field
