"""The whole desk in Portuguese: the main window (a return of each status shown, its menus)
and every window and dialog it opens show no English source string (tests/ui/untranslated.py)
and cut nothing off at 1024×700 (tests/ui/widget_fit.py), Portuguese being ~20% longer.

The windows are opened by the machinery of tests/ui/test_window_sizes.py, with the desk set
to Portuguese as it is at start (desk.i18n.desk_language, ui.language: Qt's own words too).
The first tests check the checker, so that the rest can fail.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import select

from desk.i18n.desk_language import DESK_LANGUAGE, choose_language
from desk.models import Return
from tests.ui.test_window_sizes import (  # noqa: F401 (window: a fixture, used by name)
    OPENERS,
    SMALL,
    demo_database,
    each_page,
    new_return_with_policy,
    one_return_per_status,
    opened_by,
    settled_cuts,
    shown_at,
    window,
)
from tests.ui.untranslated import Words, english_words, untranslated_texts
from ui import prompts
from ui.actions import Act
from ui.background import running_jobs
from ui.language import speak_desk_language

LANGUAGE = "pt_BR"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    """The demo, made by a desk speaking Portuguese."""
    return demo_database(tmp_path_factory.mktemp("demo_pt"), LANGUAGE)


@pytest.fixture
def desk_language(qapp):
    """The desk speaks Portuguese, chosen in its settings as a clerk does, for the test."""
    before = QLocale()
    translators = set(qapp.findChildren(QTranslator))
    choose_language(LANGUAGE)
    assert speak_desk_language(qapp) == LANGUAGE
    yield LANGUAGE
    for translator in set(qapp.findChildren(QTranslator)) - translators:
        qapp.removeTranslator(translator)
        translator.deleteLater()
    QLocale.setDefault(before)


@pytest.fixture
def main_window(window):  # noqa: F811 (the imported fixture, by name)
    """The main window over the demo, built in Portuguese (test_window_sizes' `window`)."""
    return window


def problems(qtbot, shown: QWidget) -> list[str]:
    """What is wrong with `shown` in Portuguese: its English texts and its cut-off ones."""
    english = [f"English: {text}" for text in untranslated_texts(shown)]
    return english + [f"cut off: {cut}" for cut in settled_cuts(qtbot, shown)]


def said(found: list[str]) -> str:
    return f"{len(found)} to fix:\n  " + "\n  ".join(found)


# the checker itself


def test_the_checker_finds_an_english_source_string_and_lets_portuguese_pass(qtbot):
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.addWidget(QLabel(DESK_LANGUAGE.label))  # English straight from desk/: not translated
    layout.addWidget(QPushButton("&Salvar"))
    layout.addWidget(QLabel("Devolução R-0042 recebida."))
    qtbot.addWidget(box)
    box.show()
    found = untranslated_texts(box, native=Words.of([]))
    assert found == ["'Language of this desk' (QLabel in QWidget)"]
    english = english_words()
    assert english.source_of("Language of this desk") == DESK_LANGUAGE.label
    assert english.source_of("Salvar") is None


def test_the_checker_reads_menus_tooltips_items_headers_and_patterns(qtbot, tmp_path):
    source = tmp_path / "screen.py"
    source.write_text(
        "from desk.i18n.catalog import _\n"
        "TITLE = _('Customer &details…')\n"
        "MOVED = _('Return {number} moved to {status}.')\n"
        "LEFT = f'{left} returns left'\n"
        "TIP = 'Log a return at the counter'\n"
        "HEADER = 'Refund method'\n"
        "ITEM = 'Store credit'\n"
        "SAME = 'Regular'\n"
        "NAMES = '{name} — {shop}'\n"
        "REASON = 'Changed mind'\n"
        "QUIT = 'Quit the desk'\n"
        "COUNT = ngettext('{n} return', '{n} returns', 2)\n"
    )
    english = english_words((tmp_path,))
    assert english.source_of("13 returns") == "{n} returns"
    assert english.source_of("Find a return") is None  # a count is no sentence
    native = Words.of(["Regular", "Devolução {number} movida para {status}."])
    win = QMainWindow()
    win.setWindowTitle("Detalhes do cliente")
    win.menuBar().addMenu("&Arquivo").addAction("&Customer details…")
    body = QWidget()
    layout = QVBoxLayout(body)
    label = QLabel("<b>Return R-0042</b> moved to <i>Aprovada</i>.")
    label.setToolTip("Log a return at the counter")
    layout.addWidget(label)
    combo = QComboBox()
    combo.addItems(["Reembolso", "Store credit"])
    layout.addWidget(combo)
    table = QTableWidget(1, 2)
    table.setHorizontalHeaderLabels(["Refund method", "Cliente"])
    layout.addWidget(table)
    for text in ("Regular", "3 returns left", "Ana — Loja", "Devolução R-1 movida para X."):
        layout.addWidget(QLabel(text))
    layout.addWidget(QLabel("<b>Motivo:</b> Changed mind"))  # English put into Portuguese
    layout.addWidget(QPushButton("Sair", toolTip="Quit the desk (Ctrl+Q)"))
    win.setCentralWidget(body)
    qtbot.addWidget(win)
    win.show()
    found = untranslated_texts(win, english=english, native=native)
    assert found == [
        "'3 returns left' (QLabel in Detalhes do cliente) is \"f'{left} returns left'\"",
        "'Changed mind' (QLabel in Detalhes do cliente)",
        "'Customer details' (menu 'Arquivo' in Detalhes do cliente)",
        "'Log a return at the counter' (tooltip of QLabel in Detalhes do cliente)",
        "'Quit the desk' (tooltip of QPushButton in Detalhes do cliente)",
        "'Refund method' (header of QTableWidget in Detalhes do cliente)",
        "'Return R-0042 moved to Aprovada.' (QLabel in Detalhes do cliente)"
        " is 'Return {number} moved to {status}.'",
        "'Store credit' (item of QComboBox in Detalhes do cliente)",
    ]


# the desk in Portuguese


def test_the_desk_speaks_portuguese_with_qts_own_words(desk_language):
    from desk.i18n.catalog import _, language

    assert language() == LANGUAGE
    buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
    assert [b.text() for b in buttons.buttons()] == ["Salvar", "Cancelar"]  # Qt's own words
    assert _("Save") in ("Salvar", "Save")  # the catalog is read (translated once all is in)


def test_the_main_window_in_portuguese(qtbot, main_window, demo_db):
    shown_at(qtbot, main_window, SMALL)
    found: dict[str, str] = {}  # each problem once, with the first return that shows it
    for return_id in one_return_per_status(demo_db):
        main_window.show_return(return_id)
        qtbot.waitUntil(lambda: running_jobs() == 0 and main_window.settled(), timeout=5000)
        for problem in problems(qtbot, main_window):
            found.setdefault(problem, f"return {return_id}: {problem}")
    main_window.search_edit.setText("zzzz nothing matches")  # the list's empty state
    qtbot.waitUntil(lambda: main_window.empty_label.isVisible(), timeout=5000)
    for problem in problems(qtbot, main_window):
        found.setdefault(problem, f"no match: {problem}")
    assert not found, said(sorted(found.values()))


@pytest.mark.parametrize("name", OPENERS)
def test_each_window_the_main_window_opens_in_portuguese(qtbot, main_window, monkeypatch, name):
    with opened_by(qtbot, main_window, monkeypatch, name) as windows:
        found = []
        for shown in windows:
            found += each_page(qtbot, shown, lambda widget: problems(qtbot, widget))
    assert not found, said(found)


def test_the_new_return_dialog_with_all_the_policy_says_in_portuguese(
    qtbot, main_window, demo_db, monkeypatch
):
    monkeypatch.setattr(prompts, "ask_yes_no", lambda *args: True)  # close without saving
    dialog = new_return_with_policy(qtbot, main_window, demo_db)
    try:
        found = problems(qtbot, dialog)
    finally:
        dialog.reject()
    assert not found, said(found)


def test_the_questions_asked_on_the_way_are_in_portuguese(qtbot, main_window, monkeypatch):
    asked: list[tuple[str, str]] = []
    monkeypatch.setattr(prompts, "ask_yes_no", lambda _parent, *words: asked.append(words))
    main_window.actions_[Act.LOAD_DEMO].trigger()  # asked, answered No
    assert asked, "loading the demo asks first"
    box = QWidget()
    layout = QVBoxLayout(box)
    for title, question in asked:
        layout.addWidget(QLabel(title))
        layout.addWidget(QLabel(question))
    qtbot.addWidget(box)
    box.show()
    found = untranslated_texts(box)
    assert not found, said(found)


def test_the_guide_opens_in_the_desks_language(qtbot, main_window, monkeypatch):
    with opened_by(qtbot, main_window, monkeypatch, "guide") as windows:
        (guide,) = windows
        assert guide.language.currentData() == LANGUAGE


# what blocks in exec(), the customer's screens, the slips


def modal_problems(qtbot, kind: type[QWidget], trigger, seen=None) -> list[str]:
    """Call `trigger`, which opens a modal `kind` and waits in its exec(); while it is up,
    what is wrong with it in Portuguese (each tab page too), and `seen(it)`; then it is
    cancelled."""
    found: list[str] | None = None

    def look(left: int = 300) -> None:
        nonlocal found
        modal = QApplication.activeModalWidget()
        if not isinstance(modal, kind):
            if left:
                QTimer.singleShot(10, lambda: look(left - 1))
            return
        try:
            found = each_page(qtbot, modal, lambda widget: problems(qtbot, widget))
            if seen is not None:
                seen(modal)
        finally:
            modal.reject()

    QTimer.singleShot(0, look)
    trigger()
    assert found is not None, f"no {kind.__name__} came up"
    return found


def a_return_of_a_portuguese_customer(db) -> int:
    """A demo return whose customer reads Portuguese and who has given no feedback yet."""
    from desk.models import Customer, Feedback

    with db.session() as session:
        rated = set(session.exec(select(Feedback.return_id)).all())
        rows = session.exec(
            select(Return.id)
            .join(Customer, Customer.id == Return.customer_id)
            .where(Customer.preferred_language == LANGUAGE)
            .order_by(Return.id)
        ).all()
    return next(return_id for return_id in rows if return_id not in rated)


def test_the_counter_screen_speaks_portuguese_to_a_portuguese_customer(qtbot, main_window, demo_db):
    shown_at(qtbot, main_window, SMALL)
    main_window.show_return(a_return_of_a_portuguese_customer(demo_db))
    qtbot.waitUntil(lambda: running_jobs() == 0 and main_window.settled(), timeout=5000)
    main_window.actions_[Act.COUNTER_SCREEN].trigger()
    screen = main_window.counter.screen
    try:
        screen.resize(*SMALL)
        found = {f"idle: {p}" for p in problems(qtbot, screen)}
        main_window.detail.feedback_box.ask_button.click()
        assert screen.state == "ask"
        found |= {f"ask: {p}" for p in problems(qtbot, screen)}
        screen.faces.choose(5)
        found |= {f"ask, rated: {p}" for p in problems(qtbot, screen)}
        screen.send_button.click()
        qtbot.waitUntil(lambda: screen.state == "thanks", timeout=10_000)
        assert screen.reward_box.isVisible(), "the demo shop gives a reward code"
        found |= {f"thanks: {p}" for p in problems(qtbot, screen)}
        found |= {f"status bar: {p}" for p in untranslated_texts(main_window)}
    finally:
        main_window.counter.close()
    assert not found, said(sorted(found))


def test_the_merge_dialog_and_its_question_in_portuguese(qtbot, main_window, monkeypatch):
    from ui.customers.directory import CustomerDirectory

    with opened_by(qtbot, main_window, monkeypatch, Act.CUSTOMERS.value) as windows:
        (directory,) = [w for w in windows if isinstance(w, CustomerDirectory)]
        qtbot.waitUntil(lambda: directory.model.rowCount() >= 2, timeout=5000)
        flags = QItemSelectionModel.Select | QItemSelectionModel.Rows
        for row in (0, 1):
            directory.table.selectionModel().select(directory.model.index(row, 0), flags)
        assert directory.merge_button.isEnabled()
        from ui.customers.merge_dialog import MergeDialog

        found = modal_problems(qtbot, MergeDialog, directory.merge_button.click)
    assert not found, said(found)


def test_the_reward_code_slip_and_its_print_dialog_in_portuguese(
    qtbot, main_window, demo_db, tmp_path
):
    from PySide6.QtPrintSupport import QPrintDialog

    from desk.models import RewardCode
    from ui.feedback.code_slip import print_slip, slip_for

    with demo_db.session() as session:
        reward = session.exec(select(RewardCode).order_by(RewardCode.id)).first()
        session.expunge(reward)
    assert reward is not None, "the demo issued reward codes"
    slip = slip_for(reward, shop="Loja Ipê", currency="BRL", language=LANGUAGE)
    box = QWidget()
    layout = QVBoxLayout(box)
    for text in (slip.thanks, slip.intro, slip.gives, slip.hint):
        layout.addWidget(QLabel(text))
    qtbot.addWidget(box)
    box.show()
    found = untranslated_texts(box)
    found += modal_problems(
        qtbot,
        QPrintDialog,
        lambda: print_slip(main_window, reward, shop="Loja Ipê", currency="BRL", language=LANGUAGE),
    )
    assert not found, said(found)


def test_the_dashboards_print_and_export_dialogs_in_portuguese(qtbot, main_window, monkeypatch):
    from PySide6.QtPrintSupport import QPrintDialog
    from PySide6.QtWidgets import QFileDialog

    from ui.dashboard.window import DashboardWindow

    with opened_by(qtbot, main_window, monkeypatch, Act.DASHBOARD.value) as windows:
        (dashboard,) = [w for w in windows if isinstance(w, DashboardWindow)]
        qtbot.waitUntil(lambda: bool(dashboard.figures), timeout=10_000)
        found = modal_problems(qtbot, QPrintDialog, dashboard.print_button.click)
        offered: list[str] = []

        def offers(dialog: QFileDialog) -> None:
            offered.append(Path(dialog.selectedFiles()[0]).name)

        found += modal_problems(qtbot, QFileDialog, dashboard.pdf_button.click, offers)
        card = dashboard.cards[0]
        found += modal_problems(qtbot, QFileDialog, lambda: dashboard.export_csv(card), offers)
    assert [name.split("-2")[0] for name in offered] == ["painel", "devolucoes-por-semana"]
    assert not found, said(found)
