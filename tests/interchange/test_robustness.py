"""Files that cannot be read give one clear UserError; no input gives anything else."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netkeeper.core.errors import UserError
from netkeeper.interchange import ParsedFile, read_bytes, read_file

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = [p.read_bytes() for p in sorted(FIXTURES.iterdir()) if p.is_file()]


def test_missing_file(tmp_path):
    with pytest.raises(UserError, match="does not exist"):
        read_file(tmp_path / "nope.csv")


def test_folder_instead_of_file(tmp_path):
    with pytest.raises(UserError, match="is a folder"):
        read_file(tmp_path)


@pytest.mark.parametrize("data", [b"", b"   \r\n\r\n", b"\xef\xbb\xbf", b"\xff\xfe"])
def test_empty_file(data):
    with pytest.raises(UserError, match="empty"):
        read_bytes(data)


def test_binary_file():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    with pytest.raises(UserError, match="binary"):
        read_bytes(png)


def test_unknown_columns_name_the_columns():
    with pytest.raises(UserError, match=r"does not recognise this file's columns \(Invoice, "):
        read_bytes(b"Invoice,Amount,Due\r\n1001,50.00,2024-01-01\r\n")


def test_unknown_format_name():
    with pytest.raises(UserError, match="Unknown format 'excel'"):
        read_bytes(b"Name\r\nAda\r\n", format="excel")


def test_vcard_forced_on_a_csv_file():
    with pytest.raises(UserError, match="not a vCard file"):
        read_bytes(b"Name,Email\r\nAda,ada@example.com\r\n", format="vcard")


def test_csv_format_forced_on_a_vcard_file():
    with pytest.raises(UserError, match="This is a vCard file"):
        read_bytes((FIXTURES / "v4.vcf").read_bytes(), format="google")


def test_error_messages_are_one_sentence():
    messages = []
    for data in (b"", b"Invoice,Amount\r\n1,2\r\n", b"\x00\x01\x02" * 100):
        with pytest.raises(UserError) as info:
            read_bytes(data)
        messages.append(str(info.value))
    for message in messages:
        assert message.endswith(".") and "\n" not in message and "Traceback" not in message


def _mangle(data: bytes, edits: list[tuple[str, int, int]]) -> bytes:
    buf = bytearray(data)
    for op, position, value in edits:
        if not buf:
            break
        index = position % len(buf)
        if op == "flip":
            buf[index] ^= 1 << (value % 8)
        elif op == "nul":
            buf[index:index] = b"\x00" * (value % 4 + 1)
        elif op == "quote":
            buf[index:index] = b'"'
        elif op == "cut":
            del buf[index:]
        elif op == "big":
            buf[index:index] = b"x" * (value * 4096)
        elif op == "delim":
            buf[index:index] = b";\t,"[value % 3:value % 3 + 1]
        elif op == "newline":
            buf[index:index] = b"\r"
    return bytes(buf)


_edits = st.lists(st.tuples(
    st.sampled_from(["flip", "nul", "quote", "cut", "big", "delim", "newline"]),
    st.integers(0, 10_000), st.integers(0, 64)), max_size=6)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.sampled_from(SEEDS), edits=_edits,
       fmt=st.sampled_from(["auto", "auto", "auto", "netkeeper", "google", "outlook",
                            "linkedin", "vcard", "spreadsheet"]))
def test_mangled_files_give_a_parsed_file_or_a_user_error(seed, edits, fmt):
    try:
        parsed = read_bytes(_mangle(seed, edits), fmt)
    except UserError as exc:
        assert str(exc)
        return
    assert isinstance(parsed, ParsedFile)
    for record in parsed.contacts + parsed.interactions:
        assert record.line >= 1
    for skipped in parsed.skipped:
        assert skipped.line >= 1 and skipped.reason


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes_give_a_parsed_file_or_a_user_error(data):
    try:
        parsed = read_bytes(data)
    except UserError as exc:
        message = str(exc)
        assert message.strip() and "\n" not in message  # one clear sentence
        return
    assert isinstance(parsed, ParsedFile)
    for record in parsed.contacts + parsed.interactions:
        assert record.line >= 1
    for skipped in parsed.skipped:
        assert skipped.line >= 1 and skipped.reason


def test_the_delimiter_sniffer_sees_only_the_first_lines():
    """csv.Sniffer's regular expressions slow down steeply on stray quotes (8 s on 64 KiB of
    `a,"b`); it is given at most 8 KiB, cut at a line end, and the file still reads."""
    from netkeeper.interchange.csvtable import SNIFF_CHARS, _sniff_sample

    text = "Name,Email\n" + "Ada,ada@example.com\n" * 5000
    sample = _sniff_sample(text)
    assert len(sample) <= SNIFF_CHARS and sample.endswith("ada@example.com")
    with pytest.raises(UserError, match="does not recognise"):
        read_bytes(("a,\"b" * 40_000).encode())


REAL = sorted(p.read_bytes() for p in (FIXTURES / "real").iterdir()
              if p.is_file() and p.name != "SOURCES.md")  # capture/ has mail, calendars, chats


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.sampled_from(REAL), edits=_edits)
def test_mangled_real_exports_give_a_parsed_file_or_a_user_error(seed, edits):
    """The same on the real files of other programs (phones, mail clients, address books)."""
    try:
        parsed = read_bytes(_mangle(seed, edits))
    except UserError as exc:
        assert str(exc)
        return
    assert all(record.line >= 1 for record in parsed.contacts)
    assert all(skipped.line >= 1 and skipped.reason for skipped in parsed.skipped)


def test_a_header_cell_holding_a_line_break_is_named_on_one_line():
    """Found by the random-bytes test above: a quoted header cell with a line break in it."""
    with pytest.raises(UserError) as refused:
        read_bytes(b'"!\n!",x\n1,2\n')
    message = str(refused.value)
    assert "\n" not in message and "(! !, x)" in message
