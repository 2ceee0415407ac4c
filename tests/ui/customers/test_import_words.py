"""What the customer import says after a check and after an import: counts in their plural
forms, in English and in Portuguese."""

from __future__ import annotations

from desk.customers.csv_table import read_csv
from desk.customers.imports import check_import
from desk.customers.mapping import guess_mapping
from desk.i18n.catalog import set_language
from ui.customers.import_words import check_summary

ROWS = "Nome;E-mail\nAna Souza;ana@example.com\nAna S.;ANA@EXAMPLE.COM\nBruno;bruno@\n"


def plan_of(db, tmp_path):
    path = tmp_path / "till.csv"
    path.write_text(ROWS, encoding="utf-8")
    table = read_csv(path)
    return check_import(db, table, guess_mapping(table.header))


def test_a_check_counts_new_merged_and_rejected_rows(db, tmp_path):
    text = check_summary(plan_of(db, tmp_path))
    assert text.startswith("<b>1</b> new customer · <b>1</b> row merged (same email")
    assert "<b>1</b> row rejected, listed below: it will be left out" in text
    assert text.endswith(". Press Import to save.")


def test_in_portuguese_the_check_says_it_with_the_singular_forms(db, tmp_path):
    set_language("pt_BR")
    text = check_summary(plan_of(db, tmp_path))
    assert text.startswith("<b>1</b> cliente novo · <b>1</b> linha unificada (mesmo e-mail")
    assert "<b>1</b> linha recusada, listada abaixo: ela ficará de fora" in text
    assert text.endswith(". Clique em Importar para salvar.")


def test_a_count_of_zero_is_said_in_words(db, tmp_path):
    path = tmp_path / "till.csv"
    path.write_text("Nome;E-mail\nAna Souza;ana@example.com\n", encoding="utf-8")
    table = read_csv(path)
    plan = check_import(db, table, guess_mapping(table.header))
    assert check_summary(plan) == (
        "<b>1</b> new customer · no rows merged · no rows rejected. Press Import to save."
    )
    set_language("pt_BR")
    text = check_summary(plan)
    assert "nenhuma linha unificada · nenhuma linha recusada" in text, text
    assert "0 linha" not in text
