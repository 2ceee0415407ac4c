"""The Help menu: what staff can read inside the app.

Modules:
    shortcuts  the keyboard shortcut sheet, built from the action registry (ui/actions.py)
    guide      the short user guide: a few pages from resources/guide, English and Portuguese
    about      the About box: version, the database in use, the libraries and their licences
"""

__all__ = ["shortcuts", "guide", "about"]
