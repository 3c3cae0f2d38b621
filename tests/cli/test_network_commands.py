"""link, unlink, links, intro and reach from the command line, as a script would use them."""

import json


def test_link_links_and_show_json_from_both_sides(nk):
    for name, company in (("Ada Lovelace", "Acme"), ("Bob Byte", "Acme"), ("Cara Chen", "")):
        assert nk("add", name, "--company", company)[0] == 0
    code, out, _ = nk("link", "Ada Lovelace", "Cara Chen", "--as", "mentor", "--since",
                      "2021-04-01")
    assert code == 0 and "Cara Chen is Ada Lovelace's mentor" in out
    code, out, _ = nk("links", "Cara Chen", "--json")
    data = json.loads(out)
    assert [(v["name"], v["role"], v["since"]) for v in data["links"]] == [
        ("Ada Lovelace", "mentee", "2021-04-01")]
    code, out, _ = nk("links", "Ada Lovelace")
    assert "Cara Chen (id 3): mentor" in out and "Bob Byte (id 2): colleague at Acme" in out
    shown = json.loads(nk("show", "Ada Lovelace", "--json")[1])
    assert shown["links"][0]["role"] == "mentor"
    assert shown["implied_colleagues"][0]["name"] == "Bob Byte"
    assert {"health_detail", "timeline", "followups", "emails"} <= set(shown)
    assert nk("unlink", "Cara Chen", "Ada Lovelace")[0] == 0
    code, _, err = nk("unlink", "Cara Chen", "Ada Lovelace")
    assert code == 1 and err.count("\n") == 1 and "not linked" in err


def test_intro_both_ways_the_queue_and_the_counts(nk):
    for name in ("Ada", "Bob", "Carol"):
        nk("add", name)
    code, out, _ = nk("intro", "Ada", "Bob", "--note", "both love compilers", "--json")
    assert code == 0 and json.loads(out)["id"] == 1
    assert nk("intro", "Ada", "--by", "Carol", "--on", "2026-11-20")[0] == 0
    queue = json.loads(nk("queue", "--all", "--json")[1])
    kinds = {(q["kind"], q["contact"]) for q in queue}
    assert {("intro_check", "Ada"), ("thank", "Carol"), ("ask_support", "Carol")} <= kinds
    check = next(q for q in queue if q["kind"] == "intro_check")
    assert check["title"] == "Did Ada and Bob meet?" and check["due"] == "2026-11-29"
    assert nk("done", str(check["id"]), "--note", "coffee went well")[0] == 0
    links = json.loads(nk("links", "Bob", "--json")[1])["links"]
    assert [(v["name"], v["kind"]) for v in links] == [("Ada", "acquaintance")]
    out = nk("show", "Carol")[1]
    assert "introduced you to 1 person; you introduced them to 0" in out
    code, _, err = nk("intro", "Ada")
    assert code == 1 and "Name the second person" in err
    code, _, err = nk("intro", "Ada", "Bob", "--by", "Carol")
    assert code == 1 and "not both" in err


def test_reach_answers_with_reasons_and_json(nk):
    for name, company in (("Maya", ""), ("Jon", "Acme")):
        nk("add", name, "--company", company)
    nk("log", "Maya", "--kind", "meeting", "--gave")
    nk("link", "Maya", "Jon", "--as", "colleague")
    code, out, _ = nk("reach", "Acme")
    assert code == 0 and "1. [" in out and "Maya (thriving, you gave 1) worked with Jon" in out
    data = json.loads(nk("reach", "Jon", "--json")[1])
    assert data["target"] == {"kind": "contact", "name": "Jon", "contacts": 1}
    assert data["paths"][0]["path"] == [{"contact_id": 1, "contact": "Maya"},
                                        {"contact_id": 2, "contact": "Jon"}]
    code, _, err = nk("reach", "Nobody")
    assert code == 1 and "no contact, tag or company" in err
