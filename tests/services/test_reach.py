"""Who can get me there: paths to a contact, a company or a tag through people you may ask."""

import datetime as dt

import pytest

from netkeeper.core.errors import NotFound
from netkeeper.services.contacts import add_contact, set_archived
from netkeeper.services.interactions import log_interaction
from netkeeper.services.links import link
from netkeeper.services.reach import reach


def alive(cid, today, **kw):
    log_interaction([cid], kind="meeting", on=today - dt.timedelta(days=3), today=today, **kw)
    return cid


@pytest.fixture
def network(db, today):
    """You know Maya and Lee well; Maya worked with Jon at Acme; Lee knows Maya's friend Sam,
    who is Jon's partner; Olga is overdrawn, Dora is dormant, both linked to Jon."""
    c = {n: add_contact(n, today, company=co) for n, co in (
        ("Maya", "Studio"), ("Lee", ""), ("Jon", "Acme"), ("Sam", ""), ("Olga", ""),
        ("Dora", ""), ("Ivy", "Acme"))}
    alive(c["Maya"], today, exchange="gave", size=3)
    alive(c["Lee"], today)
    alive(c["Olga"], today, exchange="received", initiated_by="them")
    log_interaction([c["Dora"]], kind="call", on=today - dt.timedelta(days=2000), today=today)
    link(c["Maya"], c["Jon"], "colleague", today, since=dt.date(2018, 1, 1))
    link(c["Lee"], c["Sam"], "friend", today)
    link(c["Sam"], c["Jon"], "partner", today)
    link(c["Olga"], c["Jon"], "family", today)
    link(c["Dora"], c["Jon"], "family", today)
    return c


def test_paths_to_a_person_ranked_with_reasons_and_campaign_rules(network, today):
    result = reach("Jon", today)
    firsts = [p.first.name for p in result.paths]
    assert firsts[0] == "Maya"
    assert result.paths[0].reason == ("Maya (thriving, you gave 3) worked with Jon at Acme "
                                      "(linked since 2018)")
    assert "Olga" not in firsts and "Dora" not in firsts
    assert result.excluded["overdrawn"] == 1 and result.excluded["dormant"] >= 1
    lee = next(p for p in result.paths if p.first.name == "Lee")
    assert lee.hops == 2
    assert lee.reason.startswith("Lee (thriving) is a friend of Sam, who is Jon's partner")
    assert all(p.strength > 0 for p in result.paths)
    assert [p.strength for p in result.paths] == sorted((p.strength for p in result.paths),
                                                        reverse=True)


def test_a_shared_company_counts_as_a_link_to_the_target(network, today):
    alive(network["Ivy"], today)
    ivy = next(p for p in reach("Jon", today).paths if p.first.name == "Ivy")
    assert ivy.edges[0].implied and ivy.reason.startswith("Ivy (thriving) works with Jon")


def test_a_company_or_a_tag_as_target_and_people_you_know_there(network, today):
    alive(network["Ivy"], today)
    result = reach("acme", today)
    assert result.target.kind == "company" and sorted(result.target.ids) == sorted(
        [network["Jon"], network["Ivy"]])
    direct = next(p for p in result.paths if p.first.name == "Ivy")
    assert direct.hops == 0 and "you know them yourself" in direct.reason
    assert "Maya" in [p.first.name for p in result.paths]
    add_contact("Zed", today, tags=["publishers"])
    link(network["Lee"], add_contact("Pia", today, tags=["publishers"]), "colleague", today)
    tagged = reach("tag:publishers", today)
    assert tagged.target.kind == "tag"
    assert [p.first.name for p in tagged.paths] == ["Lee"]


def test_archived_people_are_not_asked_and_unknown_targets_are_clear_errors(network, today):
    set_archived(network["Maya"], True)
    assert "Maya" not in [p.first.name for p in reach("Jon", today).paths]
    with pytest.raises(NotFound, match="no contact, tag or company"):
        reach("Nobody At All", today)
    with pytest.raises(NotFound, match="No tag named"):
        reach("tag:nothing", today)


def test_the_limit_keeps_the_strongest(network, today):
    assert [p.first.name for p in reach("Jon", today, limit=1).paths] == ["Maya"]


def test_a_campaign_task_aimed_at_a_company_prefers_helpers_who_can_reach_it(network, today):
    from netkeeper.services import campaigns

    for i in range(3):  # healthier people who know nobody at Acme
        alive(add_contact(f"Fan {i}", today), today, exchange="gave", size=3)
    cid = campaigns.create_campaign("Meet Acme", today)
    campaigns.add_task(cid, "Introduce me to someone at Acme", 5, 2, reach="company:acme")
    plan = campaigns.plan(cid, today)
    assert {a.contact_name for a in plan.asks} == {"Maya", "Lee"}
    assert all("can reach Acme" in a.reason for a in plan.asks)
    assert campaigns.show(cid, today).tasks[0]["reach"] == "Acme"
    with pytest.raises(NotFound):
        campaigns.add_task(cid, "Meet them", reach="company:Nowhere")
