"""The frame: returns list with search and filter on the left, the detail on the right."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk import listing
from desk.db import Database
from desk.errors import DeskError
from desk.habits import habits_for
from desk.listing import ReturnFilter
from desk.outbox import messages_for_return
from desk.returns import get_detail
from desk.settings import get_setting
from desk.workflow import Status
from ui import prompts, state
from ui.actions import Act, build_actions
from ui.background import Progress, run_in_background
from ui.detail_panel import DetailPanel
from ui.outbox_runner import OutboxStatus
from ui.returns_model import CUSTOMER, ITEMS, LOGGED, NUMBER, STATUS, TOTAL, ReturnsModel

SEARCH_DELAY_MS = 120
DEMO_RETURNS = 500
ALL = ""


class MainWindow(QMainWindow):
    """Return Desk's main window over one database."""

    def __init__(self, db: Database):
        super().__init__()
        self.db = db
        with db.session() as session:
            self.currency = str(get_setting(session, "shop.currency"))
            shop = str(get_setting(session, "shop.name"))
        self.setWindowTitle(f"Return Desk — {shop}")
        self.actions_ = build_actions(self)
        self.active_dialog: QWidget | None = None
        self.model = ReturnsModel(db, self.currency, self)
        self._build_toolbar()
        self._build_body()
        self._build_menus()
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self._connect()
        self._restore_layout()
        self._setup_outbox()
        self.apply_filter()

    # construction

    def _build_toolbar(self) -> None:
        bar = self.addToolBar("Main")
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.addAction(self.actions_[Act.NEW_RETURN])
        bar.addSeparator()
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("search")
        self.search_edit.setPlaceholderText(
            "Search number, customer, email, phone or SKU  (Ctrl+F)"
        )
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(360)
        bar.addWidget(self.search_edit)
        bar.addWidget(QLabel("  Status "))
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("statusFilter")
        self.status_combo.addItem("Open (not closed)", listing.OPEN)
        self.status_combo.addItem("All", ALL)
        for status in Status:
            self.status_combo.addItem(status.label, status.value)
        bar.addWidget(self.status_combo)

    def _build_body(self) -> None:
        self.table = QTableView()
        self.table.setObjectName("returnsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(LOGGED, Qt.DescendingOrder)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setSectionResizeMode(CUSTOMER, QHeaderView.Stretch)
        widths = {NUMBER: 112, LOGGED: 92, ITEMS: 48, TOTAL: 90, STATUS: 130}
        for column, width in widths.items():
            self.table.setColumnWidth(column, width)
        self.empty_label = QLabel()
        self.empty_label.setAlignment(Qt.AlignCenter)
        self.empty_label.setStyleSheet("color: #666; padding: 24px;")
        self.empty_label.setWordWrap(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table)
        left_layout.addWidget(self.empty_label)
        self.detail = DetailPanel(self.currency)
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 6)
        self.setCentralWidget(self.splitter)
        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.count_label)

    def _build_menus(self) -> None:
        a = self.actions_
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addActions([a[Act.NEW_RETURN], a[Act.LOAD_DEMO], a[Act.IMPORT_CUSTOMERS]])
        file_menu.addAction(a[Act.TEMPLATES])
        file_menu.addAction(a[Act.SETTINGS])
        file_menu.addSeparator()
        file_menu.addActions([a[Act.PRINT_INSTRUCTIONS], a[Act.EXPORT_INSTRUCTIONS]])
        file_menu.addSeparator()
        file_menu.addAction(a[Act.QUIT])
        view_menu = self.menuBar().addMenu("&View")
        view_menu.addActions([a[Act.FIND], a[Act.REFRESH]])
        self.menuBar().addMenu("&Help").addAction(a[Act.ABOUT])

    def _connect(self) -> None:
        a = self.actions_
        a[Act.NEW_RETURN].triggered.connect(self.new_return)
        a[Act.FIND].triggered.connect(self.focus_search)
        a[Act.REFRESH].triggered.connect(self.refresh)
        a[Act.LOAD_DEMO].triggered.connect(self.offer_demo_data)
        a[Act.IMPORT_CUSTOMERS].triggered.connect(self.import_customers)
        a[Act.TEMPLATES].triggered.connect(self.edit_templates)
        a[Act.SETTINGS].triggered.connect(self.edit_settings)
        a[Act.PRINT_INSTRUCTIONS].triggered.connect(self.print_instructions)
        a[Act.EXPORT_INSTRUCTIONS].triggered.connect(self.export_instructions)
        a[Act.QUIT].triggered.connect(self.close)
        a[Act.ABOUT].triggered.connect(self._about)
        self.search_edit.textChanged.connect(lambda _: self._search_timer.start())
        self.search_edit.returnPressed.connect(self.apply_filter)
        self.status_combo.currentIndexChanged.connect(lambda _: self.apply_filter())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.show_current())
        self.model.modelReset.connect(self._after_reset)
        self.detail.move_requested.connect(self.move_current)
        self.detail.print_requested.connect(self.print_instructions)
        self.detail.export_requested.connect(self.export_instructions)
        self.detail.profile_requested.connect(self.open_customer_profile)

    # list

    def current_filter(self) -> ReturnFilter:
        """The filter the search box and status combo describe."""
        status = self.status_combo.currentData() or None
        return ReturnFilter(
            text=self.search_edit.text(),
            status=status,
            newest_first=self.model.filter.newest_first,
        )

    def apply_filter(self) -> None:
        """Show the returns matching the search text and status now."""
        self._search_timer.stop()
        self.model.set_filter(self.current_filter())

    def refresh(self) -> None:
        """Reload the list and the detail, keeping the selected return."""
        selected = self.selected_return_id()
        self.model.reload()
        if selected is not None:
            self.select_return(selected)

    def _after_reset(self) -> None:
        total = self.model.total
        self.count_label.setText(f"{total:,} return{'s' if total != 1 else ''}")
        empty = total == 0
        self.table.setVisible(not empty)
        self.empty_label.setVisible(empty)
        if empty:
            self.empty_label.setText(self._empty_text())
            self.detail.show_detail(None)
        elif self.selected_return_id() is None:
            self.table.selectRow(0)

    def _empty_text(self) -> str:
        flt = self.model.filter
        if flt.text.strip():
            return (
                f"No return matches “{flt.text.strip()}”. Check the spelling or clear the search."
            )
        with self.db.connect() as conn:
            anything = listing.count(conn, ReturnFilter()) > 0
        if not anything:
            return "No returns yet. Press Ctrl+N to log the first one."
        if flt.status == listing.OPEN:
            return "No open returns. Choose “All” in Status to see closed ones."
        return "No returns with this status. Choose “All” to see every return."

    def selected_return_id(self) -> int | None:
        """The id of the return selected in the list, if any."""
        index = self.table.selectionModel().currentIndex()
        if not index.isValid():
            return None
        return self.model.return_at(index.row()).id

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
        """Show the selected return in the detail panel."""
        return_id = self.selected_return_id()
        self.show_return(return_id)

    def show_return(self, return_id: int | None) -> None:
        """Load and show one return's detail (or nothing)."""
        if return_id is None:
            self.detail.show_detail(None)
            return
        try:
            with self.db.session() as session:
                detail = get_detail(session, return_id=return_id)
                self.detail.show_detail(detail)
                self.detail.show_habits(habits_for(session, detail.customer.id))
                self.detail.messages_box.show_messages(messages_for_return(session, return_id))
        except DeskError as error:
            self.statusBar().showMessage(str(error), 5000)
            self.detail.show_detail(None)

    def focus_search(self) -> None:
        """Put the cursor in the search box, selecting what is there."""
        self.search_edit.setFocus(Qt.ShortcutFocusReason)
        self.search_edit.selectAll()

    # actions

    def new_return(self) -> None:
        """Open the new-return dialog; show the new return when it is saved."""
        from ui.new_return_dialog import NewReturnDialog

        dialog = NewReturnDialog(
            self.db, currency=self.currency, staff=state.load_text(state.STAFF), parent=self
        )
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._return_created(dialog.created))
        self.active_dialog = dialog
        dialog.open()

    def _return_created(self, created) -> None:
        if created is None:
            return
        self.search_edit.blockSignals(True)
        self.search_edit.clear()
        self.search_edit.blockSignals(False)
        self.status_combo.setCurrentIndex(0)  # Open: a new return always shows there
        self.apply_filter()
        self.select_return(created.id)
        self.statusBar().showMessage(f"{created.number} logged.", 5000)

    def move_current(self, target: Status) -> None:
        """Ask for the note, then move the shown return to `target`."""
        from ui.transition_dialog import TransitionDialog

        detail = self.detail.detail
        if detail is None:
            return
        dialog = TransitionDialog(
            self.db, detail, target, staff=state.load_text(state.STAFF), parent=self
        )
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.finished.connect(lambda _: self._moved(dialog, detail.ret.id))
        self.active_dialog = dialog
        dialog.open()

    def _moved(self, dialog, return_id: int) -> None:
        if dialog.staff:
            state.save(state.STAFF, dialog.staff)
        self.model.refresh_return(return_id)
        self.show_return(return_id)
        if dialog.result_ is not None:
            ret = dialog.result_.ret
            said = f"{ret.number} is now {Status(ret.status).label}."
            outcome = dialog.outcome
            if outcome is not None and outcome.message is not None:
                said += f" Message to {outcome.message.recipient} queued."
                self.outbox_status.queued()
            self.statusBar().showMessage(said, 6000)

    # instructions sheet

    def _shown_number(self) -> str | None:
        return self.detail.detail.ret.number if self.detail.detail is not None else None

    def print_instructions(self) -> None:
        """Preview and print the shown return's instructions (the generic sheet if none)."""
        from desk.instructions import build_sheet
        from ui.instructions_print import InstructionsPreview

        try:
            with self.db.session() as session:
                sheet = build_sheet(session, return_number=self._shown_number())
        except DeskError as error:
            prompts.show_error(self, "Cannot print the instructions", str(error))
            return
        dialog = InstructionsPreview(sheet, self.detail.format_combo.currentData(), self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        self.active_dialog = dialog
        dialog.open()

    def export_instructions(self) -> None:
        """Ask where, then write the instructions PDF in the background."""
        from ui.instructions_print import ask_pdf_path, build_and_write, default_pdf_name

        number = self._shown_number()
        path = ask_pdf_path(self, default_pdf_name(number))
        if path is None:
            return
        paper = self.detail.format_combo.currentData()
        bar = self.statusBar()
        bar.showMessage(f"Writing {path}…")
        run_in_background(
            lambda: build_and_write(self.db, number, path, paper),
            on_success=lambda pages: bar.showMessage(
                f"Instructions saved to {path} ({pages} page{'s' if pages != 1 else ''}).", 8000
            ),
            on_failure=lambda error: (
                bar.clearMessage(),
                prompts.show_error(self, "Cannot save the instructions", str(error)),
            ),
        )

    # customer profile

    def open_customer_profile(self, customer_id: int) -> None:
        """Open a customer's profile window, or raise it when it is already open."""
        from ui.customer_profile import CustomerProfile

        found = [w for w in self.findChildren(CustomerProfile) if w.customer_id == customer_id]
        window = found[0] if found else CustomerProfile(self.db, customer_id, self)
        if not found:
            window.setAttribute(Qt.WA_DeleteOnClose)
            window.return_chosen.connect(self.reveal_return)
            window.customer_changed.connect(lambda _: self.refresh())
        window.show()
        window.raise_()
        window.activateWindow()

    def reveal_return(self, return_id: int) -> None:
        """Select a return in the list; when it is not there, search for its number."""
        if not self.select_return(return_id):
            try:
                with self.db.session() as session:
                    number = get_detail(session, return_id=return_id).ret.number
            except DeskError as error:
                self.statusBar().showMessage(str(error), 5000)
                return
            self.search_edit.blockSignals(True)
            self.search_edit.setText(number)
            self.search_edit.blockSignals(False)
            self.status_combo.blockSignals(True)
            self.status_combo.setCurrentIndex(self.status_combo.findData(ALL))
            self.status_combo.blockSignals(False)
            self.apply_filter()
            self.select_return(return_id)
        self.raise_()
        self.activateWindow()

    # outbox

    def _setup_outbox(self) -> None:
        self.outbox_status = OutboxStatus(self.db, self)
        self.outbox = self.outbox_status.runner
        self.statusBar().addPermanentWidget(self.outbox_status)
        self.outbox_status.changed.connect(self._redraw_shown)
        self.detail.messages_box.retry_requested.connect(self.outbox_status.retry)

    def _redraw_shown(self) -> None:
        if self.detail.detail is not None:
            self.show_return(self.detail.detail.ret.id)

    def offer_demo_data_if_empty(self) -> None:
        """On a first start with an empty database, offer to load demo data."""
        with self.db.connect() as conn:
            if listing.count(conn, ReturnFilter()) == 0:
                self.offer_demo_data()

    def offer_demo_data(self) -> None:
        """Ask, then fill the database with demo returns in the background."""
        question = (
            f"Load {DEMO_RETURNS} demo returns with their customers into this database?\n\n"
            "They are made-up data to try Return Desk; they are added to what is there."
        )
        if not prompts.ask_yes_no(self, "Demo data", question):
            return
        from desk.demo import seed_demo

        dialog = QProgressDialog("Creating demo returns…", None, 0, DEMO_RETURNS, self)
        dialog.setWindowTitle("Demo data")
        dialog.setMinimumDuration(0)
        dialog.setWindowModality(Qt.WindowModal)
        progress = Progress(self)
        progress.changed.connect(lambda done, total: dialog.setValue(done))
        run_in_background(
            lambda: seed_demo(self.db, returns=DEMO_RETURNS, progress=progress.report),
            on_success=lambda summary: self.statusBar().showMessage(
                f"Added {summary.returns} demo returns.", 5000
            ),
            on_failure=lambda error: prompts.show_error(self, "Demo data failed", str(error)),
            on_finished=lambda: (dialog.close(), self.refresh()),
        )

    def import_customers(self) -> None:
        """Open the customer import dialog; refresh the list after an import."""
        from ui.import_dialog import ImportDialog

        dialog = ImportDialog(self.db, self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.imported.connect(lambda report: self.refresh())
        self.active_dialog = dialog
        dialog.open()

    def edit_templates(self) -> None:
        """Open the message template editor, or raise it when it is already open."""
        from ui.template_editor import TemplateEditor

        editor = self.findChild(TemplateEditor)
        if editor is None:
            editor = TemplateEditor(self.db, self)
            editor.setAttribute(Qt.WA_DeleteOnClose)
        editor.show()
        editor.raise_()
        editor.activateWindow()

    def edit_settings(self) -> None:
        """Open the settings dialog; show the new shop name when it is saved."""
        from ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.db, self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.finished.connect(lambda _: self._settings_closed(dialog.saved))
        self.active_dialog = dialog
        dialog.open()

    def _settings_closed(self, saved: bool) -> None:
        if not saved:
            return
        with self.db.session() as session:
            shop = str(get_setting(session, "shop.name"))
        self.setWindowTitle(f"Return Desk — {shop}")
        self.statusBar().showMessage("Settings saved.", 5000)

    def _about(self) -> None:
        QMessageBox.about(
            self,
            "About Return Desk",
            f"<b>Return Desk</b><br>Returns at the counter, from arrival to closing."
            f"<br><br>Database: {self.db.url}",
        )

    # layout memory

    def _restore_layout(self) -> None:
        if geometry := state.load_bytes(state.GEOMETRY):
            self.restoreGeometry(geometry)
        else:
            self.resize(1360, 820)
        if splitter := state.load_bytes(state.SPLITTER):
            self.splitter.restoreState(splitter)
        else:
            self.splitter.setSizes([700, 660])

    def closeEvent(self, event) -> None:  # noqa: N802
        self.outbox.stop()
        state.save(state.GEOMETRY, self.saveGeometry())
        state.save(state.SPLITTER, self.splitter.saveState())
        super().closeEvent(event)
