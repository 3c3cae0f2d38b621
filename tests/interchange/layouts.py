"""Real export header layouts, and a helper that writes rows into them by column name.

The column lists are those Outlook writes (desktop in English, German and French; Outlook.com web);
rows are given as {column name: value}, so a test reads like the export it imitates.
"""

from __future__ import annotations

import csv
import io

OUTLOOK_DESKTOP_EN = (
    "Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,"
    "Business Street,Business Street 2,Business Street 3,Business City,Business State,"
    "Business Postal Code,Business Country/Region,Home Street,Home Street 2,Home Street 3,"
    "Home City,Home State,Home Postal Code,Home Country/Region,Other Street,Other Street 2,"
    "Other Street 3,Other City,Other State,Other Postal Code,Other Country/Region,"
    "Assistant's Phone,Business Fax,Business Phone,Business Phone 2,Callback,Car Phone,"
    "Company Main Phone,Home Fax,Home Phone,Home Phone 2,ISDN,Mobile Phone,Other Fax,Other Phone,"
    "Pager,Primary Phone,Radio Phone,TTY/TDD Phone,Telex,Account,Anniversary,Assistant's Name,"
    "Billing Information,Birthday,Business Address PO Box,Categories,Children,Directory Server,"
    "E-mail Address,E-mail Type,E-mail Display Name,E-mail 2 Address,E-mail 2 Type,"
    "E-mail 2 Display Name,E-mail 3 Address,E-mail 3 Type,E-mail 3 Display Name,Gender,"
    "Government ID Number,Hobby,Home Address PO Box,Initials,Internet Free Busy,Keywords,Language,"
    "Location,Manager's Name,Mileage,Notes,Office Location,Organizational ID Number,"
    "Other Address PO Box,Priority,Private,Profession,Referred By,Sensitivity,Spouse,User 1,"
    "User 2,User 3,User 4,Web Page"
).split(",")

OUTLOOK_WEB = (
    "First Name,Middle Name,Last Name,Title,Suffix,Nickname,Given Yomi,Surname Yomi,"
    "E-mail Address,E-mail 2 Address,E-mail 3 Address,Home Phone,Home Phone 2,Business Phone,"
    "Business Phone 2,Mobile Phone,Car Phone,Other Phone,Primary Phone,Pager,Business Fax,"
    "Home Fax,Other Fax,Company Main Phone,Callback,Radio Phone,Telex,TTY/TDD Phone,IMAddress,"
    "Job Title,Department,Company,Office Location,Manager's Name,Assistant's Name,"
    "Assistant's Phone,Company Yomi,Business Street,Business City,Business State,"
    "Business Postal Code,Business Country/Region,Home Street,Home City,Home State,"
    "Home Postal Code,Home Country/Region,Other Street,Other City,Other State,Other Postal Code,"
    "Other Country/Region,Personal Web Page,Spouse,Schools,Hobby,Location,Web Page,Birthday,"
    "Anniversary,Notes"
).split(",")

OUTLOOK_DESKTOP_DE = (
    "Anrede,Vorname,Weitere Vornamen,Nachname,Suffix,Firma,Abteilung,Position,"
    "Straße geschäftlich,Straße geschäftlich 2,Straße geschäftlich 3,Ort geschäftlich,"
    "Region geschäftlich,Postleitzahl geschäftlich,Land/Region geschäftlich,Straße privat,"
    "Straße privat 2,Straße privat 3,Ort privat,Bundesland/Kanton privat,Postleitzahl privat,"
    "Land/Region privat,Weitere Straße,Weitere Straße 2,Weitere Straße 3,Weiterer Ort,"
    "Weiteres/r Bundesland/Kanton,Weitere Postleitzahl,Weiteres/e Land/Region,Telefon Assistent,"
    "Fax geschäftlich,Telefon geschäftlich,Telefon geschäftlich 2,Rückmeldung,Autotelefon,"
    "Telefon Firma,Fax privat,Telefon (privat),Telefon (privat 2),ISDN,Mobiltelefon,"
    "Weiteres Fax,Weiteres Telefon,Pager,Haupttelefon,Mobiltelefon 2,Telefon für Hörbehinderte,"
    "Telex,Abrechnungsinformation,Assistent(in),Benutzer 1,Benutzer 2,Benutzer 3,Benutzer 4,"
    "Beruf,Büro,E-Mail-Adresse,E-Mail-Typ,E-Mail: Angezeigter Name,E-Mail 2: Adresse,"
    "E-Mail 2: Typ,E-Mail 2: Angezeigter Name,E-Mail 3: Adresse,E-Mail 3: Typ,"
    "E-Mail 3: Angezeigter Name,Empfohlen von,Geburtstag,Geschlecht,Hobby,Initialen,"
    "Internet Frei/Gebucht,Jahrestag,Kategorien,Kinder,Konto,Name des/r Vorgesetzten,Notizen,"
    "Organisationsnr.,Ort,Partner,Postfach geschäftlich,Postfach privat,Priorität,Privat,"
    "Reisekilometer,Sozialversicherungsnr.,Sprache,Stichwörter,Vertraulichkeit,"
    "Verzeichnisserver,Webseite,Weiteres Postfach"
).split(",")

# French Outlook writes `Titre` twice: the form of address, then (after Service) the job title,
# and pads `Société ` and `Service ` with a space.
OUTLOOK_DESKTOP_FR = [
    "Titre", "Prénom", "Deuxième prénom", "Nom", "Suffixe", "Société ", "Service ", "Titre",
    "Rue (bureau)", "Ville (bureau)", "Code postal (bureau)", "Pays/Région (bureau)",
    "Téléphone (bureau)", "Téléphone (domicile)", "Tél. mobile", "Télécopie (bureau)",
    "Adresse de messagerie", "Type de messagerie", "Nom complet de l'adresse de messagerie",
    "Adresse de messagerie 2", "Anniversaire", "Anniversaire de mariage ou fête", "Catégories",
    "Notes", "Page Web", "Profession",
]


def make_csv(header: list[str], rows: list[dict[str, str]], delimiter: str = ",",
             quoting: int = csv.QUOTE_MINIMAL, positional: bool = False) -> str:
    """CSV text in `header`'s layout; unknown keys are a test bug and fail loudly.

    With `positional`, each row is a list of (column index, value) pairs, for layouts with a
    duplicate column name.
    """
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, quoting=quoting, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        cells = [""] * len(header)
        items = row if positional else [(header.index(k), v) for k, v in row.items()]
        for index, value in items:
            cells[index] = value
        writer.writerow(cells)
    return out.getvalue()
