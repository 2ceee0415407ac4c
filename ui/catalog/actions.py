"""Products from the main window: `connect(window)` wires View › Products… to the window."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from ui import window_openers as openers
from ui.actions import Act

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def connect(window: MainWindow) -> None:
    """Wire the window's Products… action."""
    window.actions_[Act.PRODUCTS].triggered.connect(partial(open_products, window))


def open_products(window: MainWindow) -> None:
    """Open the Products window in the shop's currency, or raise it when it is already open."""
    openers.open_products(window, window.db, currency=window.currency)
