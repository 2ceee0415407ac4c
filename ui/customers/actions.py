"""Customers from the main window: the customers window, a customer's profile, the import.

`connect(window)` wires View › Customers…, File › Import customers… and the detail's
"Customer profile…" button to the functions here.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from desk.i18n.catalog import _, ngettext
from desk.i18n.formats import format_number
from ui import window_openers as openers
from ui.actions import Act

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.returns.detail_panel import DetailPanel


def connect(window: MainWindow) -> None:
    """Wire the window's customer actions."""
    a = window.actions_
    a[Act.IMPORT_CUSTOMERS].triggered.connect(partial(import_customers, window))
    a[Act.CUSTOMERS].triggered.connect(partial(open_customers, window))


def connect_detail(window: MainWindow, panel: DetailPanel) -> None:
    """Wire the detail's profile button."""
    panel.profile_requested.connect(partial(open_profile, window))


def open_profile(window: MainWindow, customer_id: int) -> None:
    """Open a customer's profile window, or raise it when it is already open."""
    openers.open_customer_profile(
        window,
        window.db,
        customer_id,
        on_return_chosen=window.reveal_return,
        on_changed=window.refresh,
    )


def open_customers(window: MainWindow) -> None:
    """Open the customers window, or raise it when it is already open."""
    openers.open_customers(
        window,
        window.db,
        on_profile=partial(open_profile, window),
        on_merged=partial(customers_merged, window),
    )


def customers_merged(window: MainWindow, result) -> None:
    """Say what a merge did and show the list as it is now."""
    n = result.returns_moved
    if n:
        text = ngettext(
            "Merged “{name}”: {n} return moved.", "Merged “{name}”: {n} returns moved.", n
        ).format(name=result.dropped_name, n=format_number(n))
    else:
        text = _("Merged “{name}”: it had no returns to move.").format(name=result.dropped_name)
    window.statusBar().showMessage(text, 8000)
    window.refresh()


def import_customers(window: MainWindow) -> None:
    """Open the customer import dialog; refresh the list after an import."""
    window.open_dialog(openers.import_dialog(window, window.db, on_imported=window.refresh))
