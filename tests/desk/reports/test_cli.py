"""`returndesk report`: CSV that parses with csv and matches dashboard(), JSON, clear errors."""

from __future__ import annotations

import csv
import io
import json

import pytest

from desk.cli import build_parser, run_command
from desk.reports.cli import CSV_HEADER
from desk.reports.dashboard import as_dict, dashboard, report_rows
from desk.reports.period import ReportRange
from desk.reports.text import NO_SALES, report_text
from tests.cli_here import run_on
from tests.desk.reports.catalog import build_catalog
from tests.desk.reports.conftest import RANGE

WEEKS = ("--from", "2026-11-02", "--to", "2026-11-15")


def report(cli_db, *args):
    parsed = build_parser().parse_args([*cli_db.args(), "report", *args])
    return run_command(parsed)


def test_csv_file_parses_and_matches_the_dashboard(db, cli_db_here, crafted, tmp_path):
    out = tmp_path / "report.csv"
    assert report(cli_db_here, "--from", "2026-11-02", "--to", "2026-11-15", "--csv", str(out)) == 0
    with out.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert tuple(rows[0]) == CSV_HEADER
    expected = [
        [figure, key, "" if value is None else str(value)]
        for figure, key, value in report_rows(dashboard(db, RANGE))
    ]
    assert rows[1:] == expected
    assert ["by_reason", "wrong_size", "3"] in rows


def test_csv_to_stdout_with_a_segment(cli_db_here, crafted, capsys):
    args = ("--from", "2026-11-02", "--to", "2026-11-15", "--segment", "loyal", "--csv", "-")
    assert report(cli_db_here, *args) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    found = {(f, k): v for f, k, v in rows[1:]}
    assert found["range", "segment"] == "loyal"
    assert found["by_status", "credited"] == "1" and ("by_status", "closed") not in found


def test_json_to_stdout_and_to_a_file(db, cli_db_here, crafted, capsys, tmp_path):
    assert report(cli_db_here, "--from", "2026-11-02", "--to", "2026-11-15", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data == as_dict(dashboard(db, data_range(data)))
    out = tmp_path / "r.json"
    assert report(cli_db_here, *WEEKS, "--json", str(out)) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == data


def data_range(data) -> ReportRange:
    from datetime import date

    return ReportRange(
        date.fromisoformat(data["range"]["start"]), date.fromisoformat(data["range"]["end"])
    )


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (
            "2026-02-30",
            "2026-03-01",
            "returndesk: --from '2026-02-30' is not a date; write it as YYYY-MM-DD.\n",
        ),
        (
            "2026-03-01",
            "1/3/2026",
            "returndesk: --to '1/3/2026' is not a date; write it as YYYY-MM-DD.\n",
        ),
        (
            "2026-03-02",
            "2026-03-01",
            "returndesk: The range starts (2026-03-02) after it ends (2026-03-01).\n",
        ),
    ],
)
def test_bad_dates_say_so_in_one_line(cli_db_here, capsys, start, end, message):
    assert report(cli_db_here, "--from", start, "--to", end, "--json") == 1
    captured = capsys.readouterr()
    assert captured.err == message and captured.out == ""


def test_a_file_that_cannot_be_written_is_one_line(cli_db_here, tmp_path, capsys):
    target = tmp_path / "missing" / "r.csv"
    assert report(cli_db_here, *WEEKS, "--csv", str(target)) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"returndesk: Cannot write {target}") and err.count("\n") == 1


def test_csv_or_json_is_required(cli_db_here):
    with pytest.raises(SystemExit):
        build_parser().parse_args(["report", "--from", "2026-11-02", "--to", "2026-11-15"])
    with pytest.raises(SystemExit):
        build_parser().parse_args(["report", "--from", "x", "--to", "y", "--csv", "a", "--json"])


def test_csv_and_json_carry_the_product_figures(db, cli_db_here, crafted, capsys):
    build_catalog(db, crafted)
    assert report(cli_db_here, *WEEKS, "--csv", "-") == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    found = {(f, k): v for f, k, v in rows[1:]}
    assert found["products", "sales_imported"] == "True"
    assert found["products_by_quantity", "SKU-C.quantity"] == "5"
    assert found["products_by_quantity", "SKU-A.refunded.BRL.cents"] == "2400"
    assert found["products_by_quantity", "SKU-A.refunded.EUR.cents"] == "7500"
    assert found["products_by_quantity", "SKU-B.return_rate"] == "0.375"
    assert found["products_by_quantity", "SKU-E.return_rate"] == ""  # none sold in range
    assert found["products_by_returns", "SKU-A.returns"] == "3"
    assert found["category_return_rate", "Home.return_rate"] == "0.0"
    assert report(cli_db_here, *WEEKS, "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["products"]["sales_known"] is True
    assert data["products"]["by_quantity"][0]["sku"] == "SKU-C"
    assert data["products"]["by_quantity"][1]["refunded"] == [
        {"currency": "BRL", "cents": 2400},
        {"currency": "EUR", "cents": 7500},
    ]
    assert data["products"]["categories"][1] == {
        "category": "Clothing",
        "returned": 8,
        "sold": 18,
        "rate": 8 / 18,
    }


def test_text_to_stdout_and_to_a_file(db, cli_db_here, crafted, capsys, tmp_path):
    build_catalog(db, crafted)
    assert report(cli_db_here, *WEEKS, "--text") == 0
    text = capsys.readouterr().out
    assert text == report_text(dashboard(db, RANGE))
    lines = text.splitlines()
    assert lines[0] == "Returns 11/2/26 to 11/15/26 · All customers"
    assert lines[5:7] == [
        "SKU    Product    Category  Items  Returns   Amount refunded  Return rate",
        "SKU-C  Scarf      Clothing      5        1            €75.00        50.0%",
    ]
    assert "Kitchen          4     8        50.0%" in lines
    out = tmp_path / "r.txt"
    assert report(cli_db_here, *WEEKS, "--text", str(out)) == 0
    assert out.read_text(encoding="utf-8") == text


def test_text_without_sales_says_no_sales_imported(db, cli_db_here, crafted, capsys):
    build_catalog(db, crafted, sales=False)
    assert report(cli_db_here, *WEEKS, "--text") == 0
    text = capsys.readouterr().out
    assert text.rstrip().endswith(NO_SALES)
    assert "0.0%" not in text


def test_the_report_command_speaks_portuguese_with_lang_pt_br(db, cli_db, crafted):
    """The command line, as a clerk runs it on a Portuguese computer."""
    build_catalog(db, crafted)
    portuguese = {"LANGUAGE": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": "pt_BR.UTF-8"}
    done = run_on(cli_db, "report", *WEEKS, "--text", env=portuguese)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Devoluções de 02/11/2026 a 15/11/2026 · Todos os clientes"
    assert lines[1].startswith("Devoluções registradas: ")
    assert lines[2].startswith("Reembolsado: ")
    assert "Produtos mais devolvidos (por itens)" in lines
    assert any(line.endswith("50,0%") for line in lines)
    helped = run_on(cli_db, "report", "--help", env=portuguese)
    assert "só os clientes que estão hoje neste perfil" in helped.stdout
