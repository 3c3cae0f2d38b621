"""What the desktop app needs to review a plan before launching it: the proposal, who else may
stand in for a proposed helper, and how much each of them has been asked lately.

The window lets the user drop and swap helpers. A stand-in must pass exactly the rules the
planner applies (not dormant, not overdrawn, no open ask elsewhere, outside the cool-down, not
already in the campaign), so the options come from the planner itself, asked to fill one task
with everyone it may ask; that way the rules and the scoring stay in one place (core.campaigns).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from netkeeper.core.campaigns import Plan, PlannedAsk, TaskSpec, load_text, plan_campaign
from netkeeper.core.errors import UserError
from netkeeper.services import campaigns
from netkeeper.store.models import database_proxy


@dataclass(frozen=True)
class PlanReview:
    """A proposal plus, per task, every eligible stand-in (best first) and each person's load."""

    campaign_id: int
    plan: Plan
    options: dict[int, list[PlannedAsk]]  # task id -> eligible helpers, best first
    loads: dict[int, str]  # contact id -> "asked 1 time in 90 days"

    def load(self, contact_id: int) -> str:
        return self.loads.get(contact_id, load_text(0))


def review_plan(campaign_id: int, today: dt.date, tag: str | None = None) -> PlanReview:
    """Propose helpers (as `campaigns.plan` does) and list who else could take each place.

    Writes nothing. The stand-ins exclude everyone already in the campaign; the window also
    hides those it currently proposes, since one helper takes one ask per campaign.
    """
    people = campaigns.candidates(today, campaign_id)  # gathered once, for both uses
    proposal = campaigns.plan(campaign_id, today, tag, people)
    view = campaigns.show(campaign_id, today)
    specs = [TaskSpec(t["id"], t["text"], t["minutes"], t["helpers"], tuple(t["tags"]))
             for t in view.tasks]
    existing = [(a.task_id, a.contact_id) for a in view.asks]
    cooldown = campaigns.cooldown_days()
    everyone = max(len(people), 1)
    options = {
        spec.id: plan_campaign([replace(spec, helpers_wanted=everyone)], people, today,
                               cooldown_days=cooldown, tag=tag, existing=existing).asks
        for spec in specs
    }
    loads = {c.contact_id: load_text(c.asks_in_last_90_days) for c in people}
    return PlanReview(campaign_id, proposal, options, loads)


def launch_reviewed(campaign_id: int, asks: list[PlannedAsk], today: dt.date) -> int:
    """Store the reviewed asks not yet saved, then ask every planned helper; returns how many.

    Refuses when there is nothing to ask rather than falling back to `launch`'s own proposal:
    a user who dropped every helper did not mean "ask whoever the planner likes".
    """
    with database_proxy.atomic():  # all or nothing: a refused launch leaves no half-saved plan
        if asks:
            campaigns.save_plan(campaign_id, asks, status="planned", today=today)
        if not campaigns.show(campaign_id, today).counts["planned"]:
            raise UserError("Nobody is planned yet: plan helpers, then launch.")
        return campaigns.launch(campaign_id, today)
