"""Every word a person reads, in their language: gettext catalogs for the window, the
command line and desk/'s own messages (desk/ has no Qt, so Qt's tr() cannot serve it),
the desk's language, and numbers and dates in that language's formats (Babel).

Modules:
    catalog        _(), ngettext(), pgettext(), N_(); the catalogs; set_language()
    desk_language  the desk's own language (a choice of this computer), and the computer's
    formats        numbers, dates and times in the desk's language
    checks         what is left to translate in a catalog (make translations, the tests)

How to mark a string: desk/i18n/catalog.py; how to add a language: TRANSLATING.md.
"""

__all__ = ["catalog", "desk_language", "formats", "checks"]
