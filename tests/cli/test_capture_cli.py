"""`netkeeper me` and importing mail, calendars and chats from the command line."""

import json
import sqlite3

MBOX = (
    "From ada@example.org Thu Nov 19 10:00:00 2026\nFrom: Ada Lovelace <ada@example.org>\n"
    "To: me@example.com\nSubject: =?utf-8?q?Caf=C3=A9?= soon?\n"
    "Date: Thu, 19 Nov 2026 10:00:00 +0000\nMessage-ID: <a1@example.org>\n\nbody\n\n"
    "From me@example.com Thu Nov 19 11:00:00 2026\nFrom: me@example.com\n"
    "To: Bob <bob@else.example>\nSubject: hi\nDate: Thu, 19 Nov 2026 11:00:00 +0000\n"
    "Message-ID: <m1@example.com>\n\nbody\n\n"
    "From news@list.example Thu Nov 19 11:00:00 2026\nFrom: news@list.example\n"
    "To: me@example.com\nList-Id: <news.list.example>\nDate: Thu, 19 Nov 2026 11:00:00 +0000\n"
    "\nbody\n")


def test_me_keeps_my_addresses_and_name(nk):
    assert nk("me", "--email", "Me@Example.com", "--email", "me@work.example",
              "--name", "Me  Myself")[0] == 0
    code, out, _ = nk("me", "--json")
    assert code == 0
    assert json.loads(out) == {"name": "Me Myself",
                               "emails": ["me@example.com", "me@work.example"]}
    assert nk("me", "--email", "me@example.com")[0] == 0  # given twice, kept once
    assert json.loads(nk("me", "--json")[1])["emails"] == ["me@example.com", "me@work.example"]
    code, _, err = nk("me", "--email", "not-an-address")
    assert code == 1 and err.count("\n") == 1 and "not an e-mail address" in err
    assert nk("me", "--forget", "me@work.example")[0] == 0
    assert json.loads(nk("me", "--json")[1])["emails"] == ["me@example.com"]


def test_importing_a_mailbox_reports_skips_and_people_not_yet_added(nk, tmp_path):
    path = tmp_path / "All mail Including Spam and Trash.mbox"
    path.write_text(MBOX)
    nk("add", "Ada Lovelace", "--email", "ada@example.org")
    code, _, err = nk("import", str(path))
    assert code == 1 and "netkeeper me --email" in err
    nk("me", "--email", "me@example.com")
    code, out, err = nk("import", str(path), "--json", "--progress")
    assert code == 0
    result = json.loads(out)
    assert (result["format"], result["items"], result["interactions"]) == ("mbox", 3, 1)
    assert result["skip_counts"] == {"mailing list or bulk mail": 1, "involves no contact": 1}
    assert result["not_contacts"][0]["email"] == "bob@else.example"
    assert "of" in err and "items" in err  # progress went to stderr
    code, out, _ = nk("import", str(path))
    assert code == 0 and "0 new interactions" in out and "Bob <bob@else.example>" in out
    show = json.loads(nk("show", "Ada Lovelace", "--json")[1])
    assert show["timeline"][0]["summary"] == "Café soon?"
    assert show["timeline"][0]["source"] == "mail"
    assert "next_meeting" in show
    queue = json.loads(nk("queue", "--json")[1])
    assert [q["kind"] for q in queue] == ["respond"]


def test_a_dry_run_of_a_mailbox_writes_nothing(nk, tmp_path):
    path = tmp_path / "box.mbox"
    path.write_text(MBOX)
    nk("add", "Ada Lovelace", "--email", "ada@example.org")
    nk("me", "--email", "me@example.com")
    code, out, _ = nk("import", str(path), "--dry-run")
    assert code == 0 and "Would import" in out and "1 new interactions" in out
    con = sqlite3.connect(nk.db)
    assert con.execute("SELECT COUNT(*) FROM interaction").fetchone()[0] == 0
    con.close()


def test_a_chat_needs_to_know_the_other_person(nk, tmp_path):
    path = tmp_path / "chat.txt"
    path.write_text("20/11/2026, 09:00 - Gracie: Coffee?\n20/11/2026, 09:05 - Me: Yes!\n")
    nk("add", "Grace Hopper")
    code, _, err = nk("import", str(path))
    assert code == 1 and "--contact" in err
    code, _, err = nk("import", str(path), "--contact", "grace hopper")
    assert code == 1 and "netkeeper me --name" in err  # neither writer is called that
    nk("me", "--name", "Me")
    code, out, _ = nk("import", str(path), "--contact", "grace hopper", "--json")
    assert code == 0 and json.loads(out)["interactions"] == 1
    show = json.loads(nk("show", "Grace Hopper", "--json")[1])
    assert [(t["initiated_by"], t["summary"]) for t in show["timeline"]] == [
        ("them", "WhatsApp chat, 2 messages")]
    code, _, err = nk("import", str(path), "--contact", "nobody")
    assert code == 1


def test_wrong_files_get_one_sentence(nk, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("just notes\n")
    nk("me", "--email", "me@example.com")
    code, _, err = nk("import", str(notes), "--format", "mbox")
    assert code == 1 and err.count("\n") == 1 and "not a mailbox" in err
    code, _, err = nk("import", str(notes), "--format", "ics")
    assert code == 1 and err.count("\n") == 1
    code, _, err = nk("import", str(tmp_path / "missing.mbox"), "--format", "mbox")
    assert code == 1 and "does not exist" in err
