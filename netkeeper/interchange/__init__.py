"""File formats: files <-> plain records (see `records`). No database, no Qt.

Import with `read_file`; export with the `write_*` functions. `normalise` holds the phone and
e-mail normalisers the merge service shares.
"""

from netkeeper.interchange.errors import ImportFileError
from netkeeper.interchange.normalise import is_email, normalise_email, to_e164
from netkeeper.interchange.readers import FORMAT_CHOICES, read_bytes, read_file
from netkeeper.interchange.records import (
    ContactRecord,
    FollowUpRecord,
    InteractionRecord,
    ParsedFile,
    Skipped,
)
from netkeeper.interchange.writers import (
    write_contacts_csv,
    write_ics,
    write_interactions_csv,
    write_vcard,
)

__all__ = [
    "FORMAT_CHOICES", "ContactRecord", "FollowUpRecord", "ImportFileError", "InteractionRecord",
    "ParsedFile", "Skipped", "is_email", "normalise_email", "read_bytes", "read_file", "to_e164",
    "write_contacts_csv", "write_ics", "write_interactions_csv", "write_vcard",
]
