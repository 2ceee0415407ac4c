"""Barcode scanners recognised wherever the focus is in a window.

A USB scanner is a keyboard: it types the code in one fast burst (1-5 ms a key) and ends
with Enter. `ScanDetector(window, on_scan)` watches the key presses of `window` and all
its children (an application event filter, so whatever has the focus is seen) and calls
`on_scan(code)` for a burst of at least `MIN_LENGTH` printable characters, each within
`GAP_MS` of the one before, ended by Enter or Return. The Enter of a scan reaches nobody
(no default button, no dialog accept, no shortcut), and the focused field is put back as
it was before the burst: the code never stays in it.

Undo-after for text fields, hold-and-replay for the rest. Holding every key until it is
clear it is no scan would delay all typing by the gap (30 ms a key, on top of what the
screen already takes) and replay synthetic keys into input methods and completers. So a
key reaches a text field (line edit, spin box, editable combo, text edit) at once:
typing waits for nothing, and the added cost is the filter itself (see "Measured").
The state of the field is saved before the first key of each burst (ui.widgets.field_state)
and put back when the burst ends as a scan. Elsewhere a printable key is a command: a
list's type-ahead search (which selects a row and loads its detail), a button's space, a
plain combo box's choice, an editable cell's editor opening. Those cannot be taken back,
so such keys are held and replayed, in order, to the focus as soon as the burst stops
short of a scan (the gap passes, another key, a click): a key there lands up to `GAP_MS`
late, which nobody notices when jumping in a list.

The gap: people type 60-200 ms between keys (fast typists' rolled pairs can come 20-40 ms
apart, never four in a row); scanners 1-5 ms, some Bluetooth ones up to about 15 ms.
The time is the key event's own (when the keyboard sent it, so a busy window does not
stretch the gaps); events without one (QTest's) are timed as they arrive, less the time
the UI thread waited for a CPU meanwhile (Linux's schedstat).

Measured (bench/scanner_bench.py, 2 cores at load average 11-14, two runs): scans driven
at 2 ms a key into the main window over 2,000 demo returns reach the filter 2.4 ms apart
(median; 99th percentile 3-3.5 ms, worst of 1,980 gaps 26-27 ms, with the focus in the
list, the search box or the detail); by the wall clock alone the 99th percentile was
12-16 ms and the worst 67-175 ms, hence the CPU-wait correction. `GAP_MS` = 30 sits
between scanners and people. The filter adds 0.4-1.5 µs to every event of the
application and 50-160 µs to a key typed into a text field (the field's state saved
included): a typed character shows about 0.5 ms after its key (0.25 ms without the
detector), far below a screen refresh. A key held in a list lands 31-55 ms late.

Not scans: keys with Ctrl, Alt or Meta (shortcuts, mnemonics; AltGr characters are
printable and count), auto-repeat, dead keys and input-method text (they end any burst
and pass untouched), fewer than `MIN_LENGTH` characters, and keys of other windows
(a dialog opened on top watches itself).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from ui.widgets.field_state import Restore, save_state, takes_text

GAP_MS = 30
"""The longest pause between two keys of one scan (see the module docstring)."""

MIN_LENGTH = 4
"""The fewest characters a scan has; shorter fast bursts are typing."""

_ENTER = (Qt.Key_Return, Qt.Key_Enter)
_MODIFIER_KEYS = frozenset(
    (Qt.Key_Shift, Qt.Key_Control, Qt.Key_Alt, Qt.Key_AltGr, Qt.Key_Meta, Qt.Key_CapsLock)
)  # a scanner presses Shift for capitals: part of the burst, not an end to it
_COMMAND_MODIFIERS = Qt.ControlModifier | Qt.AltModifier | Qt.MetaModifier
_ALT_GR = Qt.ControlModifier | Qt.AltModifier  # how Windows reports AltGr
_FLUSHING_EVENTS = frozenset(
    (
        QEvent.MouseButtonPress,
        QEvent.MouseButtonDblClick,
        QEvent.Wheel,
        QEvent.FocusOut,
        QEvent.InputMethod,
    )
)


def _printable(event: QKeyEvent) -> bool:
    """Whether the key types a character a scanner could send (not a shortcut or a repeat)."""
    text = event.text()
    if not text or not text.isprintable() or event.isAutoRepeat():
        return False
    commands = event.modifiers() & _COMMAND_MODIFIERS
    return commands == Qt.NoModifier or commands == _ALT_GR


def _enter(event: QKeyEvent) -> bool:
    return event.key() in _ENTER and not event.modifiers() & _COMMAND_MODIFIERS


Instant = tuple[float, float | None]
"""A moment as the detector times it: monotonic ms, and ms the UI thread had waited for a
CPU so far (None when not read)."""

_SCHEDSTAT = "/proc/thread-self/schedstat"  # Linux: time run, time waited for a CPU (ns)


def _cpu_wait_ms() -> float:
    """How long the calling thread has waited for a CPU so far (0 where unknown)."""
    global _SCHEDSTAT
    if _SCHEDSTAT:
        try:
            with open(_SCHEDSTAT, "rb") as stat:
                return int(stat.read().split()[1]) / 1e6
        except (OSError, IndexError, ValueError):
            _SCHEDSTAT = ""  # not Linux, or no scheduler statistics: wall time alone
    return 0.0


def _now(event: QKeyEvent | None = None) -> Instant:
    """The time (monotonic ms) and how long the UI thread has waited for a CPU (ms; read
    only for an event without a time of its own, the rest are timed by that)."""
    stamped = event is not None and event.timestamp() != 0
    return time.monotonic() * 1000, None if stamped else _cpu_wait_ms()


def _elapsed(now: Instant, then: Instant) -> float:
    """Milliseconds from `then` to `now`, less the time spent waiting for a CPU meanwhile."""
    (clock, waited), (last_clock, last_waited) = now, then
    if waited is None or last_waited is None:
        return clock - last_clock
    return (clock - last_clock) - (waited - last_waited)


class _Burst:
    """Keys that came fast one after the other, to one widget."""

    def __init__(self, receiver: QWidget, field: QWidget, restore: Restore | None, hold: bool):
        self.receiver, self.field, self.restore, self.hold = receiver, field, restore, hold
        self.text = ""
        self.held: list[QKeyEvent] = []  # presses and releases kept back, in order
        self.stamp = 0  # the last key's own time (ms), 0 when events have none
        self.arrived: Instant = (0.0, None)  # see `_now`
        self.rechecked = False  # the held keys' timer gave queued input one more turn

    def gap(self, event: QKeyEvent, now: Instant) -> float:
        """Milliseconds since the burst's last key."""
        stamp = event.timestamp()
        if stamp and self.stamp and stamp >= self.stamp:
            return stamp - self.stamp  # keys queued while the window was busy keep their gaps
        return _elapsed(now, self.arrived)

    def add(self, event: QKeyEvent, now: Instant) -> None:
        self.text += event.text()
        self.stamp, self.arrived, self.rechecked = event.timestamp(), now, False


class ScanDetector(QObject):
    """Recognises a scanner's bursts in `window` and hands each code to `on_scan`.

    `on_scan(code)` is called on the UI thread just after the Enter (a queued signal of
    this object, a child of `window`: a lambda connected here dies with the window).
    """

    scanned = Signal(str)
    active = True  # False: every key passes untouched (the dialog tests that type as a person)
    # While its window is being destroyed, Qt may still pass events to the filter after
    # PySide cleared this object's attributes: these class values then answer.
    _burst: _Burst | None = None
    _handlers: dict = {}  # never written: each instance sets its own

    def __init__(
        self,
        window: QWidget,
        on_scan: Callable[[str], None],
        *,
        gap_ms: int = GAP_MS,
        min_length: int = MIN_LENGTH,
    ):
        super().__init__(window)
        self.window, self.gap_ms, self.min_length = window, gap_ms, min_length
        self._burst: _Burst | None = None
        self._flush_timer = QTimer(self, singleShot=True, interval=gap_ms)
        self._flush_timer.timeout.connect(self._gap_passed)
        self.scanned.connect(on_scan, Qt.QueuedConnection)
        self._handlers = {
            QEvent.KeyPress: self._key_press,
            QEvent.ShortcutOverride: self._shortcut_override,
            QEvent.KeyRelease: self._key_release,
        }
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # Every event of the application passes here: isinstance is cheap, while reading
        # a PySide enum such as event.type() costs microseconds.
        if isinstance(event, QKeyEvent):
            if not self.active:
                return False
            handler = self._handlers.get(event.type())
            return handler(watched, event) if handler is not None else False
        if self._burst is not None and self._burst.held and event.type() in _FLUSHING_EVENTS:
            self._end_burst()  # a click or another field: what was held lands first
        return False

    def _field(self, watched: QObject) -> QWidget | None:
        """The widget of this window a key sent to `watched` is for, or None: `watched`
        itself, or the field whose completion list (a popup window) has the keys."""
        if not isinstance(watched, QWidget):
            return None
        if watched.windowType() == Qt.Popup and watched.focusProxy() is not None:
            watched = watched.focusProxy()  # a QCompleter's list hands the keys to its field
        return watched if watched is self.window or self.window.isAncestorOf(watched) else None

    def _watches(self, watched: QObject, event: QEvent) -> bool:
        """A key typed on a device (not a replay or a parent's copy) into this window."""
        return event.spontaneous() and self._field(watched) is not None

    def _continues(self, watched: QObject, event: QKeyEvent, now: Instant) -> bool:
        burst = self._burst
        return (
            burst is not None
            and burst.field is self._field(watched)
            and burst.gap(event, now) <= self.gap_ms
        )

    def _key_press(self, watched: QObject, event: QKeyEvent) -> bool:
        if not self._watches(watched, event):
            return False
        if event.key() in _MODIFIER_KEYS:
            return False
        now = _now(event)
        if _enter(event):
            return self._enter(watched, event, now)
        if not _printable(event):
            self._end_burst()
            return False
        if self._continues(watched, event, now):
            burst = self._burst
            burst.add(event, now)
            if burst.hold:
                burst.held.append(_copy(event))
                self._flush_timer.start(self.gap_ms)
                return True
            return False
        self._end_burst()
        field = self._field(watched)
        hold = not takes_text(field)
        self._burst = burst = _Burst(watched, field, save_state(field), hold)
        burst.add(event, now)
        if burst.hold:  # a command key (a list's search, a button's space): held from the first
            burst.held.append(_copy(event))
            self._flush_timer.start(self.gap_ms)
            return True
        return False

    def _is_scan_end(self, watched: QObject, event: QKeyEvent, now: Instant) -> bool:
        return self._continues(watched, event, now) and len(self._burst.text) >= self.min_length

    def _enter(self, watched: QObject, event: QKeyEvent, now: Instant) -> bool:
        if not self._is_scan_end(watched, event, now):
            self._end_burst()
            return False
        burst, self._burst = self._burst, None
        self._flush_timer.stop()
        if burst.restore is not None:
            burst.restore()  # the field as it was before the first key of the scan
        popup = QApplication.activePopupWidget()
        if popup is not None and popup.focusProxy() is burst.field:
            popup.hide()  # the field's completions: the scan chose none of them
        self.scanned.emit(burst.text)
        return True

    def _shortcut_override(self, watched: QObject, event: QKeyEvent) -> bool:
        """Before a key press Qt asks the focused widget whether it wants the key, else the
        key may trigger a shortcut: claim the Enter of a scan and the keys being held."""
        if self._burst is None or self._field(watched) is None:
            return False
        if event.key() in _MODIFIER_KEYS:
            return False
        if _enter(event):
            claim = self._is_scan_end(watched, event, _now(event))
        elif _printable(event):
            claim = self._burst.hold and self._continues(watched, event, _now(event))
        else:  # a shortcut's key (Ctrl+S) ends the burst: what was held lands before it acts
            self._end_burst()
            claim = False
        if claim:
            event.accept()
        return claim

    def _key_release(self, watched: QObject, event: QKeyEvent) -> bool:
        burst = self._burst
        if burst is None or not burst.held or not self._watches(watched, event):
            return False
        if self._field(watched) is burst.field:
            burst.held.append(_copy(event))  # replayed after its press, or dropped with it
            return True
        return False

    def _gap_passed(self) -> None:
        """The timer of the held keys: end the burst, unless the next key may be waiting
        in the queue (the window was busy, or the thread waited for a CPU meanwhile)."""
        burst = self._burst
        if burst is None:
            return
        if not burst.stamp:
            left = self.gap_ms - _elapsed(_now(), burst.arrived)
            if left > 0:
                self._flush_timer.start(max(1, round(left)))
                return
        if not burst.rechecked:  # a 0 ms timer fires once the queued window events are in
            burst.rechecked = True
            self._flush_timer.start(0)
            return
        self._end_burst()

    def _end_burst(self) -> None:
        """The burst is not a scan: hand the keys held back to their widget, in order."""
        self._flush_timer.stop()
        burst, self._burst = self._burst, None
        if burst is None or not burst.held:
            return
        for event in burst.held:
            if not shiboken6.isValid(burst.receiver):
                return
            QApplication.sendEvent(_receiver(burst.receiver), event)  # not spontaneous: unseen


def _receiver(widget: QWidget) -> QWidget:
    """Where a held key goes: its widget, or the editor a key before it opened in it."""
    focused = QApplication.focusWidget()
    return focused if focused is not None and widget.isAncestorOf(focused) else widget


def _copy(event: QKeyEvent) -> QKeyEvent:
    """A key event to replay later (Qt reuses the one it delivers)."""
    return QKeyEvent(
        event.type(),
        event.key(),
        event.modifiers(),
        event.text(),
        event.isAutoRepeat(),
        event.count(),
    )
