"""Import keeps the relations files carry, where the named person is a contact."""

from netkeeper.interchange.readers import read_bytes
from netkeeper.services.contacts import add_contact
from netkeeper.services.imports import import_file
from netkeeper.services.links import links_of
from netkeeper.store.models import ContactLink

VCARDS = """BEGIN:VCARD
VERSION:4.0
FN:John Doe
EMAIL:john@example.com
RELATED;TYPE=spouse:Jane Doe
RELATED;TYPE=co-worker;VALUE=uri:mailto:rita@example.com
RELATED;TYPE=friend:urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6
RELATED;TYPE=friend:Nobody We Know
END:VCARD
BEGIN:VCARD
VERSION:4.0
FN:Jane Doe
END:VCARD
"""

GOOGLE = ("First Name,Last Name,E-mail 1 - Label,E-mail 1 - Value,Relation 1 - Label,"
          "Relation 1 - Value,Relation 2 - Label,Relation 2 - Value\n"
          "Maya,Chen,Work,maya@example.com,Manager,Jon Park,Referred by,Ada Lovelace\n"
          "Jon,Park,Work,jon@example.com,,,,\n")

OUTLOOK = ("First Name,Last Name,E-mail Address,Job Title,Categories,Manager's Name,"
           "Assistant's Name,Spouse,Referred By\n"
           "Lee,Wong,lee@example.com,CTO,Work,Jon Park,Pat Kim,Sam Wong,\n"
           "Pat,Kim,pat@example.com,Assistant,Work,,,,\n")


def test_readers_copy_the_relations_into_the_plain_record():
    cards = read_bytes(VCARDS.encode()).contacts
    assert cards[0].related[:2] == [("spouse", "Jane Doe"),
                                    ("co-worker", "mailto:rita@example.com")]
    google = read_bytes(GOOGLE.encode())
    assert google.format == "google"
    assert google.contacts[0].related == [("Manager", "Jon Park"), ("Referred by", "Ada Lovelace")]
    outlook = read_bytes(OUTLOOK.encode())
    assert outlook.format == "outlook"
    assert outlook.contacts[0].related == [("manager", "Jon Park"), ("assistant", "Pat Kim"),
                                           ("spouse", "Sam Wong")]
    assert outlook.contacts[1].related == []


def test_a_vcard_import_links_the_people_it_names_who_are_contacts(db, today, tmp_path):
    rita = add_contact("Rita", today, emails=["rita@example.com"])
    path = tmp_path / "people.vcf"
    path.write_text(VCARDS)
    result = import_file(path, today=today)
    assert result.links == 2 and result.to_json()["links"] == 2
    john = next(c for c in links_of(rita).links)
    assert (john.name, john.role) == ("John Doe", "colleague")
    jane_links = [(v.name, v.role) for c in [john.contact_id] for v in links_of(c).links]
    assert ("Jane Doe", "partner") in jane_links
    again = import_file(path, today=today)  # re-importing makes nothing new
    assert again.links == 0 and ContactLink.select().count() == 2


def test_directed_relations_from_google_and_outlook_read_the_right_way(db, today, tmp_path):
    ada = add_contact("Ada Lovelace", today)
    (tmp_path / "google.csv").write_text(GOOGLE)
    assert import_file(tmp_path / "google.csv", today=today).links == 2
    maya = links_of(ada).links[0]
    assert (maya.name, maya.role) == ("Maya Chen", "introduced to you")
    jon = [v for v in links_of(maya.contact_id).links if v.name == "Jon Park"][0]
    assert jon.role == "manager"
    (tmp_path / "outlook.csv").write_text(OUTLOOK)
    assert import_file(tmp_path / "outlook.csv", today=today).links == 2  # Sam is no contact
    pat = [v for v in links_of(jon.contact_id).links if v.name == "Lee Wong"][0]
    assert pat.role == "report"


def test_a_name_two_contacts_share_is_never_guessed_and_a_dry_run_writes_nothing(
        db, today, tmp_path):
    add_contact("Jane Doe", today, company="Acme")  # two Jane Does: the name is ambiguous
    add_contact("Jane Doe", today, company="Zeta")
    add_contact("Rita", today, emails=["rita@example.com"])
    path = tmp_path / "people.vcf"
    path.write_text(VCARDS)
    assert import_file(path, today=today, dry_run=True).links == 1  # Rita only
    assert ContactLink.select().count() == 0


RFC6350_EXAMPLES = """BEGIN:VCARD
VERSION:4.0
FN:Mr. John Q. Public\\, Esq.
EMAIL:jqpublic@example.com
RELATED;TYPE=friend:urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6
RELATED;TYPE=contact:http://example.com/directory/jdoe.vcf
RELATED;TYPE=co-worker;VALUE=text:Please contact my assistant Jane
 Doe for any inquiries.
END:VCARD
"""


def test_the_rfc_6350_related_examples_are_read_and_nothing_is_guessed(db, today, tmp_path):
    """RFC 6350 section 6.6.6's three examples: a UUID, a URL and a sentence of text."""
    add_contact("Jane Doe", today)
    card = read_bytes(RFC6350_EXAMPLES.encode()).contacts[0]
    assert [kind for kind, _ in card.related] == ["friend", "contact", "co-worker"]
    path = tmp_path / "rfc.vcf"
    path.write_text(RFC6350_EXAMPLES)
    assert import_file(path, today=today).links == 0
    assert ContactLink.select().count() == 0
