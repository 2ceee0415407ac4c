"""Customer windows: the profile and the CSV import.

Modules:
    profile        a customer's profile window: edit, habits, policy, history, export, erase
    profile_parts  the read-only parts of the profile
    import_dialog  File > Import customers: pick, map, check, import
"""

__all__ = ["profile", "profile_parts", "import_dialog"]
