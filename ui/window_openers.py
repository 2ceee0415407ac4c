"""The dialogs and windows the main window opens, each wired to what should follow it.

The `*_dialog` functions build a modal dialog, not yet open, that deletes itself on close;
the main window opens it. The `open_*` functions show a non-modal window, or raise the one
already open.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

from desk.codes import Status
from desk.db import Database
from ui.staff import names


def raise_window(window: QWidget) -> None:
    """Show `window` and bring it to the front."""
    window.show()
    window.raise_()
    window.activateWindow()


def new_return_dialog(
    parent: QWidget, db: Database, currency: str, on_created: Callable[[object], None]
) -> QDialog:
    """The new-return dialog; `on_created(ret)` runs when it is saved."""
    from ui.new_return.dialog import NewReturnDialog

    dialog = NewReturnDialog(db, currency=currency, staff=names.staff_name(), parent=parent)
    dialog.setAttribute(Qt.WA_DeleteOnClose)
    dialog.accepted.connect(lambda: on_created(dialog.created))
    return dialog


def transition_dialog(
    parent: QWidget, db: Database, detail, target: Status, on_finished: Callable[[QDialog], None]
) -> QDialog:
    """The dialog that moves a return to `target`; `on_finished(dialog)` runs when it closes."""
    from ui.returns.transition_dialog import TransitionDialog

    dialog = TransitionDialog(db, detail, target, staff=names.staff_name(), parent=parent)
    names.hold(dialog.staff_edit)
    dialog.setAttribute(Qt.WA_DeleteOnClose)
    dialog.finished.connect(lambda _: on_finished(dialog))
    return dialog


def import_dialog(parent: QWidget, db: Database, on_imported: Callable[[], None]) -> QDialog:
    """The customer import dialog; `on_imported()` runs after each import."""
    from ui.customers.import_dialog import ImportDialog

    dialog = ImportDialog(db, parent)
    dialog.setAttribute(Qt.WA_DeleteOnClose)
    dialog.imported.connect(lambda report: on_imported())
    return dialog


def settings_dialog(
    parent: QWidget, db: Database, on_closed: Callable[[bool], None], *, portal=None, actor=None
) -> QDialog:
    """The settings dialog; `on_closed(saved)` runs when it closes; `portal` the desk's
    customer space process (ui.portal_process.PortalProcess), which the dialog controls;
    `actor` who saves (desk.staff.actor.Actor, authorised when opened)."""
    from ui.settings.dialog import SettingsDialog

    dialog = SettingsDialog(db, parent, portal=portal, actor=actor)
    dialog.setAttribute(Qt.WA_DeleteOnClose)
    dialog.finished.connect(lambda _: on_closed(dialog.saved))
    return dialog


def authorised_settings(
    parent: QWidget, db: Database, on_closed: Callable[[bool], None], *, portal=None
) -> QDialog | None:
    """The settings dialog for the owner, or with their approval (None: nobody approved)."""
    from desk.staff.roles import Permission
    from ui.staff.gate import authorised

    actor = authorised(parent, db, Permission.SETTINGS)
    if actor is None:
        return None
    return settings_dialog(parent, db, on_closed, portal=portal, actor=actor)


def record_feedback_dialog(
    parent: QWidget, db: Database, detail, shop, current, on_saved: Callable[[object], None]
) -> QDialog:
    """The dialog that records phone or reply feedback; `on_saved(result)` once stored."""
    from ui.feedback.record_dialog import RecordFeedbackDialog

    dialog = RecordFeedbackDialog(
        db,
        detail,
        currency=shop.currency,
        shop=shop.name,
        current=current,
        staff=names.staff_name(),
        parent=parent,
    )
    dialog.setAttribute(Qt.WA_DeleteOnClose)
    dialog.saved.connect(on_saved)
    names.hold(dialog.staff_edit)
    dialog.saved.connect(lambda _: names.remember(dialog.staff))
    return dialog


def codes_dialog(parent: QWidget, db: Database, currency: str) -> QDialog:
    """The reward codes dialog: look a code up, mark it redeemed."""
    from ui.feedback.codes_dialog import CodesDialog

    dialog = CodesDialog(db, currency=currency, staff=names.staff_name(), parent=parent)
    names.hold(dialog.staff_edit)
    dialog.setAttribute(Qt.WA_DeleteOnClose)
    return dialog


def open_customer_profile(
    parent: QWidget,
    db: Database,
    customer_id: int,
    *,
    on_return_chosen: Callable[[int], None],
    on_changed: Callable[[], None],
) -> None:
    """Open a customer's profile window, or raise it when it is already open."""
    from ui.customers.profile import CustomerProfile

    found = [w for w in parent.findChildren(CustomerProfile) if w.customer_id == customer_id]
    window = found[0] if found else CustomerProfile(db, customer_id, parent)
    if not found:
        window.setAttribute(Qt.WA_DeleteOnClose)
        window.return_chosen.connect(on_return_chosen)
        window.customer_changed.connect(lambda _: on_changed())
    raise_window(window)


def open_customers(
    parent: QWidget,
    db: Database,
    *,
    on_profile: Callable[[int], None],
    on_merged: Callable[[object], None],
) -> None:
    """Open the customers window, or raise it when it is already open."""
    from ui.customers.directory import CustomerDirectory

    window = parent.findChild(CustomerDirectory)
    if window is None:
        window = CustomerDirectory(db, parent, staff=names.staff_name())
        window.setAttribute(Qt.WA_DeleteOnClose)
        window.profile_requested.connect(on_profile)
        window.merged.connect(on_merged)
    raise_window(window)


def open_products(parent: QWidget, db: Database, *, currency: str) -> None:
    """Open the Products window, or raise it (its list read again) when it is already open."""
    from ui.catalog.products_window import ProductsWindow

    window = parent.findChild(ProductsWindow)
    if window is None:
        window = ProductsWindow(db, parent, currency=currency)
        window.setAttribute(Qt.WA_DeleteOnClose)
    else:
        window.refresh()  # products may have been imported meanwhile
    raise_window(window)


def open_template_editor(parent: QWidget, db: Database) -> None:
    """Open the message template editor, or raise it when it is already open."""
    from ui.templates.editor import TemplateEditor

    editor = parent.findChild(TemplateEditor)
    if editor is None:
        editor = TemplateEditor(db, parent)
        editor.setAttribute(Qt.WA_DeleteOnClose)
    raise_window(editor)


def open_dashboard(parent: QWidget, db: Database) -> None:
    """Open the owner's dashboard, or raise it when it is already open."""
    from ui.dashboard.window import DashboardWindow

    window = parent.findChild(DashboardWindow)
    if window is None:
        window = DashboardWindow(db, parent)
        window.setAttribute(Qt.WA_DeleteOnClose)
    raise_window(window)


def open_audit(parent: QWidget, db: Database) -> None:
    """Open the audit window (once the person may read it, or someone approved), or raise it."""
    from desk.staff.roles import Permission
    from ui.staff.audit_window import AuditWindow
    from ui.staff.gate import authorised

    window = parent.findChild(AuditWindow)
    if window is None:
        if authorised(parent, db, Permission.READ_AUDIT) is None:
            return
        window = AuditWindow(db, parent)
        window.setAttribute(Qt.WA_DeleteOnClose)
    else:
        window.reload()  # entries made since it opened
    raise_window(window)


def settings_changed(parent: QWidget) -> None:
    """Redraw the open windows that show settings (the dashboard's shop currency)."""
    from ui.dashboard.window import DashboardWindow

    for window in parent.findChildren(DashboardWindow):
        window.reload()


def shortcut_sheet(parent: QWidget) -> QDialog:
    """The keyboard shortcut sheet (Help › Keyboard shortcuts, F1), not yet open."""
    from ui.help.shortcuts import ShortcutSheet

    dialog = ShortcutSheet(parent)
    dialog.setAttribute(Qt.WA_DeleteOnClose)
    return dialog


def guide_dialog(parent: QWidget, language: str | None = None) -> QDialog:
    """The user guide in `language` (None: the desk's), not yet open."""
    from ui.help.guide import GuideDialog

    dialog = GuideDialog(language, parent)
    dialog.setAttribute(Qt.WA_DeleteOnClose)
    return dialog


def about_dialog(parent: QWidget, db_url: object) -> QDialog:
    """The About box: version, the open database (no password) and licences, not yet open."""
    from ui.help.about import AboutDialog

    dialog = AboutDialog(str(db_url), parent)
    dialog.setAttribute(Qt.WA_DeleteOnClose)
    return dialog
