from pathlib import Path

import pytest

from netkeeper.interchange import ImportFileError, read_bytes, read_file

from .layouts import (
    OUTLOOK_DESKTOP_DE,
    OUTLOOK_DESKTOP_EN,
    OUTLOOK_DESKTOP_FR,
    OUTLOOK_WEB,
    make_csv,
)

FIXTURES = Path(__file__).parent / "fixtures"


def test_english_desktop_export_in_cp1252():
    text = make_csv(OUTLOOK_DESKTOP_EN, [
        {"Title": "Dr.", "First Name": "Zoë", "Last Name": "O'Brien", "Company": "Café Ltd",
         "Job Title": "Owner", "E-mail Address": "zoe@cafe.example",
         "E-mail 2 Address": "zoe.obrien@example.com", "Mobile Phone": "(206) 555-0147",
         "Business Phone": "+1 206 555 0100", "Business Fax": "+1 206 555 0199",
         "Categories": "Coffee;Seattle; VIP", "Notes": "Roasts her own beans",
         "Birthday": "5/17/1984", "Business City": "Seattle", "Web Page": "https://cafe.example"},
        {"First Name": "Tom", "Last Name": "Baker", "E-mail Address": "tom@example.com",
         "Birthday": "0/0/00", "Anniversary": "0/0/00"},
    ])

    parsed = read_bytes(text.encode("cp1252"))

    assert parsed.format == "outlook" and parsed.encoding == "cp1252"
    zoe, tom = parsed.contacts
    assert zoe.name == "Zoë O'Brien"
    assert (zoe.company, zoe.title) == ("Café Ltd", "Owner")
    assert zoe.emails == ["zoe@cafe.example", "zoe.obrien@example.com"]
    assert zoe.phones == ["+1 206 555 0100", "(206) 555-0147"]  # the fax is not a phone
    assert zoe.tags == ["Coffee", "Seattle", "VIP"]
    assert zoe.birthday == "1984-05-17"
    assert zoe.location == "Seattle"
    assert zoe.website == "https://cafe.example"
    assert tom.birthday == ""
    assert parsed.mapping["Job Title"] == "title"
    assert parsed.mapping["Title"] == "prefix"


def test_web_export_with_a_comma_inside_quotes_and_a_multiline_note():
    text = make_csv(OUTLOOK_WEB, [
        {"First Name": "Nadia", "Last Name": "Haddad", "Company": "Haddad, Haddad & Co",
         "E-mail Address": "nadia@haddad.example", "Notes": "Line one\r\nLine two",
         "Birthday": "11/3/1990", "Job Title": "Partner"},
    ])

    (nadia,) = read_bytes(text.encode("utf-8")).contacts

    assert nadia.company == "Haddad, Haddad & Co"
    assert nadia.notes == "Line one\r\nLine two"
    assert nadia.birthday == "1990-11-03"
    assert nadia.line == 2


def test_german_desktop_export_semicolon_cp1252():
    text = make_csv(OUTLOOK_DESKTOP_DE, [
        {"Anrede": "Herr", "Vorname": "Jürgen", "Nachname": "Müller", "Firma": "Müller GmbH",
         "Position": "Geschäftsführer", "E-Mail-Adresse": "jm@mueller.example",
         "E-Mail 2: Adresse": "juergen@example.de", "Mobiltelefon": "+49 170 1234567",
         "Telefon geschäftlich": "089 1234-0", "Fax geschäftlich": "089 1234-99",
         "Kategorien": "Kunden;München", "Notizen": "Trifft man auf der Wiesn",
         "Geburtstag": "17.5.1970", "Ort geschäftlich": "München"},
        {"Vorname": "Anna", "Nachname": "Schmidt", "E-Mail-Adresse": "anna@example.de",
         "Geburtstag": "0.0.00"},
    ], delimiter=";")

    parsed = read_bytes(text.encode("cp1252"))

    assert parsed.format == "outlook" and parsed.delimiter == ";"
    juergen, anna = parsed.contacts
    assert juergen.name == "Jürgen Müller"
    assert (juergen.company, juergen.title) == ("Müller GmbH", "Geschäftsführer")
    assert juergen.emails == ["jm@mueller.example", "juergen@example.de"]
    assert juergen.phones == ["089 1234-0", "+49 170 1234567"]
    assert juergen.tags == ["Kunden", "München"]
    assert juergen.birthday == "1970-05-17"
    assert juergen.notes == "Trifft man auf der Wiesn"
    assert anna.birthday == ""


def test_french_desktop_export_with_two_titre_columns():
    header = OUTLOOK_DESKTOP_FR
    job_title = 7
    text = make_csv(header, [
        [(0, "M."), (1, "René"), (3, "Lefèvre"), (5, "Atelier SARL"), (job_title, "Directeur"),
         (14, "06 12 34 56 78"), (16, "rene@atelier.example.fr"), (20, "17/05/1985"),
         (22, "Design;Paris"), (23, "Rencontré au salon")],
    ], delimiter=";", positional=True)

    parsed = read_bytes(text.encode("cp1252"))

    assert parsed.format == "outlook"
    (rene,) = parsed.contacts
    assert rene.name == "René Lefèvre"
    assert (rene.company, rene.title) == ("Atelier SARL", "Directeur")
    assert rene.emails == ["rene@atelier.example.fr"]
    assert rene.phones == ["06 12 34 56 78"]
    assert rene.birthday == "1985-05-17"
    assert rene.tags == ["Design", "Paris"]
    assert rene.notes == "Rencontré au salon"
    assert parsed.header[0] == "Titre" and parsed.header[7] == "Titre (2)"


def test_french_export_with_a_single_titre_column_uses_it_as_the_job_title():
    text = ("Prénom;Nom;Société;Titre;Adresse de messagerie;Tél. mobile;Catégories;Notes;"
            "Anniversaire\r\n"
            "Claire;Dubois;Ubisoft;Productrice;claire@example.fr;+33 6 98 76 54 32;Jeux;;"
            "0/0/00\r\n")

    (claire,) = read_bytes(text.encode("utf-8-sig")).contacts

    assert (claire.title, claire.company) == ("Productrice", "Ubisoft")
    assert claire.tags == ["Jeux"]
    assert claire.birthday == ""


def test_forcing_outlook_on_a_linkedin_file_is_a_clear_error():
    data = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    with pytest.raises(ImportFileError, match="does not look like an Outlook CSV export"):
        read_bytes(data, format="outlook")


def test_committed_german_outlook_file():
    parsed = read_file(FIXTURES / "outlook_de.csv")

    assert (parsed.format, parsed.encoding, parsed.delimiter) == ("outlook", "cp1252", ";")
    juergen, anna = parsed.contacts
    assert juergen.notes == "Trifft man\r\nauf der Wiesn"
    assert (juergen.birthday, anna.birthday) == ("1970-05-17", "")
    assert anna.line == 4
