import pytest

from netkeeper.interchange import read_bytes


def test_english_spreadsheet_with_tags_split_on_commas_and_semicolons():
    text = ("Full Name,E-mail,Phone,Organisation,Job Title,Tags,Notes,Birthday\n"
            'Kwame Asante,kwame@example.com,+233 24 123 4567,Ashesi,Lecturer,"mentors, Accra;'
            ' book launch",Met at AfricArena,1988-04-02\n')

    parsed = read_bytes(text.encode())

    assert parsed.format == "spreadsheet"
    (kwame,) = parsed.contacts
    assert kwame.name == "Kwame Asante"
    assert kwame.emails == ["kwame@example.com"]
    assert kwame.phones == ["+233 24 123 4567"]
    assert (kwame.company, kwame.title) == ("Ashesi", "Lecturer")
    assert kwame.tags == ["mentors", "Accra", "book launch"]
    assert kwame.birthday == "1988-04-02"
    assert kwame.source == "spreadsheet"
    assert parsed.mapping == {"Full Name": "name", "E-mail": "email", "Phone": "phone",
                              "Organisation": "company", "Job Title": "title", "Tags": "tags",
                              "Notes": "notes", "Birthday": "birthday"}


def test_german_spreadsheet_semicolons_and_day_first_dates():
    text = ("Vorname;Nachname;E-Mail;Handy;Telefon;Unternehmen;Position;Schlagwörter;Notizen;"
            "Geburtstag\r\n"
            "Lena;Weber;lena@weber.example;0171 2345678;030 1234567;Zalando;CTO;Berlin, Tech;"
            "Sehr hilfsbereit;03.04.1986\r\n")

    parsed = read_bytes(text.encode("cp1252"))

    (lena,) = parsed.contacts
    assert lena.name == "Lena Weber"
    assert lena.phones == ["0171 2345678", "030 1234567"]
    assert (lena.company, lena.title) == ("Zalando", "CTO")
    assert lena.tags == ["Berlin", "Tech"]
    assert lena.birthday == "1986-04-03"
    assert parsed.delimiter == ";"


def test_first_and_last_columns_build_the_name():
    text = "first,last,email\nGrace,Hopper,grace@example.com\n,,\n,,nobody\n"

    parsed = read_bytes(text.encode())

    assert [c.name for c in parsed.contacts] == ["Grace Hopper"]
    assert parsed.contacts[0].line == 2
    # "nobody" is no e-mail address, so the row has nothing to find the person by
    assert [s.line for s in parsed.skipped] == [4]


def test_duplicate_email_columns_are_all_kept():
    text = "Name,Email,Email,Phone\nAmit Shah,amit@work.example,amit@home.example,\n"

    parsed = read_bytes(text.encode())

    assert parsed.header == ["Name", "Email", "Email (2)", "Phone"]
    assert parsed.contacts[0].emails == ["amit@work.example", "amit@home.example"]


def test_rows_without_any_identity_are_skipped_with_line_numbers():
    text = "Name,Company,Notes\nAmit Shah,Infosys,\n,Acme,orphan note\n\"\",\"\",\"\"\nBo,,\n"

    parsed = read_bytes(text.encode())

    assert [c.name for c in parsed.contacts] == ["Amit Shah", "Bo"]
    assert [(s.line, s.reason) for s in parsed.skipped] == [
        (3, "no name, e-mail address, phone number or profile URL to know the person by")]


@pytest.mark.parametrize("header", ["Name,Email", "name;email", "NAME\tE-MAIL"])
def test_header_only_file_is_an_empty_import_not_an_error(header):
    parsed = read_bytes((header + "\r\n").encode())

    assert parsed.format == "spreadsheet"
    assert parsed.contacts == [] and parsed.skipped == []
