"""File formats: files <-> plain records (see `records`). No database, no Qt.

Import with `read_file`; export with the `write_*` functions. `normalise` holds the phone and
e-mail normalisers the merge service shares.

The names below are loaded on first use (PEP 562): every command imports some module of this
package, and loading the vCard and iCalendar libraries up front cost each of them a third of a
second they rarely need.
"""

from importlib import import_module

_HOMES = {
    "ImportFileError": "errors",
    "is_email": "normalise", "normalise_email": "normalise", "to_e164": "normalise",
    "FORMAT_CHOICES": "readers", "read_bytes": "readers", "read_file": "readers",
    "ContactRecord": "records", "FollowUpRecord": "records", "InteractionRecord": "records",
    "ParsedFile": "records", "Skipped": "records",
    "write_contacts_csv": "writers", "write_ics": "writers", "write_interactions_csv": "writers",
    "write_vcard": "writers",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_HOMES[name]}"), name)
