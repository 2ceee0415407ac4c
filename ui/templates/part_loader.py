"""The template editor's reads of a part, in the background: the newest asked for wins.

Choosing a part, resetting it and (after a save) reading it back are each one desk call
(desk.messages.template_editing) run through ui.background; a result that arrives after
another part was chosen is dropped, so it never replaces what the editor shows.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from PySide6.QtCore import QObject

from desk.db import Database
from desk.messages import template_editing
from desk.messages.template_editing import PartText
from desk.staff.actor import Actor
from ui.background import run_in_background

Key = tuple[str, str, str]


class PartLoader(QObject):
    """Reads parts for `editor` (its owner, a TemplateEditor): calls its
    `show_part(part)` or `part_failed(error)` for the last one asked for only.

    It holds no reference to the editor but its parent, so it keeps nothing alive.
    """

    def __init__(self, editor: QObject, db: Database):
        super().__init__(editor)
        self._db = db
        self._asked = self._answered = 0

    @property
    def loading(self) -> bool:
        """Whether a part asked for has not arrived yet."""
        return self._answered != self._asked

    def open(self, key: Key, mode: str | None) -> None:
        """Read part `key` (event, language, part) in `mode` (None: as stored)."""
        self._run(template_editing.open_part, key, mode)

    def reset(self, key: Key, mode: str | None, *, actor: Actor | None = None) -> None:
        """Put part `key` (in SIMPLE `mode`: the whole email) back to the default, as
        `actor` (who approved it); read it."""
        self._run(functools.partial(template_editing.reset_part, actor=actor), key, mode)

    def forget(self) -> None:
        """Drop what is still on its way (the editor shows something newer)."""
        self._asked += 1
        self._answered = self._asked

    def _run(self, call: Callable[..., PartText], key: Key, mode: str | None) -> None:
        self._asked += 1
        asked, db = self._asked, self._db
        event, language, part = key
        run_in_background(
            lambda: call(db, event=event, language=language, part=part, mode=mode),
            owner=self,
            on_success=lambda result: self._arrived(asked, result, None),
            on_failure=lambda error: self._arrived(asked, None, error),
        )

    def _arrived(self, asked: int, result: PartText | None, error: Exception | None) -> None:
        if asked != self._asked or asked == self._answered:
            return  # another part was chosen meanwhile, or this one is shown already
        self._answered = asked
        if error is not None:
            self.parent().part_failed(error)
        else:
            self.parent().show_part(result)
