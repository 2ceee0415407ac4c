"""The frame: returns list with search and filter on the left, the detail on the right."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QVBoxLayout, QWidget

from desk import listing
from desk.codes import Status
from desk.db import Database
from desk.errors import DeskError
from desk.i18n.catalog import _
from desk.listing import ReturnFilter
from desk.search import is_return_number
from desk.settings import shop_basics
from ui import demo_offer, state
from ui import window_openers as openers
from ui.actions import Act, build_actions
from ui.catalog import actions as catalog_actions
from ui.customers import actions as customer_actions
from ui.feedback import actions as feedback_actions
from ui.instructions import actions as instructions_actions
from ui.menus import build_menus
from ui.portal_process import PortalProcess
from ui.returns import list_parts as returns_list
from ui.returns import outbox_actions, scan_open, scanned_link
from ui.returns.detail_loader import DetailLoader
from ui.returns.model import ReturnsModel
from ui.returns.undo import UndoLastMove
from ui.staff import names
from ui.staff.window_link import StaffLink
from ui.status_bar import StatusBar

if TYPE_CHECKING:
    from ui.returns.detail_panel import DetailPanel

SEARCH_DELAY_MS = 120


class MainWindow(QMainWindow):
    """Return Desk's main window over one database."""

    def __init__(self, db: Database):
        super().__init__()
        self.db = db
        self.shop = shop = shop_basics(db)
        self.setWindowTitle(f"Return Desk — {shop.name}")
        self.actions_ = build_actions(self)
        self.active_dialog: QWidget | None = None
        self.model = ReturnsModel(db, self)
        self.details = DetailLoader(self, db)  # the selected return's, in the background
        self._select_after_load: int | None = None  # a return to select when the rows arrive
        self._build_toolbar()
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self.apply_filter()  # read while the rest of the window is built
        self._build_body()
        build_menus(self.menuBar(), self.actions_)
        self._search_timer.timeout.connect(self.apply_filter)
        self._connect()
        state.restore_layout(self, self.splitter, size=(1360, 820), sizes=[700, 660])
        self.outbox_status = outbox_actions.connect(self)
        self.outbox = self.outbox_status.runner
        self.counter = feedback_actions.connect(self)
        self.undo = UndoLastMove(self)
        self.portal = PortalProcess(db, self)  # the customer space, when started
        self.scanner = scan_open.watch(self)  # the sheet's number or QR code opens its return
        self.staff = StaffLink(self, db)  # sign-in with PINs, F2, sign-out, what is offered

    @property
    def currency(self) -> str:
        """The shop's currency now: what new returns are logged in (each return shows its own)."""
        return self.shop.currency

    # construction

    def _build_toolbar(self) -> None:
        bar = self.addToolBar(_("Main"))
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.addAction(self.actions_[Act.NEW_RETURN])
        bar.addSeparator()
        self.search_edit = returns_list.search_box()
        bar.addWidget(self.search_edit)
        bar.addWidget(QLabel("  " + _("Status") + " "))
        self.status_combo = returns_list.status_filter()
        bar.addWidget(self.status_combo)

    def _build_body(self) -> None:
        self.table = returns_list.returns_table(self.model)
        self.empty_label = returns_list.empty_label()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table)
        left_layout.addWidget(self.empty_label)
        self._detail: DetailPanel | None = None
        self._detail_place = QWidget()  # the panel goes in at its first use (`detail`)
        QVBoxLayout(self._detail_place).setContentsMargins(0, 0, 0, 0)
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self._detail_place)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 6)
        self.setCentralWidget(self.splitter)
        self.status_bar = StatusBar(self)
        self.setStatusBar(self.status_bar)
        self.count_label = self.status_bar.count_label

    def _connect(self) -> None:
        a = self.actions_
        a[Act.NEW_RETURN].triggered.connect(self.new_return)
        a[Act.FIND].triggered.connect(self.focus_search)
        a[Act.REFRESH].triggered.connect(self.refresh)
        a[Act.SHOW_ALL_STATUSES].triggered.connect(self.show_all_statuses)
        self.empty_label.linkActivated.connect(lambda _link: self.show_all_statuses())
        a[Act.LOAD_DEMO].triggered.connect(self.offer_demo_data)
        a[Act.TEMPLATES].triggered.connect(self.edit_templates)
        a[Act.SETTINGS].triggered.connect(self.edit_settings)
        a[Act.PRINT_INSTRUCTIONS].triggered.connect(self.print_instructions)
        a[Act.EXPORT_INSTRUCTIONS].triggered.connect(self.export_instructions)
        a[Act.DASHBOARD].triggered.connect(lambda: openers.open_dashboard(self, self.db))
        a[Act.AUDIT].triggered.connect(lambda: openers.open_audit(self, self.db))
        a[Act.QUIT].triggered.connect(self.close)
        a[Act.SHORTCUTS].triggered.connect(lambda: self.open_dialog(openers.shortcut_sheet(self)))
        a[Act.GUIDE].triggered.connect(lambda: self.open_dialog(openers.guide_dialog(self)))
        a[Act.ABOUT].triggered.connect(
            lambda: self.open_dialog(openers.about_dialog(self, self.db.url))
        )
        self.search_edit.textChanged.connect(lambda _: self._search_timer.start())
        self.search_edit.returnPressed.connect(self.apply_filter)
        self.status_combo.currentIndexChanged.connect(lambda _: self._status_changed())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.show_current())
        self.model.modelReset.connect(self._after_reset)
        self.model.rows_loaded.connect(self._rows_loaded)
        self.model.count_changed.connect(self._after_count_change)
        self.model.load_failed.connect(lambda message: self.statusBar().showMessage(message, 8000))
        customer_actions.connect(self)
        catalog_actions.connect(self)

    @property
    def detail(self) -> DetailPanel:
        """The selected return's panel. Built at its first use, which a start makes right
        after the first page has painted (ui.app): the panel, its boxes and the modules
        they need cost about a tenth of the window's build, and the list comes first."""
        if self._detail is None:
            from ui.returns.detail_panel import DetailPanel

            panel = self._detail = DetailPanel()
            self._detail_place.layout().addWidget(panel)
            panel.move_requested.connect(self.move_current)
            panel.print_requested.connect(self.print_instructions)
            panel.export_requested.connect(self.export_instructions)
            customer_actions.connect_detail(self, panel)
            feedback_actions.connect_detail(self, panel)
            outbox_actions.connect_detail(self, panel)
        return self._detail

    # list

    def current_filter(self) -> ReturnFilter:
        """The filter the search box and status combo describe."""
        status = self.status_combo.currentData() or None
        text = self.search_edit.text()
        if is_return_number(text):
            status = None  # a return asked for by its number is found whatever its status
        requested = self.model.requested
        return ReturnFilter(text, status, requested.newest_first, requested.sort)

    def apply_filter(self, select: int | None = None) -> None:
        """Show the returns matching the search text and status (read in the background);
        then select return `select` when it is among them, else the first row."""
        self._search_timer.stop()
        if scanned_link.open_if_link(self, self.search_edit.text()):
            return  # opens the linked return once the link is checked
        self._select_after_load = select
        self.model.set_filter(self.current_filter())

    def _status_changed(self) -> None:
        """A status picked from the list applies at once; stepped through with the arrow
        keys or the wheel on the closed combo, once they rest (as typing does)."""
        self._search_timer.start() if self.status_combo.stepping else self.apply_filter()

    def settled(self) -> bool:
        """Whether the list shows what was asked for, with nothing pending or being read."""
        return not (self._search_timer.isActive() or self.model.busy or self.details.loading)

    def _rows_loaded(self, first: int, last: int) -> None:
        """Rows that were blank have arrived: show the selected one's detail if it is among."""
        index = self.table.selectionModel().currentIndex()
        blank = self._detail is None or self._detail.detail is None
        if index.isValid() and first <= index.row() <= last and blank:
            self.show_current()

    def _show_with(self, text: str, status: str, *, select: int) -> None:
        """Set the search text and status filter at once, then read the list once."""
        for widget in (self.search_edit, self.status_combo):
            widget.blockSignals(True)
        self.search_edit.setText(text)
        self.status_combo.setCurrentIndex(self.status_combo.findData(status))
        for widget in (self.search_edit, self.status_combo):
            widget.blockSignals(False)
        self.apply_filter(select=select)

    def refresh(self) -> None:
        """Reload the list and the detail, keeping the selected return."""
        self._select_after_load = self.selected_return_id()
        self.details.stale()  # its detail is read again too
        self.model.reload()

    def _after_count_change(self) -> None:
        self.count_label.setText(returns_list.count_text(self.model.total, self.model.bound))

    def _after_reset(self) -> None:
        self._after_count_change()
        total = self.model.total
        empty = total == 0
        self.table.setVisible(not empty)
        self.empty_label.setVisible(empty)
        wanted, self._select_after_load = self._select_after_load, None
        if empty:
            any_returns = self.model.any_returns
            self.empty_label.setText(
                returns_list.empty_text(
                    self.model.filter, any_returns=any_returns, hidden=self.model.hidden
                )
            )
            self.details.show(None)
            return
        self.details.hold_until_painted(self.table.viewport())  # the rows paint first
        if wanted is None or not self.select_return(wanted):
            self.table.selectRow(0)  # a reset clears the selection

    def show_all_statuses(self) -> None:
        """Switch the status filter to All, keeping the search (finds what "Open" hid)."""
        self.status_combo.setCurrentIndex(self.status_combo.findData(returns_list.ALL))

    def selected_return_id(self) -> int | None:
        """The id of the return selected in the list, if any."""
        index = self.table.selectionModel().currentIndex()
        if not index.isValid():
            return None
        row = self.model.return_at(index.row())
        return None if row is None else row.id  # None: its row is still being read

    def select_return(self, return_id: int) -> bool:
        """Select `return_id` in the list if it is there; return whether it was."""
        row = self.model.row_of(return_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        flags = QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)
        return True

    def show_current(self) -> None:
        """Show the selected return in the detail panel (unless it is there already)."""
        self.details.show(self.selected_return_id(), again=False)

    def show_return(self, return_id: int | None) -> None:
        """Show one return's detail (or nothing), read in the background."""
        self.details.show(return_id)

    def focus_search(self) -> None:
        """Put the cursor in the search box, selecting what is there."""
        self.search_edit.setFocus(Qt.ShortcutFocusReason)
        self.search_edit.selectAll()

    # actions

    def open_dialog(self, dialog: QWidget | None) -> None:
        """Open a modal dialog (if there is one) and remember it as the active one."""
        if dialog is not None:
            self.active_dialog = dialog
            dialog.open()

    def new_return(self) -> None:
        """Open the new-return dialog; show the new return when it is saved."""
        self.open_dialog(
            openers.new_return_dialog(self, self.db, self.currency, self._return_created)
        )

    def _return_created(self, created) -> None:
        if created is None:
            return
        self._show_with("", listing.OPEN, select=created.id)  # a new return is open
        self.statusBar().showMessage(_("{number} logged.").format(number=created.number), 5000)

    def move_current(self, target: Status) -> None:
        """Ask for the note, then move the shown return to `target`."""
        detail = self.detail.detail
        if detail is None:
            return
        moved = partial(self._moved, return_id=detail.ret.id)
        self.open_dialog(openers.transition_dialog(self, self.db, detail, target, moved))

    def _moved(self, dialog, return_id: int) -> None:
        names.remember(dialog.staff)
        self.show_moved(return_id)
        if dialog.result_ is not None:
            self.undo.offer(dialog.result_)
            for _queued in range(dialog.queued()):
                self.outbox_status.queued()
            self.statusBar().showMessage(dialog.summary(), 6000)

    def show_moved(self, return_id: int) -> None:
        """Redraw a return whose status changed where it now belongs: in its row, or out of
        a list that no longer shows it (the next row is selected then)."""
        row = self.model.row_of(return_id)
        if self.model.refresh_return(return_id) or row is None:
            self.show_return(return_id)
        elif self.model.rowCount():
            index = self.model.index(min(row, self.model.rowCount() - 1), 0)
            flags = QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows
            self.table.selectionModel().setCurrentIndex(index, flags)  # the next row
            self.show_current()  # Qt may have moved the current row there already, silently
        else:
            self.refresh()  # the list is empty now: say why, as after a search
        self._after_count_change()

    def _shown_number(self) -> str | None:
        return self.detail.detail.ret.number if self.detail.detail is not None else None

    def print_instructions(self) -> None:
        """Preview and print the shown return's instructions (the generic sheet if none)."""
        paper = self.detail.format_combo.currentData()
        self.open_dialog(instructions_actions.preview(self, self.db, self._shown_number(), paper))

    def export_instructions(self) -> None:
        """Ask where, then write the instructions PDF in the background."""
        paper = self.detail.format_combo.currentData()
        instructions_actions.export_pdf(self, self.db, self._shown_number(), paper)

    def reveal_return(self, return_id: int) -> None:
        """Select a return in the list; when it is not there, search for its number."""
        if not self.select_return(return_id):
            from desk.services import get_return  # the ORM's: not loaded to paint

            try:
                number = get_return(self.db, return_id=return_id).ret.number
            except DeskError as error:
                self.statusBar().showMessage(str(error), 5000)
                return
            self._show_with(number, returns_list.ALL, select=return_id)
        self.raise_()
        self.activateWindow()

    def offer_demo_data_if_empty(self) -> None:
        """On a first start with an empty database (and no PINs), offer to load demo data."""
        if not self.staff.pins and not returns_list.has_returns(self.db):
            self.offer_demo_data()  # not to whoever is at a covered window

    def offer_demo_data(self) -> None:
        """Ask, then fill the database with demo returns in the background."""
        demo_offer.offer_demo_data(self, self.db, on_finished=self._shop_changed)

    def _shop_changed(self) -> None:  # the settings, or the demo (the Brazilian one names it)
        self.shop = shop_basics(self.db)
        self.counter.shop_name, self.counter.currency = self.shop.name, self.currency
        self.setWindowTitle(f"Return Desk — {self.shop.name}")
        self.refresh()  # what the change shows at once (each return its own currency)

    def edit_templates(self) -> None:
        """Open the message template editor, or raise it when it is already open."""
        openers.open_template_editor(self, self.db)

    def edit_settings(self) -> None:
        """Open the settings dialog (the owner's, or with their approval); show the new shop
        name when it is saved."""
        self.open_dialog(
            openers.authorised_settings(self, self.db, self._settings_closed, portal=self.portal)
        )

    def _settings_closed(self, saved: bool) -> None:
        if not saved:
            return
        self._shop_changed()
        openers.settings_changed(self)
        self.statusBar().showMessage(_("Settings saved."), 5000)

    def closeEvent(self, event) -> None:  # noqa: N802
        self.outbox.stop()
        self.portal.stop_now()
        self.counter.close()
        state.save_layout(self, self.splitter)
        super().closeEvent(event)
