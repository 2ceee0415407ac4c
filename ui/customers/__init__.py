"""Customer windows: the customer list, the profile, merging and the CSV import.

Modules:
    profile        a customer's profile window: edit, habits, policy, history, export, erase
    profile_parts  the read-only parts of the profile
    import_dialog  File > Import customers: pick, map, check, import
    import_words   what the import says after a check and after an import
    directory      Customers window: every customer, searched, sorted, opened, merged
    merge_dialog   the question before a merge: which record is kept
    actions        the main window's customer actions: the list, a profile, the import
"""

__all__ = [
    "profile",
    "profile_parts",
    "import_dialog",
    "import_words",
    "directory",
    "merge_dialog",
    "actions",
]
