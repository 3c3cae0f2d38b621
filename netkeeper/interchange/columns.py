"""Which column of which export feeds which contact field, matched on normalised header names.

Each format is a list of rules `(pattern, field)`; a column takes the field of the first rule
whose pattern matches its whole normalised name (see `normalise.header_key`). Positions are never
used: every export here reorders, adds, drops or translates columns.
"""

from __future__ import annotations

import re

Rules = list[tuple[re.Pattern[str], str]]


def _rules(*pairs: tuple[str, str]) -> Rules:
    return [(re.compile(pattern), target) for pattern, target in pairs]


LINKEDIN = _rules(
    (r"first name", "given_name"),
    (r"last name", "family_name"),
    (r"(profile )?url", "linkedin_url"),
    (r"email address", "email"),
    (r"company", "company"),
    (r"position", "title"),
    (r"connected on", "created_on"),
)

GOOGLE = _rules(
    (r"name", "name"),
    (r"first name|given name", "given_name"),
    (r"middle name|additional name", "middle_name"),
    (r"last name|family name", "family_name"),
    (r"name prefix", "prefix"),
    (r"name suffix", "suffix"),
    (r"nickname", "nickname"),
    (r"organization (1 - )?name", "company"),
    (r"organization (1 - )?title", "title"),
    (r"birthday", "birthday"),
    (r"notes", "notes"),
    (r"labels|group membership", "tags"),
    (r"email \d+ - value", "email"),
    (r"phone \d+ - value", "phone"),
    (r"website \d+ - value", "url"),
    (r"location", "location"),
    (r"address 1 - city", "city"),
    (r"address 1 - country", "country"),
)

# Thunderbird's address book CSV. Birth Year/Month/Day are joined into one birthday; the work
# city and country come before the home ones, as a CRM is about work first.
THUNDERBIRD = _rules(
    (r"display name", "name"),
    (r"first name", "given_name"),
    (r"last name", "family_name"),
    (r"nickname", "nickname"),
    (r"(primary|secondary) email", "email"),
    (r"mobile number|work phone|home phone", "phone"),
    (r"organi[sz]ation", "company"),
    (r"job title", "title"),
    (r"web page \d", "url"),
    (r"birth year", "birth_year"),
    (r"birth month", "birth_month"),
    (r"birth day", "birth_day"),
    (r"work city", "city"),
    (r"work country", "country"),
    (r"home city", "home_city"),
    (r"home country", "home_country"),
    (r"notes", "notes"),
)

OUTLOOK_EN = _rules(
    (r"first name", "given_name"),
    (r"middle name", "middle_name"),
    (r"last name", "family_name"),
    (r"title", "prefix"),
    (r"suffix", "suffix"),
    (r"nickname", "nickname"),
    (r"company", "company"),
    (r"job title", "title"),
    (r"email( \d)? address", "email"),
    (r"mobile phone|(?!.*fax).*phone( \d)?", "phone"),
    (r"categories", "tags"),
    (r"notes", "notes"),
    (r"birthday", "birthday"),
    (r"(personal )?web page", "url"),
    (r"location", "location"),
    (r"(business|home) city", "city"),
    (r"(business|home) country/region", "country"),
)

OUTLOOK_DE = _rules(
    (r"vorname", "given_name"),
    (r"weitere vornamen", "middle_name"),
    (r"nachname", "family_name"),
    (r"anrede", "prefix"),
    (r"suffix", "suffix"),
    (r"spitzname", "nickname"),
    (r"firma", "company"),
    (r"position", "title"),
    (r"email-adresse|email \d: adresse", "email"),
    (r"mobiltelefon|.*telefon.*", "phone"),
    (r"kategorien", "tags"),
    (r"notizen", "notes"),
    (r"geburtstag", "birthday"),
    (r"webseite", "url"),
    (r"ort", "location"),
    (r"ort (geschäftlich|privat)", "city"),
    (r"land/region (geschäftlich|privat)", "country"),
)

OUTLOOK_FR = _rules(
    (r"prénom", "given_name"),
    (r"deuxième prénom", "middle_name"),
    (r"nom", "family_name"),
    (r"suffixe", "suffix"),
    (r"surnom", "nickname"),
    (r"société", "company"),
    (r"titre", "title"),  # a second `Titre` column makes the first the form of address
    (r"adresse de messagerie( \d)?", "email"),
    (r"tél\. mobile|t[ée]l[ée]phone.*|tél\. .*", "phone"),
    (r"catégories", "tags"),
    (r"notes", "notes"),
    (r"anniversaire", "birthday"),
    (r"page web", "url"),
    (r"emplacement", "location"),
    (r"ville \((bureau|domicile)\)", "city"),
    (r"pays(/région)? \((bureau|domicile)\)", "country"),
)

# Column names that only Outlook writes; two of them make a file an Outlook export.
OUTLOOK_MARKERS = {
    "en": {"email address", "email 2 address", "email display name", "mobile phone",
           "business phone", "home phone", "primary phone", "job title", "categories",
           "business street", "web page", "given yomi", "surname yomi", "company main phone"},
    "de": {"email-adresse", "email 2: adresse", "email: angezeigter name", "mobiltelefon",
           "telefon geschäftlich", "haupttelefon", "kategorien", "straße geschäftlich",
           "weitere vornamen", "anrede", "ort geschäftlich", "telefon (privat)"},
    "fr": {"adresse de messagerie", "adresse de messagerie 2", "tél. mobile", "catégories",
           "téléphone (bureau)", "téléphone (domicile)", "rue (bureau)", "deuxième prénom",
           "téléphone principal", "page web", "ville (bureau)", "société"},
}
OUTLOOK_RULES = {"en": OUTLOOK_EN, "de": OUTLOOK_DE, "fr": OUTLOOK_FR}

SPREADSHEET = _rules(
    (r"name|full name|fullname|display name|contact|contact name|anzeigename"
     r"|vollständiger name", "name"),
    (r"first|first name|firstname|given name|forename|vorname", "given_name"),
    (r"middle name|weitere vornamen", "middle_name"),
    (r"last|last name|lastname|surname|family name|nachname|familienname", "family_name"),
    (r"nickname|spitzname", "nickname"),
    (r"((primary|work|home|private|privat|other) )?(email|mail)( address)?( \d+)?"
     r"|emails|email-adresse|email adresse|emailadresse", "email"),
    (r"((primary|work|home|private|other|mobile|cell) )?(phone|telephone)( number)?( \d+)?"
     r"|mobile|cell|tel|phones|phone numbers|telefon|telefonnummer|handy|mobil|mobiltelefon"
     r"|telefon (privat|geschäftlich)", "phone"),
    (r"company|companies|organisation|organization|org|employer|firma|unternehmen|arbeitgeber",
     "company"),
    (r"title|job title|jobtitle|position|role|job|berufsbezeichnung|funktion|beruf", "title"),
    (r"tags?|labels?|groups?|categories|schlagwörter|schlagworte|kategorien|gruppen"
     r"|stichwörter", "tags"),
    (r"notes?|comments?|notizen|notiz|bemerkungen?|anmerkungen?", "notes"),
    (r"linkedin( url| profile| profile url)?", "linkedin_url"),
    (r"website|url|web|homepage|webseite", "url"),
    (r"birthday|date of birth|dob|birth date|birthdate|geburtstag|geburtsdatum", "birthday"),
    (r"location|city|ort|stadt|wohnort", "location"),
    (r"how (we )?met|met at|kennengelernt", "how_met"),
)

IDENTITY_FIELDS = {"name", "given_name", "family_name", "email", "phone", "linkedin_url"}


def assign(keys: list[str], rules: Rules) -> dict[int, str]:
    """Column index -> field, for every column that one of `rules` matches."""
    plan: dict[int, str] = {}
    for index, key in enumerate(keys):
        for pattern, target in rules:
            if pattern.fullmatch(key):
                plan[index] = target
                break
    return plan


OUTLOOK_GIVEN_NAME = {"en": "first name", "de": "vorname", "fr": "prénom"}


def outlook_language(keys: list[str]) -> str | None:
    """"en", "de" or "fr" for an Outlook export: its first-name column and two of its markers."""
    present = set(keys)
    counts = {lang: len(present & markers) for lang, markers in OUTLOOK_MARKERS.items()
              if OUTLOOK_GIVEN_NAME[lang] in present}
    if not counts:
        return None
    lang, count = max(counts.items(), key=lambda item: item[1])
    return lang if count >= 2 else None


def outlook_plan(keys: list[str], lang: str) -> dict[int, str]:
    plan = assign(keys, OUTLOOK_RULES[lang])
    if lang == "fr":
        titles = [index for index, key in enumerate(keys) if key == "titre"]
        if len(titles) > 1:
            plan[titles[0]] = "prefix"
    return plan


_GOOGLE_NUMBERED = re.compile(
    r"(email|phone|address|organization|relation|event|website|custom field|im) \d+ - .+")


def is_google(keys: list[str]) -> bool:
    present = set(keys)
    if any(_GOOGLE_NUMBERED.fullmatch(key) for key in keys):
        return True
    return "group membership" in present or {"given name", "family name", "name"} <= present or (
        "labels" in present and "first name" in present and "organization name" in present)


def is_thunderbird(keys: list[str]) -> bool:
    present = set(keys)
    return "primary email" in present and bool(
        present & {"display name", "secondary email", "mobile number", "web page 1"})


def is_linkedin(keys: list[str]) -> bool:
    present = set(keys)
    return {"first name", "last name", "connected on"} <= present or (
        {"first name", "last name", "url", "position", "company"} <= present)


def is_spreadsheet(keys: list[str]) -> bool:
    return bool(set(assign(keys, SPREADSHEET).values()) & IDENTITY_FIELDS)
