"""Backups of the SQLite database, verified, and restoring them.

Modules:
    folder    the backups folder beside the database: copy names, sidecars, listing
    store     making copies with the online backup API, verifying and pruning them
    restore   restoring a copy after checking it, setting the current file aside
    schedule  whether the daily backup is due, and making it
    damage    a damaged database at start, and the backup that gets it back
    cli       the `backup`, `backups` and `restore` commands
"""

__all__ = ["folder", "store", "restore", "schedule", "damage", "cli"]
