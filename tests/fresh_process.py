"""Run a piece of Python in a fresh process, as a start of Return Desk would run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run_python(
    snippet: str, *args: str, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run `snippet` (python -c, `args` after it) from the repository's root, offscreen,
    with `env` over this process's environment; its output and errors as text."""
    base = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-c", snippet, *args],
        cwd=REPO,
        env=base | (env or {}),
        capture_output=True,
        encoding="utf-8",
        timeout=timeout,
    )
