"""The vdir bridge: the store's contacts, follow-ups and interactions ↔ the sync folder's files.

One `Bridge(...).run()` runs before vdirsyncer (writing what changed here) and one after it
(reading what changed there), with the same rule for every item (`sync_state`): contacts first,
then interactions (which name contacts), then follow-ups (which name both). What settles a
conflict is written back to both sides.
"""

from __future__ import annotations

from netkeeper.services.sync_contacts import ContactsPass
from netkeeper.services.sync_state import Counts
from netkeeper.services.sync_timeline import EntriesPass, TasksPass
from netkeeper.store.models import database_proxy
from netkeeper.sync import vdir

__all__ = ["Bridge", "Counts"]


class Bridge(ContactsPass, EntriesPass, TasksPass):
    """One pass over the three collections, in one transaction."""

    def run(self) -> Counts:
        counts = Counts()
        with database_proxy.atomic():
            counts.add(self.contacts())
            counts.add(self.entries())
            counts.add(self.tasks())
            self._log_conflict_notes()
            if self.touched:
                from netkeeper.services.interactions import history_changed

                history_changed(self.today, sorted(self.touched))
            vdir.flush()  # every file written is on disk before the state saying so commits
        return counts
