"""What this desk remembers between runs (window layout, staff name): one QSettings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

GEOMETRY = "window/geometry"
SPLITTER = "window/splitter"
STAFF = "desk/staff_name"
EXPORT_FOLDER = "instructions/export_folder"  # the folder of the last PDF of instructions
CUSTOMER_EXPORT_FOLDER = "customers/export_folder"  # the last customer data export's
DASHBOARD_EXPORT_FOLDER = "dashboard/export_folder"  # the last chart or CSV export's


def _settings() -> QSettings:
    return QSettings("ReturnDesk", "ReturnDesk")


def load_bytes(key: str) -> QByteArray | None:
    """Return the saved bytes under `key`, if any."""
    value = _settings().value(key)
    return value if isinstance(value, QByteArray) else None


def load_text(key: str, default: str = "") -> str:
    """Return the saved text under `key`, or `default`."""
    value = _settings().value(key, default)
    return value if isinstance(value, str) else default


def save(key: str, value: object) -> None:
    """Remember `value` under `key`."""
    _settings().setValue(key, value)


def start_folder(key: str) -> str:
    """The folder a save question opens in: the last one used under `key` while it exists,
    else the documents folder, else the home folder (never the app's working folder)."""
    documents = QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation)
    for folder in (load_text(key), documents, str(Path.home())):
        if folder and Path(folder).is_dir():
            return folder
    return str(Path.home())


def remember_folder(key: str, path: str | Path) -> None:
    """Remember the folder of the file just saved at `path` under `key`."""
    save(key, str(Path(path).parent))


def restore_layout(window, splitter, *, size: tuple[int, int], sizes: list[int]) -> None:
    """Give `window` and its `splitter` the layout they had when last closed (or these)."""
    if geometry := load_bytes(GEOMETRY):
        window.restoreGeometry(geometry)
    else:
        window.resize(*size)
    if state := load_bytes(SPLITTER):
        splitter.restoreState(state)
    else:
        splitter.setSizes(sizes)


def save_layout(window, splitter) -> None:
    """Remember `window`'s and its `splitter`'s layout for the next start."""
    save(GEOMETRY, window.saveGeometry())
    save(SPLITTER, splitter.saveState())
