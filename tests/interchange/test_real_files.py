"""Readers on real export files from other programs' public test suites (fixtures/real, see
SOURCES.md there), and on files in a real export's layout where no public file shows a case."""

import codecs
from pathlib import Path

import pytest

from netkeeper.interchange import read_bytes, read_file

REAL = Path(__file__).parent / "fixtures" / "real"
LAYOUT = Path(__file__).parent / "fixtures" / "layout"


def only(path):
    (record,) = read_file(path).contacts
    return record


def test_the_corpus_is_several_dozen_real_files_each_named_in_sources():
    files = sorted(p.name for p in REAL.iterdir() if p.name != "SOURCES.md")
    sources = (REAL / "SOURCES.md").read_text(encoding="utf-8")
    assert len(files) >= 36
    assert [f for f in files if f"| {f} |" not in sources] == []


def test_thunderbird_csv_is_its_own_layout_and_keeps_every_field():
    parsed = read_file(LAYOUT / "thunderbird_full.csv")
    assert parsed.format == "thunderbird"
    ada, grace = parsed.contacts
    assert ada.name == "Ada Lovelace"
    assert ada.emails == ["ada@analytical.example", "ada.king@home.example"]
    assert ada.phones == ["+44 20 7946 0001", "+44 20 7946 0002", "+44 7700 900001"]
    assert (ada.company, ada.title) == ("Analytical Engines", "Analyst")
    assert ada.website == "https://ada.example"
    assert ada.linkedin_url == "https://www.linkedin.com/in/ada-lovelace"
    assert ada.birthday == "1815-12-10"
    assert ada.location == "Cambridge, United Kingdom"
    assert ada.notes == "Wrote the first program"
    assert (grace.name, grace.company, grace.birthday) == ("Grace Hopper", "US Navy", "--05-17")


@pytest.mark.parametrize("name", ["thunderbird-basic_addressbook.csv",
                                  "thunderbird-utf16_addressbook.csv",
                                  "thunderbird-export.csv", "thunderbird-quote.csv"])
def test_thunderbird_own_test_files_are_read_as_thunderbird(name):
    parsed = read_file(REAL / name)
    assert parsed.format == "thunderbird"
    assert parsed.contacts and all(c.name for c in parsed.contacts)


def test_thunderbird_export_keeps_the_title_and_the_note_with_its_unicode():
    two = read_file(REAL / "thunderbird-export.csv").contacts[1]
    assert (two.name, two.title) == ("contact number two", '"worker"')
    assert two.notes == "here's some unicode text…"


def test_outlook_keeps_the_second_and_third_e_mail_and_the_second_business_phone():
    tom = only(LAYOUT / "outlook_more_emails.csv")
    assert tom.emails == ["tom@work.example", "tom@home.example", "tom.baker@club.example"]
    assert tom.phones == ["+1 206 555 0100", "+1 206 555 0101"]  # the fax is not a phone


def test_a_spreadsheet_with_phone_numbers_and_org_columns():
    parsed = read_bytes(b"Full Name,Phone Numbers,org,Email\r\nAda Lovelace,+44 20 7946 0958,"
                        b"Analytical Engines,ada@example.com\r\n")
    (ada,) = parsed.contacts
    assert (ada.phones, ada.company) == (["+44 20 7946 0958"], "Analytical Engines")


def test_iphone_card_with_cr_cr_lf_and_a_base64_photo():
    data = (REAL / "ezvcard-John_Doe_IPHONE.vcf").read_bytes()
    assert b"\r\r\n" in data
    john = only(REAL / "ezvcard-John_Doe_IPHONE.vcf")
    assert john.name == "Mr. John Richter James Doe Sr."
    assert john.emails == ["john.doe@ibm.com"]
    assert (john.company, john.title) == ("IBM", "Money Counter")
    assert john.location == "New York, United States of America"
    assert len(john.phones) == 7


def test_android_cards_with_multi_line_quoted_printable_are_all_kept():
    parsed = read_file(REAL / "ezvcard-John_Doe_ANDROID.vcf")
    assert parsed.skipped == []
    assert len(parsed.contacts) == 6
    assert parsed.contacts[3].name == " ".join(["Ñ"] * 11)
    assert parsed.contacts[3].phones == ["123456", "234567", "3456789", "45678901"]


def test_lotus_notes_profile_line_does_not_cost_the_card():
    john = only(REAL / "ezvcard-John_Doe_LOTUS_NOTES.vcf")
    assert john.emails == ["john.doe@ibm.com", "billy_bob@gmail.com"]
    assert john.location == "New York, U.S.A."


def test_android_backslash_continued_address_and_comment_lines():
    assert only(REAL / "android-v21_adr_multiple_line.vcf").location == "Hamburg, Deutschland"
    note = only(REAL / "android-v21_invalid_comment_line.vcf").notes
    assert note == ("This is an (sharp ->#<- sharp) example. This message must NOT be ignored.")


def test_shift_jis_card_values_are_read_in_their_own_charset():
    parsed = read_file(REAL / "android-v21_japanese_1.vcf")
    assert parsed.contacts[0].name == "安藤ロイド"


def test_shift_jis_csv_is_detected_named_and_the_doubt_said():
    parsed = read_file(REAL / "thunderbird-shiftjis_addressbook.csv")
    assert parsed.encoding == "cp932"
    assert parsed.contacts[0].name == "名無しの権兵衛"
    assert "read as cp932" in parsed.warnings[0] and "cp949" in parsed.warnings[0]


def test_utf_16_without_a_bom_is_not_a_binary_file():
    text = (REAL / "thunderbird-basic_vcard_addressbook.vcf").read_text(encoding="utf-8")
    for codec in ("utf-16-le", "utf-16-be"):
        parsed = read_bytes(text.encode(codec))
        assert [c.name for c in parsed.contacts] == [c.name for c in read_bytes(
            text.encode()).contacts]
        assert not parsed.warnings


def test_eight_bit_quoted_printable_without_charset_and_a_bare_cr():
    # The Bat! writes cp1252 quoted-printable without naming a charset; a bare CR inside a note.
    card = (b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;ENCODING=QUOTED-PRINTABLE:M=FCller;J=FCrgen\r\n"
            b"FN;ENCODING=QUOTED-PRINTABLE:J=FCrgen M=FCller\r\nNOTE:first\rsecond\r\n"
            b"TEL;CELL:+49 170 1234567\r\nEND:VCARD\r\n")
    (juergen,) = read_bytes(card).contacts
    assert juergen.name == "Jürgen Müller"
    assert juergen.notes == "first\nsecond"


def test_apple_and_gmail_urls_lose_the_vcard_escape():
    card = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\n"
            "item1.URL;type=pref:http\\://www.example.com/ada\r\nEND:VCARD\r\n")
    assert read_bytes(card.encode()).contacts[0].website == "http://www.example.com/ada"


def test_a_card_is_skipped_only_when_it_has_nothing_to_know_the_person_by():
    parsed = read_file(REAL / "android-v21_im.vcf")
    assert parsed.contacts == []
    assert "no name" in parsed.skipped[0].reason


def test_a_linkedin_row_with_an_unclosed_quote_is_skipped_and_the_rest_imported():
    text = (LAYOUT / "linkedin_no_url.csv").read_text(encoding="utf-8").replace(
        "Marco,Rossi,,Acme", '"Marco,Rossi,,Acme', 1)
    parsed = read_bytes(text.encode())
    assert [c.name for c in parsed.contacts] == ["Priya Raman", "Lena Weber", "Sam Lee"]
    (skipped,) = parsed.skipped
    assert skipped.line == 6 and "quote" in skipped.reason


def test_a_bom_decoded_file_keeps_its_encoding_name():
    assert read_bytes(codecs.BOM_UTF8 + b"Name,Email\r\nAda,ada@example.com\r\n").encoding == (
        "utf-8-sig")
