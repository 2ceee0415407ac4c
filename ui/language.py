"""The window speaks the desk's language: our catalog (desk.i18n) for our words, Qt's own
for the words Qt draws itself (the buttons of a message box, a text field's menu), and
the language's number and date formats in spin boxes and date edits.

Qt's catalog for a language can lag behind Qt: qtbase_pt_BR still has "Look in:" where Qt
6.11's file dialog says "&Look in:", so the dialog showed that label in English. `QtGaps`
gives those few words from our own catalog."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from desk.i18n.catalog import N_, SOURCE_LANGUAGE, _
from desk.i18n.desk_language import start_language

QT_GAPS = {
    # TRANSLATORS: the file dialog's folder chooser (Qt's own word, missing in its catalog)
    ("QFileDialog", "&Look in:"): N_("&Look in:"),
    # TRANSLATORS: the file dialog's file type chooser (Qt's own word, missing in its catalog)
    ("QFileDialog", "Files of &type:"): N_("Files of &type:"),
}
"""Qt's words (context, source text) its catalogs miss, and our msgid for each."""


class QtGaps(QTranslator):
    """Translates the words of `QT_GAPS` with our catalog; no answer for the others (Qt's
    own catalog, installed before, answers them)."""

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: D102 (Qt's)
        msgid = QT_GAPS.get((context, source))
        return _(msgid) if msgid else None

    def isEmpty(self) -> bool:  # noqa: N802 (Qt's name)
        return False


def speak_desk_language(app: QApplication) -> str:
    """Set the desk's language for `app` (chosen, or the computer's); return it."""
    language = start_language(tuple(QLocale.system().uiLanguages()))
    QLocale.setDefault(QLocale(language))
    if language != SOURCE_LANGUAGE:
        translator = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load(f"qtbase_{language}", folder):
            app.installTranslator(translator)
        app.installTranslator(QtGaps(app))  # asked first: the last one installed is
    return language
