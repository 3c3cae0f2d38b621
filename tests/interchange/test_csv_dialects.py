"""Encodings, delimiters, `sep=` lines and other things Excel does to a CSV file."""

import codecs
import csv

import pytest

from netkeeper.interchange import read_bytes

ROWS = ("Name,Email,Company,Notes\r\n"
        "Zoë Lefèvre,zoe@example.fr,Société Générale,\"Café, croissant\"\r\n"
        "Søren Ødegård,soren@example.no,Equinor,\r\n")


@pytest.mark.parametrize(("data", "encoding"), [
    (ROWS.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + ROWS.encode("utf-8"), "utf-8-sig"),
    (codecs.BOM_UTF16_LE + ROWS.encode("utf-16-le"), "utf-16"),
    (codecs.BOM_UTF16_BE + ROWS.encode("utf-16-be"), "utf-16"),
    (ROWS.encode("cp1252"), "cp1252"),
])
def test_every_encoding_gives_the_same_people(data, encoding):
    parsed = read_bytes(data)

    assert parsed.encoding == encoding
    assert parsed.header == ["Name", "Email", "Company", "Notes"]
    assert [c.name for c in parsed.contacts] == ["Zoë Lefèvre", "Søren Ødegård"]
    assert parsed.contacts[0].company == "Société Générale"
    assert parsed.contacts[0].notes == "Café, croissant"


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_every_delimiter_is_detected(delimiter):
    text = ROWS.replace(",", delimiter).replace(f'"Café{delimiter} croissant"',
                                                 f'"Café{delimiter} croissant"')

    parsed = read_bytes(text.encode())

    assert parsed.delimiter == delimiter
    assert parsed.contacts[0].notes == f"Café{delimiter} croissant"
    assert parsed.contacts[1].emails == ["soren@example.no"]


def test_semicolon_file_with_commas_in_values_is_not_mistaken_for_commas():
    text = ("Name;Company;Notes\r\n"
            "Ana Lima;Itaú, S.A.;likes tea, cake, books\r\n"
            "Rui Costa;Galp, Lda;a, b\r\n")

    parsed = read_bytes(text.encode())

    assert parsed.delimiter == ";"
    assert parsed.contacts[0].company == "Itaú, S.A."


@pytest.mark.parametrize("sep_line", ["sep=;", '"sep=;"', "SEP=;"])
def test_sep_line_sets_the_delimiter_and_lines_still_count_from_the_top(sep_line):
    text = f"{sep_line}\r\nName;Email;Notes\r\nAna Lima;ana@example.com;a,b,c\r\n;;\r\n;;x\r\n"

    parsed = read_bytes(text.encode())

    assert parsed.delimiter == ";"
    assert parsed.contacts[0].notes == "a,b,c"
    assert parsed.contacts[0].line == 3
    assert [s.line for s in parsed.skipped] == [5]


def test_quoted_fields_with_newlines_keep_line_numbers_physical():
    text = ('Name,Notes\r\n'
            '"Ana Lima","first\r\nsecond\r\nthird"\r\n'
            '"Rui Costa","x"\r\n'
            '"","orphan"\r\n')

    parsed = read_bytes(text.encode())

    assert parsed.contacts[0].notes == "first\r\nsecond\r\nthird"
    assert [c.line for c in parsed.contacts] == [2, 5]
    assert parsed.skipped[0].line == 6


def test_trailing_empty_header_columns_from_excel_are_dropped():
    text = "Name,Email,,,\r\nAna Lima,ana@example.com,,,\r\n"

    parsed = read_bytes(text.encode())

    assert parsed.header == ["Name", "Email"]
    assert parsed.preview == [["Ana Lima", "ana@example.com"]]


def test_huge_field_beyond_the_csv_default_limit_is_read():
    notes = "x" * 300_000
    text = f'Name,Notes\r\nAna Lima,"{notes}"\r\n'

    parsed = read_bytes(text.encode())

    assert parsed.contacts[0].notes == notes


def test_preview_holds_the_first_rows_for_the_wizard():
    out = "Name,Email\r\n" + "".join(f"P{i},p{i}@example.com\r\n" for i in range(20))

    parsed = read_bytes(out.encode())

    assert len(parsed.preview) == 5
    assert parsed.preview[0] == ["P0", "p0@example.com"]
    assert len(parsed.contacts) == 20


def test_header_names_are_matched_case_and_spacing_insensitively():
    text = "  FULL   NAME ,E-MAIL ADDRESS,Job  title\r\nAna Lima,ana@example.com,Chef\r\n"

    (ana,) = read_bytes(text.encode()).contacts

    assert (ana.name, ana.emails, ana.title) == ("Ana Lima", ["ana@example.com"], "Chef")


def test_all_quoted_file_is_read(tmp_path):
    path = tmp_path / "all_quoted.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL)
        writer.writerow(["Name", "Phone"])
        writer.writerow(["Ana Lima", "+351 912 345 678"])

    from netkeeper.interchange import read_file

    assert read_file(path).contacts[0].phones == ["+351 912 345 678"]
