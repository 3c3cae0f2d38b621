"""Merging two contacts by hand, undoing it from the trash, and the list of likely duplicates."""

import json

import pytest

from netkeeper.cli import run
from netkeeper.core.errors import UserError
from netkeeper.services import campaigns as camp
from netkeeper.services.contacts import add_contact, restore_contact
from netkeeper.services.interactions import log_interaction
from netkeeper.services.merging import find_duplicates, merge_contacts
from netkeeper.services.profile import contact_detail
from netkeeper.store.models import Ask, Contact, ContactMerge


def snapshot(cid, today):
    d = contact_detail(cid, today)
    return (d.summary.name, d.summary.emails, d.phones, d.summary.company, d.summary.title,
            d.notes, d.summary.tags, [(t.date, t.kind, t.summary) for t in d.timeline],
            sorted((f.kind, f.title) for f in d.followups), d.given, d.received,
            sorted(a.campaign_id for a in Ask.select().where(Ask.contact == cid)))


@pytest.fixture
def pair(db, today):
    ada = add_contact("Ada Lovelace", today, emails=["ada@work.example"], tags=["mentors"],
                      notes="Met at the Royal Society")
    king = add_contact("Ada King", today, emails=["ada@home.example", "ada@work.example"],
                       phones=["+44 20 7946 0958"], tags=["mentors", "family"],
                       company="Analytical Engines", notes="Loves poetry")
    log_interaction([ada], kind="call", on=today.replace(day=1), today=today)
    log_interaction([king], kind="favour", exchange="received", size=2,
                    on=today.replace(day=10), today=today, summary="Reviewed my draft")
    log_interaction([ada, king], kind="meeting", on=today.replace(day=5), today=today)
    campaign = camp.create_campaign("Launch", today)
    task = camp.add_task(campaign, "Share the post")
    Ask.create(campaign=campaign, task=task, contact=king, status="asked")
    return ada, king


def test_merge_gives_the_kept_contact_the_union_and_trashes_the_other(pair, today):
    ada, king = pair
    result = merge_contacts(ada, king, today)
    kept = contact_detail(ada, today)
    assert kept.summary.emails == ["ada@work.example", "ada@home.example"]
    assert kept.phones == ["+44 20 7946 0958"]
    assert kept.summary.company == "Analytical Engines"
    assert kept.notes == "Met at the Royal Society\n\nLoves poetry"
    assert kept.summary.tags == ["family", "mentors"]
    assert [t.summary for t in kept.timeline if t.summary] == ["Reviewed my draft"]
    assert len(kept.timeline) == 3 and kept.received == 2
    assert [f.kind for f in kept.followups] == ["ask_support"]
    assert Ask.get().contact_id == ada
    assert Contact.get_by_id(king).deleted_on == today
    assert result.moved["interactions"] == 1 and result.moved["asks"] == 1


def test_undelete_brings_both_back_as_they_were(pair, today):
    ada, king = pair
    before = snapshot(ada, today), snapshot(king, today)
    merge_contacts(ada, king, today)
    assert restore_contact(str(king)) == "Ada King"
    assert (snapshot(ada, today), snapshot(king, today)) == before
    assert ContactMerge.select().count() == 0


def test_merging_is_refused_for_the_same_or_a_trashed_contact(pair, today):
    ada, king = pair
    with pytest.raises(UserError, match="itself"):
        merge_contacts(ada, ada, today)
    merge_contacts(ada, king, today)
    with pytest.raises(UserError, match=f"No contact with id {king}"):
        merge_contacts(ada, king, today)


def test_a_merge_that_fails_half_way_changes_nothing(pair, today, monkeypatch):
    ada, king = pair
    before = snapshot(ada, today), snapshot(king, today)
    import netkeeper.services.merging as merging

    def boom(*args):
        raise RuntimeError("disk full")
    monkeypatch.setattr(merging, "history_changed", boom)
    with pytest.raises(RuntimeError):
        merge_contacts(ada, king, today)
    assert (snapshot(ada, today), snapshot(king, today)) == before


def test_duplicates_lists_same_names_and_shared_addresses_once_each(db, today):
    a = add_contact("Grace Hopper", today, emails=["grace@navy.example"])
    b = add_contact("Grace Hopper", today, emails=["grace@home.example"])
    c = add_contact("Ana Ruiz", today, emails=["ruiz@home.example"])
    d = add_contact("Pedro Ruiz", today, emails=["ruiz@home.example"])
    add_contact("Alan Turing", today)
    found = {(s["contact_id"], tuple(o["id"] for o in s["similar"])): s["reason"]
             for s in find_duplicates()}
    assert found == {(a, (b,)): "same name, different e-mail, phone and profile",
                     (c, (d,)): "the same e-mail address or phone number, under another name"}


def test_merge_and_duplicates_from_the_command_line(tmp_path, capsys):
    db = ["--db", str(tmp_path / "nk.sqlite"), "--today", "2026-11-22"]
    assert run(db + ["add", "Grace Hopper", "--email", "grace@navy.example"]) == 0
    assert run(db + ["add", "Grace Hopper", "--email", "grace@home.example"]) == 0
    capsys.readouterr()
    assert run(db + ["duplicates", "--json"]) == 0
    (item,) = json.loads(capsys.readouterr().out)
    assert (item["contact_id"], item["similar"][0]["id"]) == (1, 2)
    assert run(db + ["merge", "1", "2", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["moved"]["emails"] == 1
    assert run(db + ["duplicates"]) == 0
    assert capsys.readouterr().out == "No likely duplicates.\n"
    assert run(db + ["merge", "1", "1"]) == 1
    assert capsys.readouterr().err == "netkeeper: A contact cannot be merged with itself.\n"
    assert run(db + ["undelete", "2"]) == 0
    capsys.readouterr()
    assert run(db + ["show", "1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["emails"] == ["grace@navy.example"]


def test_a_file_naming_a_merged_away_contact_again_finds_the_one_it_was_merged_into(
        db, today):
    from pathlib import Path

    from netkeeper.services.imports import import_file

    layout = Path(__file__).parent.parent / "interchange" / "fixtures" / "layout"
    import_file(layout / "linkedin_no_url.csv", today=today)
    priya = Contact.get(Contact.name == "Priya Raman").id
    keep = add_contact("Priya Raman-Shah", today, company="Initech", emails=["p@initech.example"])
    merge_contacts(keep, priya, today)
    again = import_file(layout / "linkedin_no_url.csv", today=today)
    assert (again.created, again.merged) == (0, 4)
