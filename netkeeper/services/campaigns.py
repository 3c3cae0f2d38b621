"""Campaigns: create, add tasks, plan, launch, track asks and close the reciprocity loop."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import peewee as pw

from netkeeper.core.campaigns import (
    ASK_STATUSES,
    OPEN_ASK_STATUSES,
    Candidate,
    Plan,
    PlannedAsk,
    TaskSpec,
    load_text,
    plan_campaign,
    reciprocity_effects,
    transition,
)
from netkeeper.core.dates import check_in_range
from netkeeper.core.errors import NotFound, UserError
from netkeeper.core.followups import thank_draft
from netkeeper.core.health import compute_health
from netkeeper.core.text import clean_field
from netkeeper.services import queue
from netkeeper.services.contacts import tags_by_contact
from netkeeper.services.facts import as_date, gather_facts, raw_rows
from netkeeper.services.interactions import log_interaction
from netkeeper.services.reach import reachers as reach_paths
from netkeeper.services.reach import resolve_target
from netkeeper.store.models import (
    Ask,
    Campaign,
    CampaignTask,
    Contact,
    FollowUp,
    Setting,
    database_proxy,
)

COOLDOWN_KEY = "campaign_cooldown_days"
DEFAULT_COOLDOWN = 30
LOAD_WINDOW_DAYS = 90


@dataclass
class AskView:
    id: int
    contact_id: int
    contact: str
    task_id: int
    task: str
    status: str
    reason: str
    asked_on: dt.date | None
    load: str = ""

    def to_json(self) -> dict:
        return {"id": self.id, "contact_id": self.contact_id, "contact": self.contact,
                "task_id": self.task_id, "task": self.task, "status": self.status,
                "reason": self.reason,
                "asked_on": self.asked_on.isoformat() if self.asked_on else None,
                "load": self.load}


@dataclass
class CampaignView:
    id: int
    title: str
    goal: str
    due: dt.date | None
    status: str
    tasks: list[dict] = field(default_factory=list)
    asks: list[AskView] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        found = Counter(a.status for a in self.asks)
        return {s: found.get(s, 0) for s in ASK_STATUSES}

    def to_json(self) -> dict:
        return {"id": self.id, "title": self.title, "goal": self.goal,
                "due": self.due.isoformat() if self.due else None, "status": self.status,
                "tasks": self.tasks, "asks": [a.to_json() for a in self.asks],
                "counts": self.counts}


def cooldown_days() -> int:
    row = Setting.get_or_none(Setting.key == COOLDOWN_KEY)
    return int(row.value) if row else DEFAULT_COOLDOWN


def set_cooldown_days(days: int) -> None:
    if not 0 <= days <= 3650:
        raise UserError("The cool-down is a number of days between 0 and 3650.")
    Setting.replace(key=COOLDOWN_KEY, value=str(days)).execute()


def create_campaign(title: str, today: dt.date, goal: str = "",
                    due: dt.date | None = None) -> int:
    title = clean_field(title, "title")
    goal = clean_field(goal, "goal", multiline=True)
    if due is not None:
        check_in_range(due, "campaign's due date")
    if not title.strip():
        raise UserError("A campaign needs a title.")
    return Campaign.create(title=title.strip(), goal=goal.strip(), due=due,
                           created_on=today).id


def get_campaign(campaign_id: int) -> Campaign:
    found = Campaign.get_or_none(Campaign.id == campaign_id)
    if found is None:
        raise NotFound(f"No campaign with id {campaign_id}.")
    return found


def get_active(campaign_id: int) -> Campaign:
    """A campaign that can still change: a closed one takes no new tasks and no ask moves."""
    campaign = get_campaign(campaign_id)
    if campaign.status != "active":
        raise UserError(f"Campaign {campaign_id} is closed; it takes no new tasks or changes.")
    return campaign


def add_task(campaign_id: int, text: str, minutes: int = 5, helpers: int = 1,
             tags: list[str] | tuple[str, ...] = (), reach: str = "") -> int:
    """A task; `reach` (a contact, company or tag) makes the planner prefer helpers who can
    introduce you there."""
    get_active(campaign_id)
    text = clean_field(text, "task", multiline=True)
    tags = [clean_field(t, "tag") for t in tags]
    if minutes > 100_000 or helpers > 10_000:
        raise UserError("A small ask takes at most 100,000 minutes and 10,000 helpers.")
    spec = TaskSpec(0, text.strip(), minutes, helpers, tuple(tags))  # validates the task
    if reach.strip():
        target = resolve_target(reach)  # an unknown target is refused now, not at planning
        reach = {"contact": "", "company": "company:", "tag": "tag:"}[target.kind] + (
            str(target.ids[0]) if target.kind == "contact" else target.name)
    return CampaignTask.create(campaign=campaign_id, text=spec.text, minutes=minutes,
                               helpers_wanted=helpers, tags="; ".join(tags), reach=reach).id


def _task_specs(campaign_id: int, today: dt.date | None = None) -> list[TaskSpec]:
    """The campaign's tasks; with `today`, the helpers who can reach each task's target."""
    specs = []
    for t in (CampaignTask.select().where(CampaignTask.campaign == campaign_id)
              .order_by(CampaignTask.id)):
        reach_name, reachers = "", frozenset()
        if t.reach:
            try:
                reach_name = resolve_target(t.reach).name
            except NotFound:  # the person was deleted since: the task stands, unaimed
                reach_name = ""
            if reach_name and today is not None:
                reachers = frozenset(reach_paths(t.reach, today))
        specs.append(TaskSpec(t.id, t.text, t.minutes, t.helpers_wanted,
                              tuple(x for x in t.tags.split("; ") if x), reach_name, reachers))
    return specs


def candidates(today: dt.date, exclude_campaign: int | None = None) -> list[Candidate]:
    """Every live contact as the planner sees them: health, ledger, tags and ask load."""
    facts = gather_facts(today)
    names = dict(raw_rows(Contact.select(Contact.id, Contact.name)
                          .where(Contact.deleted_on.is_null()
                                 & (Contact.archived == False))))  # noqa: E712
    tags = tags_by_contact()
    open_elsewhere: set[int] = set()
    last_asked: dict[int, dt.date] = {}
    recent: dict[int, int] = defaultdict(int)
    since = today - dt.timedelta(days=LOAD_WINDOW_DAYS)
    for cid, campaign, status, asked_on in Ask.select(
            Ask.contact, Ask.campaign, Ask.status, Ask.asked_on).tuples():
        asked_on = as_date(asked_on)
        if status in OPEN_ASK_STATUSES and campaign != exclude_campaign:
            open_elsewhere.add(cid)
        if asked_on and reciprocity_effects(status).counts_as_asked:
            last_asked[cid] = max(asked_on, last_asked.get(cid, asked_on))
            if asked_on >= since:
                recent[cid] += 1
    out = []
    for cid, name in names.items():
        f = facts[cid]
        health = compute_health(f, today)
        out.append(Candidate(cid, name, health.score, health.status, f.balance, f.given,
                             tuple(tags.get(cid, ())), cid in open_elsewhere,
                             last_asked.get(cid), recent[cid]))
    return out


def plan(campaign_id: int, today: dt.date, tag: str | None = None,
         people: list[Candidate] | None = None) -> Plan:
    """Propose helpers for the campaign's unfilled places; writes nothing.

    `people` are the candidates when the caller has gathered them already.
    """
    get_campaign(campaign_id)
    specs = _task_specs(campaign_id, today)
    if not specs:
        raise UserError(f"Campaign {campaign_id} has no tasks yet; add one with "
                        "`netkeeper campaign task`.")
    existing = [(t, c) for t, c in Ask.select(Ask.task, Ask.contact)
                .where(Ask.campaign == campaign_id).tuples()]
    if people is None:
        people = candidates(today, campaign_id)
    return plan_campaign(specs, people, today, cooldown_days=cooldown_days(), tag=tag,
                         existing=existing)


def save_plan(campaign_id: int, asks: list[PlannedAsk], status: str = "planned",
              today: dt.date | None = None) -> list[int]:
    """Store reviewed asks (the window lets the user swap or drop helpers first)."""
    get_active(campaign_id)
    tasks = {t.id for t in _task_specs(campaign_id)}
    with database_proxy.atomic():
        ids = []
        for a in asks:
            if a.task_id not in tasks:
                raise NotFound(f"Task {a.task_id} is not part of campaign {campaign_id}.")
            try:
                ids.append(Ask.create(campaign=campaign_id, task=a.task_id, contact=a.contact_id,
                                      status=status, reason=a.reason,
                                      asked_on=today if status == "asked" else None,
                                      updated_on=today).id)
            except pw.IntegrityError:
                raise UserError(f"{a.contact_name} is already part of this campaign; "
                                "one ask per helper per campaign.") from None
        return ids


def launch(campaign_id: int, today: dt.date, tag: str | None = None) -> int:
    """Ask: planned asks become asked; with none planned, the proposed plan is asked at once."""
    get_active(campaign_id)
    with database_proxy.atomic():
        planned = Ask.update(status="asked", asked_on=today, updated_on=today).where(
            (Ask.campaign == campaign_id) & (Ask.status == "planned")).execute()
        if planned:
            return planned
        proposal = plan(campaign_id, today, tag)
        if not proposal.asks:
            raise UserError("Nobody to ask: " + (" ".join(proposal.warnings) or
                                                 "every place is already filled."))
        return len(save_plan(campaign_id, proposal.asks, status="asked", today=today))


def set_ask_status(ask_id: int, word: str, today: dt.date) -> str:
    """Move an ask along; a done ask is a favour received: thank them, ask how to support them."""
    ask = Ask.get_or_none(Ask.id == ask_id)
    if ask is None:
        raise NotFound(f"No ask with id {ask_id}.")
    get_active(ask.campaign_id)
    target = transition(ask.status, word)
    effects = reciprocity_effects(target)
    name = ask.contact.name
    with database_proxy.atomic():
        Ask.update(status=target, updated_on=today).where(Ask.id == ask_id).execute()
        if effects.favour_received_size:
            log_interaction([ask.contact_id], kind="favour", on=today, today=today,
                            initiated_by="them", exchange="received",
                            size=effects.favour_received_size,
                            summary=f"{ask.campaign.title}: {ask.task.text}")
        if "thank" in effects.queue_followups:
            queue.add_unless_open(thank_draft(ask.contact_id, name, ask.task.text, today,
                                              ask.id), today, ask=ask.id)
        if effects.resolve_followups:
            FollowUp.update(status="done", closed_on=today).where(
                (FollowUp.ask == ask.id) & FollowUp.kind.in_(effects.resolve_followups)
                & FollowUp.status.in_(("open", "snoozed"))).execute()
    return target


def drop_ask(ask_id: int) -> None:
    """Remove a planned ask (only before it is asked)."""
    ask = Ask.get_or_none(Ask.id == ask_id)
    if ask is None:
        raise NotFound(f"No ask with id {ask_id}.")
    if ask.status != "planned":
        raise UserError("Only a planned ask can be dropped; this one was already asked.")
    ask.delete_instance()


def _recent_loads(today: dt.date) -> Counter:
    """How many times each contact was asked in the last 90 days, across campaigns."""
    since = today - dt.timedelta(days=LOAD_WINDOW_DAYS)
    return Counter(cid for cid, asked_on in Ask.select(Ask.contact, Ask.asked_on)
                   .where(Ask.asked_on.is_null(False)).tuples() if as_date(asked_on) >= since)


def show(campaign_id: int, today: dt.date, loads: Counter | None = None) -> CampaignView:
    c = get_campaign(campaign_id)
    load = _recent_loads(today) if loads is None else loads
    asks = [AskView(a.id, a.contact_id, a.contact.name, a.task_id, a.task.text, a.status,
                    a.reason, as_date(a.asked_on), load_text(load.get(a.contact_id, 0)))
            for a in Ask.select(Ask, Contact, CampaignTask).join(Contact).switch(Ask)
            .join(CampaignTask).where(Ask.campaign == campaign_id).order_by(Ask.task, Ask.id)]
    per_task = Counter(a.task_id for a in asks)
    tasks = [{"id": t.id, "text": t.text, "minutes": t.minutes, "helpers": t.helpers_wanted,
              "tags": list(t.tags), "reach": t.reach, "asks": per_task.get(t.id, 0)}
             for t in _task_specs(campaign_id)]
    return CampaignView(c.id, c.title, c.goal, as_date(c.due), c.status, tasks, asks)


def list_campaigns(today: dt.date) -> list[CampaignView]:
    loads = _recent_loads(today)  # once for all campaigns, not once each
    return [show(c.id, today, loads) for c in Campaign.select().order_by(Campaign.id)]


def close_campaign(campaign_id: int) -> None:
    get_campaign(campaign_id)
    Campaign.update(status="closed").where(Campaign.id == campaign_id).execute()



@dataclass
class AskMessage:
    """One ask ready to send: to whom, the e-mail address if known, subject and text."""

    ask_id: int
    contact: str
    email: str
    subject: str
    text: str

    def mailto(self) -> str:
        from urllib.parse import quote

        return (f"mailto:{quote(self.email, safe='@')}?subject={quote(self.subject)}"
                f"&body={quote(self.text)}")


def ask_messages(ask_ids: list[int]) -> list[AskMessage]:
    """The asks worded for each helper (their first name, the task), in the order given."""
    from netkeeper.core.campaigns import ask_message
    from netkeeper.services.contacts import emails_by_contact

    rows = {a.id: a for a in Ask.select(Ask, CampaignTask, Campaign, Contact)
            .join(CampaignTask).switch(Ask).join(Campaign).switch(Ask).join(Contact)
            .where(Ask.id.in_(ask_ids))}
    missing = [i for i in ask_ids if i not in rows]
    if missing:
        raise NotFound(f"No ask with id {missing[0]}.")
    emails = emails_by_contact([a.contact.id for a in rows.values()])
    out = []
    for ask_id in ask_ids:
        a = rows[ask_id]
        first = a.contact.given_name or a.contact.name.split(" ")[0]
        text = ask_message(first, a.task.text, a.task.minutes, a.campaign.goal, a.campaign.title)
        out.append(AskMessage(ask_id, a.contact.name, (emails.get(a.contact.id) or [""])[0],
                              f"A small favour: {a.campaign.title}", text))
    return out
