"""The stored data: peewee models on one BaseModel bound through a DatabaseProxy."""

from __future__ import annotations

import peewee as pw

database_proxy = pw.DatabaseProxy()


class BaseModel(pw.Model):
    class Meta:
        database = database_proxy
        legacy_table_names = False


class Contact(BaseModel):
    name = pw.CharField(index=True)
    given_name = pw.CharField(default="")
    family_name = pw.CharField(default="")
    company = pw.CharField(default="")
    title = pw.CharField(default="")
    location = pw.CharField(default="")
    linkedin_url = pw.CharField(default="", index=True)
    website = pw.CharField(default="")
    birthday = pw.CharField(default="")  # YYYY-MM-DD or --MM-DD
    how_met = pw.TextField(default="")
    notes = pw.TextField(default="")
    cadence_days = pw.IntegerField(default=90)
    source = pw.CharField(default="")
    created_on = pw.DateField()
    archived = pw.BooleanField(default=False)
    deleted_on = pw.DateField(null=True, index=True)  # in the trash since this date


class ContactEmail(BaseModel):
    contact = pw.ForeignKeyField(Contact, backref="emails", on_delete="CASCADE")
    email = pw.CharField(index=True)  # normalised: stripped, lower-case
    position = pw.IntegerField(default=0)


class ContactPhone(BaseModel):
    contact = pw.ForeignKeyField(Contact, backref="phones", on_delete="CASCADE")
    phone = pw.CharField()  # as the user or the file wrote it
    e164 = pw.CharField(default="", index=True)
    position = pw.IntegerField(default=0)


class Tag(BaseModel):
    name = pw.CharField(unique=True)
    cadence_days = pw.IntegerField(null=True)


class ContactTag(BaseModel):
    # Looked up through the unique (contact, tag) index below; no index of its own.
    contact = pw.ForeignKeyField(Contact, on_delete="CASCADE", index=False)
    tag = pw.ForeignKeyField(Tag, on_delete="CASCADE")

    class Meta:
        indexes = ((("contact", "tag"), True),)


class Interaction(BaseModel):
    date = pw.DateField(index=True)
    kind = pw.CharField()
    initiated_by = pw.CharField(default="me")  # me | them
    exchange = pw.CharField(default="none")  # gave | received | mutual | none
    size = pw.IntegerField(default=1)  # 1 small, 2 medium, 3 large
    summary = pw.TextField(default="")
    notes = pw.TextField(default="")
    # Almost always empty: indexed only where set (a partial index, schema step 8).
    deleted_on = pw.DateField(null=True)
    # Where an imported interaction came from ("mail:<Message-ID>", "ics:<UID>|<RECURRENCE-ID>",
    # "chat:<app>:<chat>|<day>|<person>"): importing the same source again creates nothing.
    source_key = pw.CharField(null=True, unique=True)
    # Who reached out when it was not me: in a group message only the sender waits for a reply.
    # NULL with initiated_by "them": every contact of a typed-in interaction reached out; on a
    # captured one (it has a source key) the sender was nobody among the contacts.
    initiator = pw.ForeignKeyField(Contact, null=True, backref="initiated",
                                   on_delete="SET NULL")


class InteractionContact(BaseModel):
    interaction = pw.ForeignKeyField(Interaction, backref="links", on_delete="CASCADE")
    # No index of its own: the unique (contact, interaction) index below serves lookups by contact.
    contact = pw.ForeignKeyField(Contact, backref="interaction_links", on_delete="CASCADE",
                                 index=False)

    class Meta:
        indexes = ((("contact", "interaction"), True),)


class ContactStats(BaseModel):
    """Each contact's interaction history summed up, kept in step by every write of the services.

    Health for 30,000 contacts then reads 30,000 rows instead of scanning every interaction.
    """

    contact = pw.ForeignKeyField(Contact, primary_key=True, on_delete="CASCADE")
    last_date = pw.DateField(null=True)
    last_mine = pw.DateField(null=True)
    last_received = pw.DateField(null=True)
    given = pw.IntegerField(default=0)
    received = pw.IntegerField(default=0)
    rhythm_sum = pw.FloatField(default=0.0)  # Σ 2^((date − 2000-01-01) / 90 days)
    unanswered = pw.IntegerField(default=0)  # their touches after my last one
    last_unanswered = pw.DateField(null=True)


class FollowUp(BaseModel):
    # Looked up through the (contact, kind, status) index below; no index of its own.
    contact = pw.ForeignKeyField(Contact, backref="followups", on_delete="CASCADE", index=False)
    kind = pw.CharField()
    title = pw.CharField()
    detail = pw.TextField(default="")
    due = pw.DateField()
    status = pw.CharField(default="open", index=True)  # open | snoozed | done | dismissed
    snoozed_until = pw.DateField(null=True)
    # What raised it (e.g. the date of the inbound touch); with contact and kind it keeps an
    # automatic item from being raised twice for the same reason.
    trigger = pw.CharField(default="")
    interaction = pw.ForeignKeyField(Interaction, null=True, on_delete="SET NULL")
    ask = pw.IntegerField(null=True)  # the campaign ask that raised it, if any
    created_on = pw.DateField()
    closed_on = pw.DateField(null=True)

    class Meta:
        indexes = ((("contact", "kind", "status"), False),)


class Campaign(BaseModel):
    title = pw.CharField()
    goal = pw.TextField(default="")
    due = pw.DateField(null=True)
    status = pw.CharField(default="active")  # active | closed
    created_on = pw.DateField()


class CampaignTask(BaseModel):
    campaign = pw.ForeignKeyField(Campaign, backref="tasks", on_delete="CASCADE")
    text = pw.TextField()
    minutes = pw.IntegerField(default=5)
    helpers_wanted = pw.IntegerField(default=1)
    tags = pw.CharField(default="")  # "; "-joined tags the task is about
    # A contact, company or tag the helpers should reach. The SQL default makes a new table the
    # same as one that schema step 4 added the column to (ALTER TABLE needs a default).
    reach = pw.CharField(default="", constraints=[pw.SQL("DEFAULT ''")])


class Ask(BaseModel):
    campaign = pw.ForeignKeyField(Campaign, backref="asks", on_delete="CASCADE")
    task = pw.ForeignKeyField(CampaignTask, backref="asks", on_delete="CASCADE")
    contact = pw.ForeignKeyField(Contact, backref="asks", on_delete="CASCADE")
    status = pw.CharField(default="planned", index=True)
    reason = pw.TextField(default="")
    asked_on = pw.DateField(null=True)
    updated_on = pw.DateField(null=True)

    class Meta:
        indexes = ((("campaign", "contact"), True),)


class ContactMerge(BaseModel):
    """A merge by hand: what moved from `other` (now in the trash) to `keep`, so that bringing
    `other` back from the trash gives both contacts back as they were."""

    keep = pw.ForeignKeyField(Contact, backref="merged_in", on_delete="CASCADE")
    other = pw.ForeignKeyField(Contact, backref="merged_into", on_delete="CASCADE")
    merged_on = pw.DateField()
    undo = pw.TextField()  # JSON: the fields `keep` had before, the ids of the rows that moved


class PlannedMeeting(BaseModel):
    """A calendar event still to come with a contact: not an interaction, the "next meeting"."""

    contact = pw.ForeignKeyField(Contact, backref="planned_meetings", on_delete="CASCADE")
    date = pw.DateField(index=True)
    title = pw.CharField(default="")
    source_key = pw.CharField()  # "ics:<UID>|<RECURRENCE-ID>", as an interaction's would be

    class Meta:
        indexes = ((("contact", "source_key"), True),)


class ContactLink(BaseModel):
    """Who knows whom: `contact` — `other` with a kind, read as "other is contact's KIND".

    Symmetric kinds (colleague, friend, ...) read the same from both sides; directed ones
    (mentor, introduced-by, manager, ...) are stored in one direction and read inverted from the
    other side (core/links.py). One link per pair of people.
    """

    contact = pw.ForeignKeyField(Contact, backref="links_out", on_delete="CASCADE")
    other = pw.ForeignKeyField(Contact, backref="links_in", on_delete="CASCADE", index=True)
    kind = pw.CharField()
    since = pw.DateField(null=True)  # when they came to know each other, if known
    note = pw.TextField(default="")
    created_on = pw.DateField()

    class Meta:
        indexes = ((("contact", "other"), True),)


class Introduction(BaseModel):
    """The introduction ledger: who introduced whom, and how it went.

    `made_by` empty: you introduced `first` and `second`. `made_by` set: that contact
    introduced you to `first` (`second` empty).
    """

    made_by = pw.ForeignKeyField(Contact, null=True, backref="introductions_made",
                                 on_delete="CASCADE")
    first = pw.ForeignKeyField(Contact, backref="+", on_delete="CASCADE")
    second = pw.ForeignKeyField(Contact, null=True, backref="+", on_delete="CASCADE")
    date = pw.DateField()
    note = pw.TextField(default="")
    outcome = pw.TextField(default="")  # how it went, recorded when the follow-up is done
    interaction = pw.ForeignKeyField(Interaction, null=True, on_delete="SET NULL")


class Setting(BaseModel):
    key = pw.CharField(primary_key=True)
    value = pw.TextField()


class ImportantDate(BaseModel):
    """A dated event in a contact's life ("work anniversary"), every year or once."""

    contact = pw.ForeignKeyField(Contact, backref="dates", on_delete="CASCADE")
    label = pw.CharField()
    on = pw.DateField()
    yearly = pw.BooleanField(default=False)
    created_on = pw.DateField()


class Reminder(BaseModel):
    """A reminder of the user's own about a contact; its follow-ups are `reminder` items."""

    contact = pw.ForeignKeyField(Contact, backref="reminders", on_delete="CASCADE")
    text = pw.CharField()
    on = pw.DateField()  # the first date it is due
    every_days = pw.IntegerField(null=True)  # comes back this many days after it is done
    created_on = pw.DateField()


class PlanEntry(BaseModel):
    """One person in the plan of one day, kept so the plan stays put through the day."""

    day = pw.DateField(index=True)
    contact = pw.ForeignKeyField(Contact, on_delete="CASCADE")
    position = pw.IntegerField()
    why = pw.CharField(default="")
    items = pw.CharField(default="")  # the follow-up ids of the line, comma-separated

    class Meta:
        indexes = ((("day", "contact"), True),)


class SyncItem(BaseModel):
    """What the last sync knew of one contact, follow-up or interaction in the sync folder.

    `uid` is the item's identity on every device; `etag` the file's "mtime_ns:size" when NetKeeper
    last wrote or read it ("" once the file is gone); `local_hash` a digest of the local row then.
    A sync writes a file only when `local_hash` no longer matches, and reads one only when
    `etag` no longer matches.
    """

    kind = pw.CharField()  # contact | followup | interaction
    local_id = pw.IntegerField()
    uid = pw.CharField(unique=True)
    href = pw.CharField(default="")  # the file's name in its collection folder
    etag = pw.CharField(default="")
    local_hash = pw.CharField(default="")

    class Meta:
        indexes = ((("kind", "local_id"), True),)


ALL_MODELS = [
    Contact, ContactEmail, ContactPhone, Tag, ContactTag, Interaction, InteractionContact,
    ContactStats, FollowUp, Campaign, CampaignTask, Ask, Setting, ContactMerge, ImportantDate,
    Reminder, PlanEntry, PlannedMeeting, SyncItem, ContactLink, Introduction,
]
