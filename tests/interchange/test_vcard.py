from pathlib import Path

import vobject

from netkeeper.interchange import ContactRecord, read_bytes, read_file, write_vcard

FIXTURES = Path(__file__).parent / "fixtures"


def test_apple_card_with_item_groups_yearless_birthday_and_social_profile():
    parsed = read_file(FIXTURES / "apple.vcf")

    assert parsed.format == "vcard"
    rene, company = parsed.contacts
    assert rene.name == "René Lefèvre"
    assert (rene.given_name, rene.family_name) == ("René", "Lefèvre")
    assert rene.emails == ["rene@atelier.example.fr", "r.lefevre@example.com"]
    assert rene.phones == ["+33 6 12 34 56 78"]
    assert (rene.company, rene.title) == ("Atelier Lefèvre SARL", "Creative Director")
    assert rene.birthday == "--05-17"
    assert rene.notes == "Met at Maison&Objet 2023.\nLoves typography, coffee and bikes."
    assert rene.tags == ["Design", "Paris"]
    assert rene.linkedin_url == "https://www.linkedin.com/in/renelefevre"
    assert rene.website == "https://atelier.example.fr"
    assert rene.location == "Paris, France"
    assert rene.line == 1 and rene.source == "vcard"
    assert company.name == "Atelier Lefèvre"
    assert company.birthday == "1988-02-29"
    assert company.line == 22


def test_android_21_quoted_printable_with_soft_line_breaks():
    parsed = read_file(FIXTURES / "android.vcf")

    juergen, mama = parsed.contacts
    assert juergen.name == "Jürgen Müller"
    assert (juergen.given_name, juergen.family_name) == ("Jürgen", "Müller")
    assert juergen.notes == "Grüße aus München, kennt alle Straßenbahnfahrer"
    assert juergen.phones == ["+49 170 1234567", "089 123456"]
    assert mama.name == "Mama" and mama.phones == ["0049 171 7654321"]
    # the third card has no name, number or address at all
    assert [(s.line, s.reason) for s in parsed.skipped] == [
        (18, "no name, e-mail address, phone number or profile URL to know the person by")]


def test_vcard_4_truncated_birthday_tel_uri_and_linkedin_url():
    (ada,) = read_file(FIXTURES / "v4.vcf").contacts

    assert ada.birthday == "--12-10"
    assert ada.phones == ["+44-20-7946-0018"]
    assert ada.linkedin_url == "https://www.linkedin.com/in/ada-lovelace"
    assert ada.tags == ["mathematics", "book launch"]


def test_an_unreadable_value_loses_the_value_not_the_person():
    good = (FIXTURES / "v4.vcf").read_text(encoding="utf-8")
    broken = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Broken Bob\r\n"
              "EMAIL;TYPE=\"a\"b\":bob@example.com\r\nEND:VCARD\r\n")
    unfinished = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut Off\r\n"
    data = (good + broken + good + unfinished).encode("utf-8")

    parsed = read_bytes(data)

    assert [c.name for c in parsed.contacts] == ["Ada Lovelace", "Broken Bob", "Ada Lovelace"]
    assert [c.line for c in parsed.contacts] == [1, 11, 16]
    assert parsed.contacts[1].emails == []
    assert parsed.warnings == ["line 14: the EMAIL value could not be read and was left out; "
                               "the rest of the card was kept"]
    assert [s.line for s in parsed.skipped] == [26]
    assert "END:VCARD" in parsed.skipped[0].reason


def test_vcard_is_recognised_by_content_not_by_name(tmp_path):
    path = tmp_path / "export.txt"
    path.write_bytes(b"\xef\xbb\xbf" + (FIXTURES / "v4.vcf").read_bytes())

    assert read_file(path).format == "vcard"


def test_written_vcard_is_30_with_n_and_fn_and_reads_back(tmp_path):
    people = [
        ContactRecord(ref="7", name="Zoë O'Brien", given_name="Zoë", family_name="O'Brien",
                      emails=["zoe@cafe.example", "zoe@example.com"], phones=["+1 206 555 0147"],
                      company="Café; Ltd", title="Owner", notes="Roasts beans,\nloves jazz",
                      tags=["coffee", "Seattle"], birthday="--05-17",
                      linkedin_url="https://www.linkedin.com/in/zoe", website="https://cafe.example"),
        ContactRecord(name="Prince", emails=["prince@example.com"], birthday="1958-06-07"),
    ]
    path = tmp_path / "out.vcf"

    write_vcard(path, people)

    raw = path.read_bytes().decode("utf-8")
    cards = list(vobject.readComponents(raw))
    assert [c.version.value for c in cards] == ["3.0", "3.0"]
    assert all(c.contents.get("n") and c.contents.get("fn") for c in cards)
    assert "\r\n" in raw
    zoe, prince = read_file(path).contacts
    assert (zoe.name, zoe.given_name, zoe.family_name) == ("Zoë O'Brien", "Zoë", "O'Brien")
    assert zoe.emails == people[0].emails and zoe.phones == people[0].phones
    assert (zoe.company, zoe.title) == ("Café; Ltd", "Owner")
    assert zoe.notes == "Roasts beans,\nloves jazz"
    assert zoe.tags == ["coffee", "Seattle"]
    assert zoe.birthday == "--05-17"
    assert (zoe.linkedin_url, zoe.website) == (people[0].linkedin_url, people[0].website)
    assert prince.name == "Prince" and prince.birthday == "1958-06-07"


def test_written_vcard_is_deterministic(tmp_path):
    people = [ContactRecord(name="Ana Lima", emails=["ana@example.com"], tags=["a", "b"])]
    write_vcard(tmp_path / "one.vcf", people)
    write_vcard(tmp_path / "two.vcf", people)

    assert (tmp_path / "one.vcf").read_bytes() == (tmp_path / "two.vcf").read_bytes()
