"""The detail of the return selected in the list, read in the background.

Moving through the list never waits for the database: each selection asks for its return's
detail, and only the last one asked for is shown when it arrives (a generation counter).
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from desk.db import Database
from desk.errors import DeskError
from desk.i18n.catalog import _
from ui.background import run_in_background
from ui.widgets.after_paint import PAINT_WAIT_MS, after_paint


class DetailLoader(QObject):
    """Reads a return's detail for the window's detail panel, the newest asked for wins."""

    def __init__(self, window, db: Database):
        super().__init__(window)
        self.window, self.db = window, db
        self._asked = self._shown = 0
        self._shown_id: int | None = None  # the return whose detail is on screen
        self._wanted: int | None = None  # the return asked for last
        self._held = False

    @property
    def loading(self) -> bool:
        """Whether a return's detail is still being read."""
        return self._shown != self._asked

    def again(self) -> None:
        """Read the return asked for last once more (its messages or status changed): the
        one being read if any, else the one on screen."""
        if self._wanted is not None:
            self.show(self._wanted)

    def stale(self) -> None:
        """The return on screen may have changed: the next `show` reads it again."""
        self._shown_id = None

    def hold(self) -> None:
        """Read nothing until `release()`: at start the first page paints first. A read
        in the background holds Python's lock in 5 ms slices, and the paint needs it for
        each cell it asks the model for (ui.app releases it once the first page shows)."""
        self._held = True

    def release(self) -> None:
        """Read what was asked for while held, if anything."""
        if self._held:
            self._held = False
            if self._asked != self._shown:
                self.show(self._wanted)

    def hold_until_painted(self, widget, *, at_most_ms: int = PAINT_WAIT_MS) -> None:
        """Hold the reads until `widget` has painted (or `at_most_ms` passed): after the
        list reloaded, its new rows paint before the selected one's detail is read."""
        if self._held:
            return
        self.hold()
        after_paint(widget, self.release, at_most_ms=at_most_ms)

    def show(self, return_id: int | None, *, again: bool = True) -> None:
        """Show `return_id`'s detail once read (or nothing at once); with `again` False,
        a return already on screen is left as it is (the list reloaded around it)."""
        if not again and return_id == self._shown_id and not self.loading:
            return
        self._asked, self._wanted = self._asked + 1, return_id
        if self._held:
            return
        panel = self.window.detail
        if return_id is None:
            self._shown, self._shown_id = self._asked, None
            panel.show_detail(None)
            return
        asked, db = self._asked, self.db
        run_in_background(
            lambda: _read(db, return_id),
            owner=self,
            on_success=lambda view: self._arrived(asked, return_id, view),
            on_failure=lambda error: self._failed(asked, error),
        )

    def _arrived(self, asked: int, return_id: int, view) -> None:
        if asked != self._asked:
            return  # another return was asked for meanwhile
        self._shown, self._shown_id = asked, return_id
        panel = self.window.detail
        panel.show_detail(view.detail)
        panel.show_habits(view.habits)
        panel.messages_box.show_messages(view.messages)
        panel.feedback_box.load(self.db, return_id)

    def _failed(self, asked: int, error: Exception) -> None:
        if asked != self._asked:
            return
        self._shown, self._shown_id = asked, None
        if isinstance(error, DeskError):
            message = str(error)
        else:
            message = _("Cannot show the return: {error}").format(error=error)
        self.window.statusBar().showMessage(message, 5000)
        self.window.detail.show_detail(None)


def _read(db, return_id: int):
    """The return's view, its customer's phone already formatted (phonenumbers is loaded
    there at the first detail, not on the UI thread)."""
    from desk.services import return_view  # the ORM: loaded after the first page

    view = return_view(db, return_id=return_id)
    view.detail.customer_phone  # noqa: B018 (a cached property: formatted here)
    return view
