"""The domain vocabulary of DESIGN.md section 2, as constants shared by every layer."""

INTERACTION_KINDS = (
    "meeting", "call", "message", "email", "social", "intro", "gift", "favour", "note",
)
INITIATED_BY = ("me", "them")
EXCHANGES = ("gave", "received", "mutual", "none")
SIZES = {"small": 1, "medium": 2, "large": 3}
SIZE_NAMES = {v: k for k, v in SIZES.items()}

CADENCE_PRESETS = {"inner": 7, "close": 30, "active": 90, "wider": 365}
DEFAULT_CADENCE = 90

# "new": never in touch yet (no interaction at all), whatever the score says; a contact added
# today is not a neglected one.
STATUSES = ("thriving", "steady", "cooling", "at risk", "dormant", "new")
STATUS_FLOORS = (("thriving", 75), ("steady", 55), ("cooling", 35), ("at risk", 15))

FOLLOWUP_KINDS = ("ask_support", "support", "respond", "reconnect", "give_back", "thank",
                  "congratulate", "birthday", "date", "reminder", "intro_check")
FOLLOWUP_STATES = ("open", "snoozed", "done", "dismissed")
