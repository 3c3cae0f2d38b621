"""The command-line contract of DESIGN.md section 5, driven as a user or a script would."""

import json
import sqlite3
import subprocess
import sys

import pytest

from netkeeper.cli import run

TODAY = "2026-11-22"


def dump(path):
    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def test_the_whole_reciprocity_loop_from_the_command_line(nk):
    assert nk("add", "Ada Lovelace", "--email", "ada@example.com", "--tag", "mentors",
              "--cadence", "30")[0] == 0
    code, out, _ = nk("log", "ada lovelace", "--kind", "call", "--by", "them", "--received",
                      "--size", "medium", "--on", "2026-11-20", "--note", "Reviewed my draft")
    assert code == 0 and "Logged call with Ada Lovelace" in out
    code, out, _ = nk("queue", "--json")
    [item] = json.loads(out)
    assert item["kind"] == "ask_support" and item["contact"] == "Ada Lovelace"
    assert set(item) >= {"id", "contact_id", "contact", "kind", "title", "detail", "due",
                         "status"}
    assert nk("answer", str(item["id"]), "an intro to a publisher", "--due", "2026-11-30")[0] == 0
    [support] = json.loads(nk("queue", "--json")[1])
    assert (support["kind"], support["due"]) == ("support", "2026-11-30")
    assert nk("done", str(support["id"]))[0] == 0

    shown = json.loads(nk("show", "Ada Lovelace", "--json")[1])
    assert shown["timeline"][0]["kind"] == "favour"
    assert shown["timeline"][0]["exchange"] == "gave"
    assert shown["timeline"][0]["summary"] == "an intro to a publisher"
    assert shown["balance"] == 1 - 2
    assert set(shown["health_detail"]["components"]) == {"recency", "rhythm", "reciprocity",
                                                          "responsiveness"}
    assert shown["health_detail"]["reasons"]
    assert [t["date"] for t in shown["timeline"]] == ["2026-11-22", "2026-11-20"]
    text = nk("show", "1")[1]
    assert "you gave 1 · received 2" in text


def test_contacts_json_has_the_contract_keys(nk):
    nk("add", "Grace Hopper", "--email", "grace@navy.example", "--company", "US Navy")
    [row] = json.loads(nk("contacts", "--json")[1])
    assert set(row) >= {"id", "name", "emails", "company", "tags", "cadence_days",
                        "last_interaction", "health", "status", "balance"}
    assert row["last_interaction"] is None and row["status"] == "new"
    assert json.loads(nk("contacts", "--json", "--status", "thriving")[1]) == []


def test_today_can_be_given_after_the_command_too(nk):
    nk("add", "Bo")
    nk("log", "Bo", "--kind", "message", "--by", "them", "--on", "2026-01-05")
    code, out, _ = nk("queue", "--json", "--today", "2026-01-06")
    assert code == 0 and json.loads(out)[0]["due"] == "2026-01-07"


@pytest.mark.parametrize("args, message", [
    (("log", "Nobody", "--kind", "call"), "No contact matches 'Nobody'"),
    (("log", "Ada", "--kind", "call"), "matches several contacts"),
    (("log", "Ada Lovelace", "--kind", "dance"), "Unknown kind 'dance'"),
    (("log", "Ada Lovelace", "--kind", "call", "--on", "2026-02-30"), "not a valid date"),
    (("done", "41"), "No follow-up with id 41"),
    (("snooze", "41", "--until", "2026-12-01"), "No follow-up with id 41"),
    (("answer", "41", "help"), "No follow-up with id 41"),
    (("show", "7"), "No contact matches '7'"),
    (("add", "Eve", "--email", "nope"), "not an email address"),
    (("demo",), "already has contacts"),
])
def test_user_errors_exit_1_with_one_line_and_write_nothing(nk, args, message):
    nk("add", "Ada Lovelace")
    nk("add", "Ada Byron")
    before = dump(nk.db)
    code, out, err = nk(*args)
    assert code == 1
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert dump(nk.db) == before


def test_bad_usage_exits_2(nk):
    with pytest.raises(SystemExit) as exc:
        nk("log", "Ada")  # --kind is required
    assert exc.value.code == 2


def test_a_real_process_reports_errors_without_a_traceback(tmp_path):
    db = tmp_path / "p.sqlite"
    cmd = [sys.executable, "-m", "netkeeper", "--db", str(db)]
    version = subprocess.run(cmd + ["--version"], capture_output=True, text=True)
    assert version.returncode == 0 and version.stdout.startswith("netkeeper ")
    bad = subprocess.run(cmd + ["show", "Nobody"], capture_output=True, text=True)
    assert bad.returncode == 1
    assert bad.stderr.strip() == "netkeeper: No contact matches 'Nobody'."
    demo = subprocess.run(cmd + ["--today", TODAY, "demo", "--contacts", "40", "--seed", "3"],
                          capture_output=True, text=True)
    assert demo.returncode == 0, demo.stderr
    listed = subprocess.run(cmd + ["--today", TODAY, "contacts", "--json"], capture_output=True,
                            text=True)
    assert len(json.loads(listed.stdout)) == 40


def test_a_newer_database_is_refused_byte_for_byte(tmp_path, capsys):
    path = tmp_path / "future.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.execute("PRAGMA user_version = 99")
    con.commit()
    con.close()
    before = path.read_bytes()
    assert run(["--db", str(path), "contacts"]) == 1
    assert "newer NetKeeper" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_import_and_export_from_the_command_line(nk, tmp_path):
    csv_path = tmp_path / "people.csv"
    csv_path.write_text("Name;E-Mail;Firma\nJosé Lefèvre;jose@example.fr;Société Générale\n"
                        "Nadia Bello;;\n", encoding="cp1252")
    code, out, _ = nk("import", str(csv_path), "--json", "--dry-run")
    result = json.loads(out)
    assert code == 0 and result["created"] == 2 and result["format"] == "spreadsheet"
    assert json.loads(nk("contacts", "--json")[1]) == []
    assert nk("import", str(csv_path))[0] == 0
    names = [c["name"] for c in json.loads(nk("contacts", "--json")[1])]
    assert names == ["José Lefèvre", "Nadia Bello"]
    for what, name in (("contacts", "c.csv"), ("interactions", "i.csv"), ("vcard", "c.vcf"),
                       ("ics", "f.ics")):
        assert nk("export", what, str(tmp_path / name))[0] == 0
    assert "BEGIN:VCARD" in (tmp_path / "c.vcf").read_text()
    code, _, err = nk("import", str(tmp_path / "missing.csv"))
    assert code == 1 and "does not exist" in err


def test_archived_contacts_leave_the_lists_and_the_queue_and_come_back(nk):
    nk("add", "Ada Lovelace")
    nk("log", "Ada Lovelace", "--kind", "message", "--by", "them", "--on", "2026-11-20")
    assert [i["kind"] for i in json.loads(nk("queue", "--json")[1])] == ["respond"]
    assert nk("archive", "ada lovelace")[0] == 0
    assert json.loads(nk("contacts", "--json")[1]) == []
    assert json.loads(nk("queue", "--json")[1]) == []
    assert [c["name"] for c in json.loads(nk("contacts", "--json", "--archived")[1])] == [
        "Ada Lovelace"]
    assert nk("unarchive", "Ada Lovelace")[0] == 0
    assert [i["kind"] for i in json.loads(nk("queue", "--json")[1])] == ["respond"]


def test_a_tag_cadence_is_given_to_new_contacts(nk):
    nk("add", "Grace Hopper", "--tag", "mentors")
    code, _, err = nk("tag", "nobody", "--cadence", "30")
    assert code == 1 and "No tag named 'nobody'" in err
    assert nk("tag", "mentors", "--cadence", "30")[0] == 0
    nk("add", "Alan Turing", "--tag", "mentors")
    rows = {c["name"]: c["cadence_days"] for c in json.loads(nk("contacts", "--json")[1])}
    assert rows == {"Grace Hopper": 90, "Alan Turing": 30}
    assert json.loads(nk("tags", "--json")[1]) == [
        {"name": "mentors", "cadence_days": 30, "contacts": 2}]
