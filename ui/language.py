"""The window speaks the desk's language: our catalog (desk.i18n) for our words, Qt's own
for the words Qt draws itself (the buttons of a message box, a text field's menu), and
the language's number and date formats in spin boxes and date edits."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from desk.i18n.catalog import SOURCE_LANGUAGE
from desk.i18n.desk_language import start_language


def speak_desk_language(app: QApplication) -> str:
    """Set the desk's language for `app` (chosen, or the computer's); return it."""
    language = start_language(tuple(QLocale.system().uiLanguages()))
    QLocale.setDefault(QLocale(language))
    if language != SOURCE_LANGUAGE:
        translator = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load(f"qtbase_{language}", folder):
            app.installTranslator(translator)
    return language
