"""Return Desk runs itself again the right way, from the sources and as the built program."""

import subprocess
import sys

from desk.program import SHEET_PDF_HELPER, is_bundled, own_command


def test_from_the_sources_it_runs_main_with_this_python():
    assert not is_bundled()
    assert own_command("portal", "--port", "8080") == [
        sys.executable,
        "-m",
        "main",
        "portal",
        "--port",
        "8080",
    ]


def test_the_built_program_runs_itself(monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/opt/returndesk/returndesk")
    assert is_bundled()
    assert own_command(SHEET_PDF_HELPER, "a4") == ["/opt/returndesk/returndesk", "_sheet-pdf", "a4"]


def test_the_hidden_pdf_helper_refuses_what_is_not_a_sheet():
    import pickle

    done = subprocess.run(
        own_command(SHEET_PDF_HELPER, "a4"),
        input=pickle.dumps("not a sheet"),
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2 and done.stdout == b""
