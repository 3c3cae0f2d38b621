"""Contacts and health through the services; the aggregate path agrees with the pure one."""

import datetime as dt

import pytest

from netkeeper.core.errors import NotFound, UserError
from netkeeper.core.health import compute_health, facts_from_touches
from netkeeper.services import contacts as svc
from netkeeper.services.demo import generate_demo
from netkeeper.services.facts import gather_facts, health_for_all
from netkeeper.services.interactions import log_interaction, touches, trash_interaction
from netkeeper.store.models import Contact, Interaction


def test_health_for_all_from_aggregates_matches_each_contact_computed_alone(db, today):
    generate_demo(60, 7, today)
    everyone = health_for_all(today)
    assert len(everyone) == 60
    for contact in Contact.select():
        alone = compute_health(facts_from_touches(touches(contact.id), contact.cadence_days,
                                                  today), today)
        assert everyone[contact.id] == alone, contact.name


def test_everyone_at_once_reads_the_same_facts_as_the_same_contacts_asked_for_by_id(db, today):
    generate_demo(30, 5, today)
    never = svc.add_contact("Never Met", today)
    trashed = svc.add_contact("In The Trash", today)
    log_interaction([trashed], kind="call", on=today, today=today)
    svc.trash_contact(trashed, today)
    everyone = gather_facts(today)
    ids = sorted(c.id for c in Contact.select().where(Contact.deleted_on.is_null()))
    assert sorted(everyone) == ids  # the trashed contact left out, the new one in
    assert everyone == gather_facts(today, ids)
    assert health_for_all(today)[never].status == "new"
    assert everyone[never].last_interaction is None and everyone[never].given == 0


def test_the_health_of_everyone_takes_a_fixed_number_of_queries(db, today):
    generate_demo(40, 3, today)
    statements = []
    db_obj = db
    original = db_obj.execute_sql

    def counting(sql, params=None, *args, **kwargs):
        statements.append(sql)
        return original(sql, params, *args, **kwargs)

    db_obj.execute_sql = counting
    try:
        gather_facts(today)
    finally:
        db_obj.execute_sql = original
    assert len(statements) <= 4


def test_find_by_id_or_name_and_ambiguity_lists_candidates(db, today):
    a = svc.add_contact("Ada Lovelace", today)
    svc.add_contact("Ada Byron", today)
    assert svc.find_contact(str(a)).name == "Ada Lovelace"
    assert svc.find_contact("ada lovelace").id == a
    with pytest.raises(UserError, match="matches several contacts: Ada Lovelace"):
        svc.find_contact("Ada")
    with pytest.raises(NotFound, match="No contact matches 'Zed'"):
        svc.find_contact("Zed")


def test_adding_checks_input_and_writes_nothing_on_error(db, today):
    with pytest.raises(UserError, match="not an email address"):
        svc.add_contact("Bad", today, emails=["not-an-email"])
    with pytest.raises(UserError, match="cadence"):
        svc.add_contact("Bad", today, cadence_days=0)
    with pytest.raises(UserError, match="needs a name"):
        svc.add_contact("  ", today)
    assert Contact.select().count() == 0


def test_a_tag_with_a_cadence_gives_new_contacts_that_cadence(db, today):
    from netkeeper.store.models import Tag
    Tag.create(name="mentors", cadence_days=30)
    cid = svc.add_contact("Grace", today, tags=["mentors"])
    assert Contact.get_by_id(cid).cadence_days == 30


def test_list_filters_by_search_status_and_tag(db, today):
    a = svc.add_contact("Ada", today, emails=["ada@engines.example"], tags=["mentors"],
                        company="Analytical")
    b = svc.add_contact("Bob", today)
    log_interaction([a], kind="call", on=today, today=today)
    assert [c.id for c in svc.list_contacts(today, search="ENGINES")] == [a]
    assert [c.id for c in svc.list_contacts(today, tag="mentors")] == [a]
    assert [c.id for c in svc.list_contacts(today, status="new")] == [b]
    log_interaction([b], kind="call", on=today - dt.timedelta(days=3000), today=today)
    assert [c.id for c in svc.list_contacts(today, status="dormant")] == [b]
    with pytest.raises(UserError, match="Unknown status"):
        svc.list_contacts(today, status="happy")


def test_trash_hides_and_restore_brings_back(db, today):
    a = svc.add_contact("Ada", today)
    iid = log_interaction([a], kind="call", on=today, today=today)
    trash_interaction(iid, today)
    assert Interaction.get_by_id(iid).deleted_on == today
    assert gather_facts(today)[a].last_interaction is None
    svc.trash_contact(a, today)
    assert svc.list_contacts(today) == []
    with pytest.raises(NotFound):
        svc.find_contact("Ada")
    svc.restore_contact("ada")
    assert [c.name for c in svc.list_contacts(today)] == ["Ada"]


def test_logging_with_an_unknown_kind_writes_nothing(db, today):
    a = svc.add_contact("Ada", today)
    with pytest.raises(UserError, match="Unknown kind 'dance'"):
        log_interaction([a], kind="dance", on=today, today=today)
    assert Interaction.select().count() == 0


def test_demo_is_the_same_for_the_same_seed_and_covers_every_status(tmp_path, today):
    from netkeeper.services.exports import contact_records, interaction_records
    from netkeeper.store.db import close_database, open_database

    snapshots = []
    for name in ("one", "two"):
        open_database(tmp_path / f"{name}.sqlite")
        generate_demo(200, 42, today)
        snapshots.append((contact_records(), list(interaction_records())))
        statuses = {h.status for h in health_for_all(today).values()}
        close_database()
    assert snapshots[0] == snapshots[1]
    assert statuses == {"thriving", "steady", "cooling", "at risk", "dormant", "new"}
    kinds = {i.kind for i in snapshots[0][1]}
    assert kinds >= {"meeting", "call", "message", "email", "social", "favour"}
    assert {i.initiated_by for i in snapshots[0][1]} == {"me", "them"}
    assert {i.exchange for i in snapshots[0][1]} >= {"gave", "received", "none"}


def test_history_starts_when_the_contact_was_added(db, today):
    from netkeeper.services.profile import health_history
    fresh = svc.add_contact("Fresh", today)
    assert [d for d, _ in health_history(fresh, today)] == [today]
    added = today - dt.timedelta(days=45)
    met = svc.add_contact("Met", added)
    points = health_history(met, today)
    assert points[0][0] == added and points[-1][0] == today
    assert all(added <= d <= today for d, _ in points) and len(points) == 3
    older = svc.add_contact("Imported late", today)  # history older than the contact record
    log_interaction([older], kind="call", on=today - dt.timedelta(days=70), today=today)
    assert health_history(older, today)[0][0] == today - dt.timedelta(days=70)


def test_demo_refuses_a_database_that_has_contacts(db, today):
    svc.add_contact("Ada", today)
    with pytest.raises(UserError, match="already has contacts"):
        generate_demo(10, 1, today)
    assert Contact.select().count() == 1


def test_history_has_one_point_per_month_and_today(db, today):
    from netkeeper.services.profile import health_history
    a = svc.add_contact("Ada", today - dt.timedelta(days=400))
    log_interaction([a], kind="call", on=today - dt.timedelta(days=100), today=today)
    points = health_history(a, today)
    assert len(points) == 13 and points[-1][0] == today
    assert points[0][1] == compute_health(facts_from_touches([], 90, points[0][0]),
                                          points[0][0]).score


def test_the_kept_summaries_match_the_history_after_every_kind_of_write(db, today, tmp_path):
    """The fast path (summary rows) and the exact path (scanning interactions) agree."""
    from netkeeper.services import facts as facts_module
    from netkeeper.services.exports import export
    from netkeeper.services.imports import import_file
    from netkeeper.services.interactions import restore_interaction, update_interaction

    generate_demo(30, 9, today)
    a, b = svc.add_contact("Ada", today), svc.add_contact("Bob", today)
    group = log_interaction([a, b], kind="meeting", on=today, today=today, initiated_by="them",
                            exchange="received", size="large")
    update_interaction(group, today, exchange="gave", size=2)
    gone = log_interaction([a], kind="call", on=today, today=today)
    trash_interaction(gone, today)
    back = log_interaction([b], kind="message", on=today, today=today, initiated_by="them")
    trash_interaction(back, today)
    restore_interaction(back, today)
    export("interactions", tmp_path / "i.csv", today)
    import_file(tmp_path / "i.csv", today=today)  # a re-import adds nothing

    fast = facts_module.gather_facts(today)
    exact = {cid: facts_module._summaries([cid], today).get(cid) for cid in fast}
    for cid, f in fast.items():
        if exact[cid] is None:
            assert f.last_interaction is None
            continue
        last, _, got, given, received, rhythm, n, last_in = exact[cid]
        assert (f.last_interaction, f.last_received, f.given, f.received,
                f.unanswered_inbound, f.last_unanswered_inbound) == (
            last, got, given, received, n, last_in)
        assert f.rhythm_weight == pytest.approx(rhythm / facts_module.growth(today))


def test_a_today_before_the_newest_interaction_counts_only_what_had_happened(db, today):
    a = svc.add_contact("Ada", today)
    log_interaction([a], kind="favour", on=today, today=today, initiated_by="them",
                    exchange="received")
    earlier = today - dt.timedelta(days=10)
    f = gather_facts(earlier)[a]
    assert (f.last_interaction, f.received) == (None, 0)
