"""The outbox from the main window: its status in the status bar, "Send again" in the detail.

`connect(window)` makes the window's OutboxStatus (and so its sending runner), puts it in
the status bar, and redraws the return shown when a sending run changed its messages.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from desk.errors import DeskError
from desk.i18n.catalog import _
from ui import prompts
from ui.outbox_runner import OutboxStatus

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.returns.detail_panel import DetailPanel


def connect(window: MainWindow) -> OutboxStatus:
    """Give the window its outbox status and runner; return the status. It counts the
    waiting messages when asked (`show_count`): ui.app does once the first page shows."""
    status = OutboxStatus(window.db, window, count_now=False)  # deferred: not before the list
    window.status_bar.attach_outbox(status, status.runner)
    window.statusBar().addPermanentWidget(status.retry_button)
    status.changed.connect(partial(redraw_shown, window))
    return status


def connect_detail(window: MainWindow, panel: DetailPanel) -> None:
    """Wire the detail's "send again" of a failed message."""
    panel.messages_box.retry_requested.connect(partial(send_message_again, window))


def send_message_again(window: MainWindow, message_id: int) -> None:
    """Queue a failed message again and send it now."""
    from desk.services import send_again  # the ORM: loaded after the first page

    try:
        send_again(window.db, message_id=message_id)
    except DeskError as error:
        prompts.show_error(window, _("Cannot send again"), str(error))
        return
    window.outbox_status.queued()
    redraw_shown(window)


def redraw_shown(window: MainWindow) -> None:
    """Show the return on screen again (its messages changed): the one asked for last,
    which may still be on its way (not the one the panel shows meanwhile)."""
    window.details.again()
