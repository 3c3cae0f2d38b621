"""Mailboxes read header-only: mbox framing, Maildir and .eml folders, noise rules, real files."""

import email.errors
import email.header
import email.utils
import tracemalloc
from pathlib import Path

import pytest

from netkeeper.interchange import mail
from netkeeper.interchange.capture import detect
from netkeeper.interchange.errors import ImportFileError
from netkeeper.interchange.mail import message_record, read_mail
from netkeeper.interchange.mailbox import Mailbox, RawMessage
from netkeeper.interchange.records import InteractionRecord, Skipped

REAL = Path(__file__).parent / "fixtures" / "real" / "capture"
ME = frozenset({"me@example.com"})


def message(sender, to, subject, date, mid, extra="", body="Hello\n"):
    return (f"From {sender} Mon Jan  1 10:00:00 2024\nFrom: {sender}\nTo: {to}\n"
            f"Subject: {subject}\nDate: {date}\nMessage-ID: <{mid}>\n{extra}\n{body}\n")


def records(path, me=ME):
    return list(read_mail(Mailbox(path), me))


def test_an_mbox_is_split_on_its_separators_only(tmp_path):
    body = ("A line that says\nFrom the start of time (no date here)\n>From an escaped line\n"
            "From someone who wrote a body line\n")
    text = (message("ada@example.org", "me@example.com", "one", "Mon, 1 Jan 2024 10:00 +0000",
                    "1@x", body=body)
            + message("me@example.com", "ada@example.org", "two", "Tue, 2 Jan 2024 10:00 +0000",
                      "2@x"))
    for newline in ("\n", "\r\n"):
        path = tmp_path / f"box{len(newline)}.mbox"
        path.write_bytes(text.replace("\n", newline).encode())
        found = records(path)
        assert [r.summary for r in found] == ["one", "two"], newline
        assert [r.initiated_by for r in found] == ["them", "me"]
        assert found[0].contact_emails == ["ada@example.org"]
        assert found[0].initiator_email == "ada@example.org"
        assert found[1].source_key == "mail:2@x"


def test_a_big_mbox_is_read_with_flat_memory(tmp_path):
    """30 MB of attachments: what the reader holds stays a few chunks, whatever the size."""
    attachment = ("QUJDRE" * 13 + "\n") * 20_000  # ~1.6 MB of base64 per message
    path = tmp_path / "big.mbox"
    with open(path, "w") as handle:
        for n in range(20):
            handle.write(message(f"p{n}@example.org", "me@example.com", f"s{n}",
                                 "Mon, 1 Jan 2024 10:00 +0000", f"{n}@x", body=attachment))
    assert path.stat().st_size > 30_000_000
    tracemalloc.start()
    box = Mailbox(path)
    found = list(read_mail(box, ME))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert len(found) == 20 and all(isinstance(r, InteractionRecord) for r in found)
    assert box.done_bytes == box.total_bytes
    assert peak < 20_000_000, peak


def test_a_truncated_mbox_keeps_every_whole_message(tmp_path):
    text = (message("ada@example.org", "me@example.com", "whole", "Mon, 1 Jan 2024 10:00 +0000",
                    "1@x") + "From grace@x Mon Jan  1 10:00:00 2024\nFrom: gra")
    path = tmp_path / "cut.mbox"
    path.write_text(text)
    found = records(path)
    assert found[0].summary == "whole"
    assert isinstance(found[1], Skipped) and found[1].reason == mail.NO_SENDER


@pytest.mark.parametrize(("extra", "sender", "reason"), [
    ("X-Gmail-Labels: Inbox,Spam\n", "ada@example.org", mail.SPAM),
    ("X-Gmail-Labels: Trash\n", "ada@example.org", mail.SPAM),
    ("X-Gmail-Labels: Drafts\n", "me@example.com", mail.DRAFT),
    ("List-Id: <news.example.org>\n", "ada@example.org", mail.BULK),
    ("List-Unsubscribe: <mailto:u@example.org>\n", "ada@example.org", mail.BULK),
    ("Precedence: bulk\n", "ada@example.org", mail.BULK),
    ("Auto-Submitted: auto-replied\n", "ada@example.org", mail.AUTO),
    ("X-Autoreply: yes\n", "ada@example.org", mail.AUTO),
    ("", "no-reply@shop.example", mail.NOREPLY),
    ("", "noreply+x@shop.example", mail.NOREPLY),
])
def test_noise_is_skipped_with_its_reason(extra, sender, reason):
    block = (f"From: {sender}\nTo: me@example.com, ada@example.org\nDate: Mon, 1 Jan 2024 "
             f"10:00 +0000\n{extra}").encode()
    result = message_record(RawMessage(7, block), ME)
    assert isinstance(result, Skipped) and (result.line, result.reason) == (7, reason)


def test_auto_submitted_no_is_a_person_writing():
    block = (b"From: ada@example.org\nTo: me@example.com\nAuto-Submitted: no\n"
             b"Date: Mon, 1 Jan 2024 10:00 +0000\n")
    assert isinstance(message_record(RawMessage(1, block), ME), InteractionRecord)


def test_dates_fall_back_to_the_envelope_then_received():
    block = b"From: ada@example.org\nTo: me@example.com\nDate: not a date\n"
    envelope = b"From ada@example.org Tue Mar  5 09:00:00 2024"
    assert message_record(RawMessage(1, block, envelope), ME).date.isoformat() == "2024-03-05"
    received = block + b"Received: from mx by mx2; Wed, 6 Mar 2024 10:00:00 +0000\n"
    assert message_record(RawMessage(1, received), ME).date.isoformat() == "2024-03-06"
    assert message_record(RawMessage(1, block), ME).reason == mail.NO_DATE


def _stdlib_day(text):
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (ValueError, TypeError, IndexError, OverflowError):
        return None
    return when.date() if when is not None and 1970 <= when.year <= 2200 else None


def test_dates_are_read_as_the_standard_library_reads_them():
    """The direct reading of the usual Date form gives what email.utils gives, odd dates too."""
    texts = ["Mon, 1 Jan 2024 10:00:00 +0000", "Wed, 07 Aug 2024 10:00:00 -0700 (PDT)",
             "Mon,1 Jan 2024 10:00 +0000 (UTC)", "Mon,  1  jan  2024  23:59:59  +0530",
             "Thu, 29 Feb 2024 10:00:00 +0100", "Wed, 29 Feb 2023 10:00:00 +0100",
             "Sun, 31 Dec 2023 23:59:60 +0100", "Mon, 1 Jan 2024 24:00:00 +0000",
             "Mon, 1 Jan 2024 10:60:00 +0000", "Mon, 1 Jan 2024 10:00:00 +2400",
             "Mon, 1 Jan 2024 10:00:00 +2359", "Mon, 1 Jan 2024 10:00:00 -0000",
             "Mon, 1 Jan 2024 10:00:00 +0099", "Tue, 31 Dec 1969 23:00:00 +0000",
             "Thu, 1 Jan 1970 00:00:00 +0000", "Mon, 1 Jan 2201 10:00:00 +0000",
             "Mon, 1 Foo 2024 10:00:00 +0000", "Mon, 0 Jan 2024 10:00:00 +0000",
             "Mon, 32 Jan 2024 10:00:00 +0000", "Mon, 1 Jan 24 10:00 +0000",
             "Mon, 1 Jan 2024 10:00:00 GMT", "1 Jan 2024 10:00:00 +0000",
             "Jan 1 2024 10:00:00 +0000", "Mon, 1 January 2024 10:00:00 +0000",
             "Mon, 1 Jan 2024 10.00.00 +0000", "Mon, 1 Jan 2024 10:00:00 +0000 extra",
             "Mon, 1 Jan 2024", "not a date", "", "Mon Jan  1 10:00:00 2024"]
    for day in range(0, 33, 4):
        for month in ("Jan", "feb", "JUN", "Sep", "Dec"):
            for clock in ("0:00", "9:05:07", "23:59", "12:00:59"):
                for zone in ("+0000", "-1200", "+1400", "-0000", "+9999"):
                    texts.append(f"Fri, {day} {month} 2021 {clock} {zone}")
    for text in texts:
        assert mail.day_of(text) == _stdlib_day(text), text


def test_encoded_folded_and_undecodable_subjects():
    block = (b"From: =?utf-8?q?Ren=C3=A9e?= <renee@example.org>\nTo: me@example.com\n"
             b"Date: Mon, 1 Jan 2024 10:00 +0000\nSubject: =?utf-8?q?Caf=C3=A9?=\n"
             b"  and more\n")
    record = message_record(RawMessage(1, block), ME)
    assert record.summary == "Café and more"
    assert record.contact_email_names == ["Renée"]
    odd = block.replace(b"utf-8?q?Caf", b"x-unknown-charset?q?Caf")
    assert "Caf" in message_record(RawMessage(1, odd), ME).summary


def _stdlib_subject(raw):
    try:
        raw = str(email.header.make_header(email.header.decode_header(raw)))
    except (LookupError, UnicodeError, ValueError, email.errors.HeaderParseError):
        pass
    return " ".join(raw.split())


def test_encoded_words_are_decoded_as_the_standard_library_decodes_them():
    """The direct decoding of the usual encoded subject matches email.header, edge cases too."""
    words = ["=?UTF-8?Q?Re=3A_Projekt_=E2=80=93_n=C3=A4chste_Schritte?=", "=?utf-8?q?Caf=C3=A9?=",
             "=?UTF-8?B?0J/RgNC40LLQtdGC?=", "=?utf-8?b?w6k?=", "=?iso-8859-1?q?d=E9j=E0?=",
             "=?ISO-8859-15?Q?=A4uro?=", "=?windows-1252?Q?=93quoted=94?=", "=?utf-8?q??=",
             "=?utf-8?q?bad=ZZescape?=", "=?utf-8?q?trailing=?=", "=?utf-8?q?a==3Db?=",
             "=?utf-8?b?!!!?=", "=?utf-8?b?w6?=", "=?utf-8?q?=C3?=", "=?utf-8?q?=A9?=",
             "=?x-unknown?q?abc?=", "=?us-ascii?q?plain?=", "=?unknown-8bit?q?x=E9?=",
             "=?euc-jp?b?pKKkpA==?=", "=?utf-8*en?q?lang?=", "=?gb2312?b?xOO6ww==?=",
             "=?UTF-8?B?4oCT?=", "=?utf-8?Q?_spaced_?=", "=??q?empty?="]
    plain = ["", "Re:", "Re: ", "Fwd:(", "x)", "AW:\\", "  lead", "tail  ", "Ré:", "a\tb"]
    texts = []
    for word in words:
        for before in plain:
            for after in plain:
                texts.append(f"{before}{word}{after}")
        texts += [f"{word} {word}", f"{word}{word}", f"{word}  x  {word}",
                  f"{word} =?utf-8?q?=C3=A9?=", f"=?UTF-8?B?w6k=?= {word}"]
    for text in texts:
        assert mail.decode_subject(text) == _stdlib_subject(text)[:mail.SUMMARY_LENGTH], text


def test_a_group_message_is_with_everyone_but_started_by_its_sender():
    block = (b"From: Grace <grace@navy.example>\nTo: me@example.com, Ada <ADA@example.org>\n"
             b"Cc: me@example.com\nDate: Mon, 1 Jan 2024 10:00 +0000\n")
    record = message_record(RawMessage(1, block), ME)
    assert record.contact_emails == ["grace@navy.example", "ada@example.org"]
    assert (record.initiated_by, record.initiator_email) == ("them", "grace@navy.example")
    to_self = b"From: me@example.com\nTo: me@example.com\nDate: Mon, 1 Jan 2024 10:00 +0000\n"
    assert message_record(RawMessage(2, to_self), ME).reason == mail.ONLY_ME


def test_messages_imported_before_are_not_decoded_again(tmp_path, monkeypatch):
    """A re-import asks which keys are stored a group at a time, and decodes only new mail."""
    monkeypatch.setattr(mail, "GROUP", 3)
    path = tmp_path / "box.mbox"
    path.write_text("".join(
        message("ada@example.org", "me@example.com", f"=?utf-8?q?n=C2=B0{n}?=",
                "Mon, 1 Jan 2024 10:00 +0000", f"{n}@x") for n in range(7)))
    asked: list[list[str]] = []

    def stored(keys):
        asked.append(keys)
        return {k for k in keys if k != "mail:5@x"}

    found = list(read_mail(Mailbox(path), ME, stored=stored))
    assert [len(keys) for keys in asked] == [3, 3, 1]
    assert [r.already_imported for r in found] == [True] * 5 + [False, True]
    again = found[0]
    assert (again.date, again.summary, again.source_key) == (None, "", "mail:0@x")
    assert again.contact_emails == ["ada@example.org"] and again.initiated_by == "them"
    assert (found[5].summary, found[5].date.isoformat()) == ("n°5", "2024-01-01")


def test_real_maildir_from_notmuch_is_read_header_only():
    box = Mailbox(REAL / "maildir")
    found = list(read_mail(box, frozenset({"notmuch@notmuchmail.org"})))
    assert box.format == "maildir" and len(found) == 11
    assert all(isinstance(r, InteractionRecord) and r.initiated_by == "them" for r in found)
    assert found[0].summary.startswith("[notmuch] [PATCH] count_files")
    assert all(r.source_key.startswith("mail:") for r in found)


def test_real_eml_files_from_mail_parser_and_notmuch():
    found = records(REAL / "eml", frozenset({"kalinokyra@thismail.it"}))
    by_subject = {r.summary: r for r in found}
    assert "письмо уведом-е" in by_subject  # RFC 2047 in KOI8/UTF-8, decoded
    assert by_subject["Hi there"].contact_emails == ["oneil.844@randtelekom.com.tr"]
    assert by_subject["wowsers!"].contact_emails == ["alice@example.org", "daniel@example.org",
                                                     "bob@example.org"]


def test_real_thunderbird_style_mbox_from_mimekit():
    """`From - ` separators with no date and no blank line before them (MimeKit's test data)."""
    found = records(REAL / "mbox" / "mimekit-simple.mbox", frozenset({"me@example.com"}))
    assert [r.summary for r in found][0] == "this'll probably break a lot of mime parsers"
    assert len(found) == 3 and all(r.date.isoformat() == "2002-08-23" for r in found)


def test_an_apple_mail_mbox_folder_and_detection(tmp_path):
    folder = tmp_path / "Ada.mbox"
    folder.mkdir()
    (folder / "mbox").write_text(message("ada@example.org", "me@example.com", "s",
                                         "Mon, 1 Jan 2024 10:00 +0000", "1@x"))
    (folder / "Info.plist").write_text("<plist/>")
    assert detect(folder) == "mail"
    assert [r.summary for r in records(folder)] == ["s"]
    assert detect(folder / "mbox") == "mbox"
    assert detect(REAL / "eml" / "mailparser-mail_test_3.eml") == "eml"


def test_a_file_that_is_not_mail_is_one_clear_error(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("just notes\n")
    with pytest.raises(ImportFileError, match="not a mailbox"):
        Mailbox(path)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ImportFileError, match="holds no mail"):
        Mailbox(empty)
