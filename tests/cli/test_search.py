"""Search from the command line: accents, case and word order folded; interaction summaries."""

import json


def names(out: str) -> list[str]:
    return [c["name"] for c in json.loads(out)]


def test_contacts_search_folds_accents_and_case_and_ignores_word_order(nk):  # noqa: F811
    nk("add", "José Álvarez-Núñez", "--company", "Telefónica", "--title", "Ingeniero")
    nk("add", "Andrés Ortiz", "--email", "andres@example.org", "--tag", "Écrivains")
    nk("add", "Zoe Park", "--company", "Acme")
    for query, expected in (("jose", ["José Álvarez-Núñez"]), ("alvarez", ["José Álvarez-Núñez"]),
                            ("TELEFONICA", ["José Álvarez-Núñez"]),
                            ("nunez jose", ["José Álvarez-Núñez"]),
                            ("andres ortiz", ["Andrés Ortiz"]), ("ortiz andrés", ["Andrés Ortiz"]),
                            ("ecrivains", ["Andrés Ortiz"]),
                            ("ingeniero telefonica", ["José Álvarez-Núñez"]),
                            ("jose acme", [])):
        code, out, _ = nk("contacts", "--search", query, "--json")
        assert code == 0
        assert names(out) == expected, query


def test_search_finds_interactions_by_their_summary_and_follows_edits(nk):  # noqa: F811
    nk("add", "Ada Lovelace")
    nk("add", "Bob Stone")
    nk("log", "Ada", "--kind", "call", "--note", "Revisó la propuesta técnica del libro")
    nk("log", "Bob", "--kind", "meeting", "--note", "Coffee about the launch")
    code, out, _ = nk("search", "TECNICA propuesta", "--json")
    assert code == 0
    found = json.loads(out)
    assert [f["summary"] for f in found] == ["Revisó la propuesta técnica del libro"]
    assert found[0]["contacts"] == ["Ada Lovelace"]
    code, out, _ = nk("search", "launch", "--contact", "Ada", "--json")
    assert json.loads(out) == []
    code, out, _ = nk("search", "laun")  # a word typed halfway still finds it
    assert "Coffee about the launch" in out
    code, out, _ = nk("search", "nothing-like-this")
    assert code == 0 and "No interaction mentions" in out
    code, _, err = nk("search", "  ")
    assert code == 1 and err.count("\n") == 1


def test_a_contact_never_in_touch_is_new_not_dormant(nk):  # noqa: F811
    nk("add", "Fresh Face")
    nk("add", "Old Friend")
    nk("log", "Old Friend", "--kind", "call", "--on", "2020-01-01")
    code, out, _ = nk("contacts", "--status", "new", "--json")
    assert code == 0 and names(out) == ["Fresh Face"]
    code, out, _ = nk("contacts", "--status", "dormant", "--json")
    assert names(out) == ["Old Friend"]
    nk("log", "Fresh Face", "--kind", "message")
    code, out, _ = nk("contacts", "--status", "new", "--json")
    assert names(out) == []
