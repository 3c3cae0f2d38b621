"""How to reach a contact and what we know of them, as the rich text the contact page shows:
e-mails as mailto: links, phones as tel: links, the LinkedIn profile and website as links, the
birthday, how we met and the notes."""

from __future__ import annotations

import datetime as dt
import html
from urllib.parse import urlsplit

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def _link(url: str, text: str) -> str:
    return f"<a href=\"{html.escape(url, quote=True)}\">{html.escape(text)}</a>"


def web_url(text: str) -> str:
    return text if "://" in text else "https://" + text


def reach_html(detail) -> str:
    """E-mails as mailto: links, phones as tel: links, LinkedIn and website as links, birthday."""
    parts = [_link(f"mailto:{e}", e) for e in detail.summary.emails]
    parts += [_link("tel:" + "".join(ch for ch in p if ch.isdigit() or ch == "+"), p)
              for p in detail.phones]
    if detail.linkedin_url:
        parts.append(_link(web_url(detail.linkedin_url), "LinkedIn profile"))
    if detail.website:
        host = urlsplit(web_url(detail.website)).hostname or detail.website
        parts.append(_link(web_url(detail.website), host.removeprefix("www.")))
    if detail.birthday:
        born = detail.birthday
        try:
            day = dt.date.fromisoformat(born.replace("--", "2000-", 1) if born.startswith("--")
                                        else born)
            born = day.strftime("%-d %B") + ("" if detail.birthday.startswith("--")
                                              else f" {day.year}")
        except ValueError:
            pass
        parts.append(f"birthday {html.escape(born)}")
    return "  ·  ".join(parts)


def about_html(detail) -> str:
    parts = []
    if detail.how_met:
        parts.append(f"<b>How we met:</b> {html.escape(detail.how_met)}")
    if detail.notes:
        parts.append(html.escape(detail.notes).replace("\n", "<br>"))
    return "<br><br>".join(parts)


def rich_label(links: bool) -> QLabel:
    """A wrapping rich-text label; with `links`, its mailto:, tel: and web links open."""
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.setOpenExternalLinks(links)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction if links
                                  else Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
