"""Reading the till's CSV as a spreadsheet shows it: encodings, delimiters, row numbers."""

import pytest

from desk.customers.csv_table import MAX_CELL_CHARS, NOT_UTF8_HELP, read_csv
from desk.errors import DeskError


def test_blank_rows_are_skipped_without_renumbering():
    table = read_csv(b"Name,Email\n\nAna,ana@example.com\n , \nBruno,b@example.com\n")
    assert table.header == ["Name", "Email"]
    assert table.rows == [["Ana", "ana@example.com"], ["Bruno", "b@example.com"]]
    assert table.numbers == [3, 5]  # the rows a spreadsheet shows


def test_header_cells_are_trimmed_and_quoted_cells_keep_their_delimiters():
    table = read_csv(b' Name ;"Notes"\n"Ana; the first";"says ""hi"""\n')
    assert table.delimiter == ";"
    assert table.header == ["Name", "Notes"]
    assert table.rows == [["Ana; the first", 'says "hi"']]


def test_excel_unicode_text_is_utf16_with_tabs():
    data = "Nome\tE-mail\nJosé Água\tjose@example.com\n".encode("utf-16")
    table = read_csv(data)
    assert table.delimiter == "\t"
    assert table.rows == [["José Água", "jose@example.com"]]


def test_one_column_file_reads_with_the_comma_fallback():
    table = read_csv(b"Name\nAna\nBruno\n")
    assert table.header == ["Name"] and table.rows == [["Ana"], ["Bruno"]]
    assert table.delimiter == ","


def test_a_file_takes_its_name_from_the_path(tmp_path):
    path = tmp_path / "till.csv"
    path.write_bytes(b"Name\nAna\n")
    assert read_csv(path).name == "till.csv"
    assert read_csv(path, name="export").name == "export"


def test_latin1_says_where_and_how_to_fix_it():
    data = "Name\nAna\nJos\xe9\n".encode("latin-1")
    with pytest.raises(DeskError) as caught:
        read_csv(data, name="till.csv")
    message = str(caught.value)
    assert message.startswith("“till.csv” is not a UTF-8 text file (byte 0xE9 on line 3")
    assert message.endswith(NOT_UTF8_HELP)


@pytest.mark.parametrize("data", [b"", b"\n\n", b" , \n"])
def test_empty_file_is_refused(data):
    with pytest.raises(DeskError, match="is empty: there is no header row"):
        read_csv(data, name="till.csv")


def test_missing_file_is_refused_in_plain_words(tmp_path):
    with pytest.raises(DeskError, match="Cannot read .*nope.csv.*No such file"):
        read_csv(tmp_path / "nope.csv")


def test_an_unclosed_quote_is_one_bad_row_and_the_lines_it_took_in_are_read():
    table = read_csv(b'Name,Email\nAna,a@x.com\n"Bruno,b@x.com\nCarla,c@x.com\nDan,d@x.com\n')
    assert [row[0] for row in table.rows] == ["Ana", "Carla", "Dan"]
    assert table.numbers == [2, 4, 5]
    assert table.bad_rows == [
        (
            3,
            'a quote (") opened on line 3 is not closed, taking in lines 4–5 (read as rows '
            "of their own); fix it and import again",
        )
    ]


def test_a_quote_closed_rows_later_is_caught_by_the_rows_it_swallowed():
    data = b'Name,Email,Notes\nAna,a@x.com,"x\nBruno,b@x.com,y\nCarla,c@x.com,z"\nDan,d@x.com,w\n'
    table = read_csv(data)
    assert [row[0] for row in table.rows] == ["Bruno", "Carla", "Dan"]  # Carla's note: z"
    assert [n for n, _ in table.bad_rows] == [2]
    assert "opened on line 2 is not closed, taking in lines 3–4" in table.bad_rows[0][1]


def test_a_multiline_cell_with_the_right_columns_is_a_cell():
    table = read_csv(b'Name,Email,Notes\nAna,a@x.com,"first line\nsecond line"\nBruno,b@x.com,\n')
    assert table.rows == [["Ana", "a@x.com", "first line\nsecond line"], ["Bruno", "b@x.com", ""]]
    assert table.bad_rows == []


def test_a_cell_over_the_bound_is_reported_and_the_next_rows_read():
    huge = b"x" * (MAX_CELL_CHARS + 1)
    table = read_csv(b"Name,Notes\nAna," + huge + b"\nBruno,fine\n")
    assert table.rows == [["Bruno", "fine"]]
    assert table.bad_rows == [(2, "a cell is longer than 1,000,000 characters (line 2)")]


def test_a_cell_over_128_kb_but_under_the_bound_is_read():
    table = read_csv(b"Name,Notes\nAna," + b"n" * 200_000 + b"\n")
    assert len(table.rows[0][1]) == 200_000


def test_a_nul_byte_is_read_and_left_to_the_row_checks():
    assert read_csv(b"Name,Email\nAna\x00,a@x.com\n").rows == [["Ana\x00", "a@x.com"]]


def test_a_file_that_is_not_utf8_says_so_in_portuguese():
    from desk.i18n.catalog import set_language

    set_language("pt_BR")
    with pytest.raises(DeskError) as caught:
        read_csv("Nome\nJoão\n".encode("latin-1"), name="clientes.csv")
    text = str(caught.value)
    assert text.startswith("“clientes.csv” não é um arquivo de texto UTF-8 (o byte 0xE3 na linha 2")
    assert text.endswith("Nada foi importado.")
