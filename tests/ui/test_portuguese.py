"""The whole desk in Portuguese: the main window (a return of each status shown, its menus)
and every window and dialog it opens show no English source string (tests/ui/untranslated.py)
and cut nothing off at 1024×700 (tests/ui/widget_fit.py), Portuguese being ~20% longer.

The windows are opened by the machinery of tests/ui/test_window_sizes.py, with the desk set
to Portuguese as it is at start (desk.i18n.desk_language, ui.language: Qt's own words too).
The first tests check the checker, so that the rest can fail.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from desk.i18n.desk_language import DESK_LANGUAGE, choose_language
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
