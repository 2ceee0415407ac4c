"""Reading the till's CSV as a spreadsheet shows it: encodings, delimiters, row numbers."""

import pytest

from desk.customers.csv_table import NOT_UTF8_HELP, read_csv
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
