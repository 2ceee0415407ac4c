"""Feedback from the main window: the counter screen, recording feedback, reward codes.

`connect(window)` wires the Feedback menu to the functions here and returns the window's
`CounterLink`, which the window keeps as `window.counter`; `connect_detail` wires the
detail's feedback box once the window has built its detail panel.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from ui import window_openers as openers
from ui.actions import Act

if TYPE_CHECKING:
    from ui.feedback.counter_link import CounterLink
    from ui.main_window import MainWindow
    from ui.returns.detail_panel import DetailPanel


def connect(window: MainWindow) -> CounterLink:
    """Wire the window's feedback actions; return the link."""
    from ui.feedback.counter_link import CounterLink

    a = window.actions_
    counter = CounterLink(window, window.db, shop_name=window.shop.name, currency=window.currency)
    a[Act.COUNTER_SCREEN].triggered.connect(counter.open)
    a[Act.CLOSE_COUNTER_SCREEN].triggered.connect(counter.close)
    a[Act.CLOSE_COUNTER_SCREEN].setEnabled(False)
    counter.open_changed.connect(a[Act.CLOSE_COUNTER_SCREEN].setEnabled)
    counter.said.connect(lambda text: window.statusBar().showMessage(text, 6000))
    counter.saved.connect(partial(feedback_saved, window))
    counter.tablet_answered.connect(partial(tablet_answered, window))
    a[Act.REWARD_CODES].triggered.connect(partial(reward_codes, window))
    return counter


def connect_detail(window: MainWindow, panel: DetailPanel) -> None:
    """Wire the buttons of the detail's feedback box."""
    box = panel.feedback_box
    box.ask_requested.connect(partial(ask_at_counter, window))
    box.record_requested.connect(partial(record_feedback, window))
    box.print_requested.connect(partial(print_code, window))


def ask_at_counter(window: MainWindow) -> None:
    """Show the shown return's question on the counter screen (opening it if need be)."""
    if window.detail.detail is not None:
        window.counter.ask(window.detail.detail)


def record_feedback(window: MainWindow) -> None:
    """Open the dialog that records the shown return's phone or reply feedback."""
    detail, current = window.detail.detail, window.detail.feedback_box.feedback
    if detail is not None:
        saved = partial(feedback_saved, window)
        dialog = openers.record_feedback_dialog(
            window, window.db, detail, window.shop, current, saved
        )
        window.open_dialog(dialog)


def print_code(window: MainWindow, reward) -> None:
    """Print the shown return's reward code again, in its customer's language."""
    from ui.feedback.code_slip import print_slip

    detail = window.detail.detail
    if reward is not None and detail is not None:
        language = detail.customer.preferred_language
        print_slip(
            window, reward, shop=window.shop.name, currency=detail.currency, language=language
        )


def feedback_saved(window: MainWindow, result) -> None:
    """Redraw what feedback stored for a return changed: its row, and its box when shown."""
    return_id = result.feedback.return_id
    if result.thanks is not None:
        window.outbox_status.queued()  # the thanks message with the code goes out now
    window.model.refresh_return(return_id)
    if window.detail.detail is not None and window.detail.detail.ret.id == return_id:
        window.detail.feedback_box.load(window.db, return_id)


def tablet_answered(window: MainWindow, return_id: int) -> None:
    """Redraw a return the counter tablet just stored feedback for: its row, its box."""
    window.model.refresh_return(return_id)
    if window.detail.detail is not None and window.detail.detail.ret.id == return_id:
        window.detail.feedback_box.load(window.db, return_id)


def reward_codes(window: MainWindow) -> None:
    """Open the reward codes dialog."""
    window.open_dialog(openers.codes_dialog(window, window.db, window.currency))
