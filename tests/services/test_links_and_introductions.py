"""Links between contacts and the introduction ledger, through the services on a real database."""

import datetime as dt

import pytest

from netkeeper.core.errors import NotFound, UserError
from netkeeper.services import queue
from netkeeper.services.contacts import add_contact, trash_contact
from netkeeper.services.facts import gather_facts
from netkeeper.services.introductions import introduce, introduced_by
from netkeeper.services.links import link, links_of, unlink
from netkeeper.services.profile import contact_detail
from netkeeper.store.models import ContactLink, FollowUp, Interaction, Introduction


def test_directed_links_read_correctly_from_each_side(db, today):
    ada, bob = add_contact("Ada", today), add_contact("Bob", today)
    link(ada, bob, "mentor", today, since=dt.date(2020, 3, 1))
    assert [(v.name, v.role, v.since) for v in links_of(ada).links] == [
        ("Bob", "mentor", dt.date(2020, 3, 1))]
    assert [(v.name, v.role) for v in links_of(bob).links] == [("Ada", "mentee")]
    link(bob, ada, "mentor", today)  # relinking the pair turns it around: one link per pair
    assert ContactLink.select().count() == 1
    assert [v.role for v in links_of(ada).links] == ["mentee"]
    assert links_of(ada).links[0].since == dt.date(2020, 3, 1)  # the date is kept


def test_symmetric_and_typed_kinds_show_on_both_pages(db, today):
    ada, bob = add_contact("Ada", today), add_contact("Bob", today)
    link(ada, bob, "Climbing partner", today)
    assert links_of(ada).links[0].role == links_of(bob).links[0].role == "climbing partner"


def test_unlink_removes_the_link_and_an_unknown_pair_is_a_clear_error(db, today):
    ada, bob, cy = (add_contact(n, today) for n in ("Ada", "Bob", "Cy"))
    link(ada, bob, "friend", today)
    assert unlink(bob, ada) == "friend"
    assert links_of(ada).links == []
    with pytest.raises(NotFound, match="Ada and Cy are not linked"):
        unlink(ada, cy)
    with pytest.raises(UserError, match="future"):
        link(ada, bob, "friend", today, since=today + dt.timedelta(days=1))
    assert ContactLink.select().count() == 0


def test_colleagues_are_implied_by_a_shared_company_and_not_stored(db, today):
    ada = add_contact("Ada", today, company="Acme")
    bob = add_contact("Bob", today, company=" acme ")
    add_contact("Cy", today, company="Zeta")
    dee = add_contact("Dee", today, company="Acme")
    link(ada, dee, "friend", today)  # an explicit link is not listed twice
    people = links_of(ada)
    assert [v.contact_id for v in people.implied] == [bob]
    assert people.implied[0].implied and people.implied_count == 1
    assert ContactLink.select().count() == 1
    trash_contact(bob, today)
    assert links_of(ada).implied == []


def test_you_introduce_two_people_a_favour_to_each_and_a_check_a_week_later(db, today):
    ada, bob = add_contact("Ada", today), add_contact("Bob", today)
    on = today - dt.timedelta(days=2)
    intro_id = introduce(ada, bob, today, on=on, note="both build compilers")
    interaction = Interaction.get()
    assert (interaction.kind, interaction.exchange, interaction.size) == ("intro", "gave", 2)
    assert {c.contact_id for c in interaction.links} == {ada, bob}
    facts = gather_facts(today)
    assert facts[ada].given == facts[bob].given == 2 and facts[ada].balance == 2
    check = FollowUp.get(FollowUp.kind == "intro_check")
    assert check.title == "Did Ada and Bob meet?"
    assert check.due == on + dt.timedelta(days=7)
    assert ContactLink.select().count() == 0  # not until they have met

    queue.done(check.id, today, "they are writing a paper together")
    assert Introduction.get_by_id(intro_id).outcome == "they are writing a paper together"
    [met] = links_of(ada).links
    assert (met.name, met.role, met.since) == ("Bob", "acquaintance", on)
    logged = Interaction.select().order_by(Interaction.id.desc()).get()
    assert {c.contact_id for c in logged.links} == {ada, bob}
    assert "writing a paper" in logged.notes and logged.summary == check.title
    assert links_of(ada).you_introduced_them_to == 1


def test_dismissing_the_check_links_nobody(db, today):
    ada, bob = add_contact("Ada", today), add_contact("Bob", today)
    introduce(ada, bob, today)
    queue.dismiss(FollowUp.get(FollowUp.kind == "intro_check").id, today)
    assert ContactLink.select().count() == 0


def test_two_introductions_of_the_same_person_are_two_checks(db, today):
    ada, bob, cy = (add_contact(n, today) for n in ("Ada", "Bob", "Cy"))
    introduce(ada, bob, today)
    introduce(ada, cy, today)
    assert FollowUp.select().where(FollowUp.kind == "intro_check").count() == 2


def test_someone_introduces_you_a_favour_received_thank_then_ask_how_to_support(db, today):
    carol, ada = add_contact("Carol", today), add_contact("Ada", today)
    introduced_by(ada, carol, today)
    facts = gather_facts(today)
    assert facts[carol].received == 2 and facts[carol].balance == -2
    assert facts[ada].received == 0  # Ada did you no favour
    items = {f.kind: f for f in FollowUp.select().where(FollowUp.contact == carol)}
    assert set(items) == {"thank", "ask_support"}
    assert items["thank"].due < items["ask_support"].due
    assert "introduced you to Ada" in items["thank"].detail
    [by] = links_of(ada).links
    assert (by.name, by.role, by.kind) == ("Carol", "introduced you", "introduced-by")
    assert links_of(carol).links[0].role == "introduced to you"
    assert links_of(carol).introduced_you_to == 1
    before = contact_detail(carol, today).health_detail.components["reciprocity"]
    queue.done(items["thank"].id, today)
    assert contact_detail(carol, today).health_detail.components["reciprocity"] == before


def test_intro_counts_on_the_contact_page(db, today):
    carol = add_contact("Carol", today)
    people = [add_contact(f"P{i}", today) for i in range(4)]
    for p in people:
        introduced_by(p, carol, today)
    introduce(carol, people[0], today)
    introduce(people[1], carol, today)
    detail = contact_detail(carol, today)
    assert detail.people.intro_sentence() == ("introduced you to 4 people; "
                                              "you introduced them to 2")
    data = detail.to_json()
    assert data["introduced_you_to"] == 4 and data["you_introduced_them_to"] == 2
    assert {"timeline", "followups", "health_detail", "balance"} <= set(data)  # kept


def test_introductions_refuse_nonsense_and_write_nothing(db, today):
    ada = add_contact("Ada", today)
    with pytest.raises(UserError, match="two different people"):
        introduce(ada, ada, today)
    with pytest.raises(UserError, match="future"):
        introduce(ada, add_contact("Bob", today), today, on=today + dt.timedelta(days=1))
    with pytest.raises(NotFound):
        introduced_by(ada, 999, today)
    assert Interaction.select().count() == 0 and Introduction.select().count() == 0
