"""Smoke test of the built program (make dist), as a shop runs it: the archive unpacked into a
fresh folder and started with a bare environment (no virtual environment, no Python of ours
on PATH). The same script runs on Linux, macOS and Windows (.github/workflows/dist.yml).

    python3 tools/smoke_dist.py [ARCHIVE]     (default: the newest dist/returndesk-*)

Only the standard library: it runs on the machine's own Python, not the project's venv.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OLD_DATABASE = ROOT / "packaging" / "smoke" / "schema-0018.sql"


def version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def unpack(archive: Path, into: Path) -> Path:
    if archive.suffix == ".zip":
        zipfile.ZipFile(archive).extractall(into)
    else:
        with tarfile.open(archive) as tar:
            tar.extractall(into, filter="tar")
    name = "returndesk-cli.exe" if sys.platform == "win32" else "returndesk"  # the console one
    return next(p for p in into.rglob(name) if p.is_file() and p.parent.name == "returndesk")


def one(db: Path, query: str):
    with sqlite3.connect(db) as conn:
        return conn.execute(query).fetchone()[0]


def bare_path() -> str:
    """The system's own folders only: no virtual environment, no Python of ours."""
    if sys.platform == "win32":
        system = os.environ.get("SYSTEMROOT", r"C:\Windows")
        return os.pathsep.join((rf"{system}\System32", system))
    return os.pathsep.join(p for p in ("/usr/bin", "/bin") if Path(p).exists())


class Program:
    def __init__(self, path: Path, home: Path):
        self.path, self.env = (
            path,
            {
                "HOME": str(home),
                "USERPROFILE": str(home),
                "APPDATA": str(home / "AppData"),
                "LOCALAPPDATA": str(home / "AppData" / "Local"),
                "PATH": os.pathsep.join(p for p in ("/usr/bin", "/bin") if Path(p).exists())
                or os.environ.get("SYSTEMROOT", ""),
                "SYSTEMROOT": os.environ.get("SYSTEMROOT", ""),
                "LANG": "C.UTF-8",
                "QT_QPA_PLATFORM": "offscreen",
            },
        )

    def __call__(self, *args: str) -> str:
        done = subprocess.run(
            [str(self.path), *args], env=self.env, capture_output=True, text=True, timeout=180
        )
        if done.returncode != 0:
            raise SystemExit(f"smoke: `returndesk {' '.join(args)}` failed:\n{done.stderr}")
        return done.stdout


def menu_entry(run: Program, home: Path) -> None:
    """The archive's install-desktop.sh puts Return Desk in the user's application menu."""
    print("smoke: install-desktop.sh puts it in the application menu")
    script = run.path.parent / "install-desktop.sh"
    subprocess.run([str(script)], env=run.env, check=True, capture_output=True, timeout=60)
    data = home / ".local" / "share"
    entry = data / "applications" / "returndesk.desktop"
    assert f"Exec={run.path}" in entry.read_text(encoding="utf-8").splitlines()
    assert (data / "icons/hicolor/48x48/apps/returndesk.png").exists()
    assert (data / "icons/hicolor/scalable/apps/returndesk.svg").exists()
    if shutil.which("desktop-file-validate"):
        subprocess.run(["desktop-file-validate", str(entry)], check=True)


def main(argv: list[str]) -> int:
    found = sorted((ROOT / "dist").glob("returndesk-*.*"), key=lambda p: p.stat().st_mtime)
    archive = Path(argv[0]) if argv else found[-1]
    with tempfile.TemporaryDirectory(prefix="returndesk-smoke-") as folder:
        work = Path(folder)
        (work / "home").mkdir()
        run = Program(unpack(archive, work / "app"), work / "home")
        shop, old, pdf = work / "shop.db", work / "old.db", work / "sheet.pdf"

        print("smoke: --version")
        assert run("--version").strip() == f"returndesk {version()}", run("--version")
        print("smoke: demo")
        run("--db", str(shop), "demo", "--returns", "40")
        number = one(shop, "SELECT number FROM \"return\" WHERE status = 'received' LIMIT 1")
        print(f"smoke: show {number}")
        assert number in run("--db", str(shop), "show", number)
        print(f"smoke: move {number} inspecting")
        run("--db", str(shop), "move", number, "inspecting", "--staff", "smoke")
        assert one(shop, f"SELECT status FROM \"return\" WHERE number = '{number}'") == "inspecting"
        print("smoke: instructions --pdf")
        run("--db", str(shop), "instructions", "--return", number, "--pdf", str(pdf))
        assert pdf.read_bytes().startswith(b"%PDF-")
        if shutil.which("pdftotext"):
            text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True)
            assert number in text.stdout, "the sheet does not show the return's number"
        else:
            print("smoke:   (no pdftotext here: the PDF's text is not checked)")
        print("smoke: the window paints its first page and exits")
        assert "painted_at " in run("--db", str(shop), "--exit-after-paint")
        print("smoke: a database of an earlier release (schema 0018) is upgraded")
        with sqlite3.connect(old) as conn:
            conn.executescript(OLD_DATABASE.read_text(encoding="utf-8"))
        first = one(old, 'SELECT number FROM "return" ORDER BY id LIMIT 1')
        assert first in run("--db", str(old), "show", first)
        assert one(old, "SELECT version_num FROM alembic_version") != "0018"
        if sys.platform.startswith("linux"):
            menu_entry(run, work / "home")
        size = sum(p.lstat().st_size for p in (work / "app").rglob("*") if not p.is_symlink())
        print(f"smoke: {archive.name} ({size / 2**20:.0f} MiB unpacked) passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
