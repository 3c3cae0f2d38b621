"""Files read as a stream (issue 12): what the readers see must not depend on where the file's
256 KB pieces happen to be cut, and an encoding chosen from the first megabyte must still give
the user the right names, or name the lines it could not read."""

import codecs
import csv
import io

import pytest

from netkeeper.interchange import ImportFileError, read_bytes, read_file
from netkeeper.interchange.textsource import CHUNK_BYTES, SAMPLE_BYTES

HEADER = "Name,E-mail,Notes"


def _row(n: int, newline: str) -> str:
    notes = f'"met at event {n}{newline}second line"' if n % 7 == 0 else f"note {n}"
    return f"Zoë Åström {n},zoe{n}@example.com,{notes}{newline}"


def _straddling(newline: str, encoding: str, bom: bytes) -> str:
    """Rows with a piece boundary cut inside each of them: inside the "Å" of a name, inside or
    just after a quoted line break, inside or just before the line end."""
    def size_of(text: str) -> int:
        return len(text.encode(encoding))

    parts = [HEADER + newline]
    size = len(bom) + size_of(parts[0])
    n = 0
    for boundary in range(1, 7):
        target = boundary * CHUNK_BYTES
        while size < target - 300:
            parts.append(_row(n, newline))
            size += size_of(parts[-1])
            n += 1
        tail = f' Åström{n},pad{n}@example.com,"a{newline}b"{newline}'
        cuts = [size_of(tail[:tail.index("Å")]) + 1, size_of(tail[:tail.index('"a') + 2]) + 1,
                size_of(tail[:tail.index("b")]), size_of(tail) - 1, size_of(tail),
                size_of(tail[:-len(newline)]) + 1]
        pad = (target - cuts[boundary - 1] - size - size_of("Pad")) // size_of("x")
        parts.append("Pad" + "x" * pad + tail)
        size += size_of(parts[-1])
        n += 1
    parts += [_row(n + i, newline) for i in range(50)]
    return "".join(parts)


def _expected(text: str) -> list[tuple[int, str]]:
    """(line, name) of every row, as the csv module reads the whole text at once."""
    reader = csv.reader(io.StringIO(text, newline=""))
    rows, line = [], 0
    for cells in reader:
        start, line = line + 1, reader.line_num
        if start > 1:
            rows.append((start, cells[0]))
    return rows


@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"])
@pytest.mark.parametrize(("encoding", "bom"), [("utf-8", b""), ("utf-16-le", codecs.BOM_UTF16_LE)])
def test_rows_cut_across_the_pieces_of_the_file_read_whole(tmp_path, newline, encoding, bom):
    text = _straddling(newline, encoding, bom)
    path = tmp_path / "people.csv"
    path.write_bytes(bom + text.encode(encoding))
    parsed = read_file(path)
    expected = _expected(text)
    assert len(text.encode(encoding)) > 6 * CHUNK_BYTES
    assert [(c.line, c.name) for c in parsed.contacts] == [
        (line, name.replace("\r\n", " ").replace("\r", " ").replace("\n", " "))
        for line, name in expected]
    assert not parsed.warnings and parsed.skipped == []


def test_a_file_that_stops_being_utf8_after_the_first_megabyte_is_read_in_its_encoding():
    """Plain ASCII for more than the sample, then one Windows-1252 name: the quick UTF-8 pass
    finds the first byte that is not UTF-8, and the encoding is detected around it."""
    ascii_rows = "".join(f"Person {i},p{i}@example.com\r\n" for i in range(60_000))
    data = ("Name,E-mail\r\n" + ascii_rows).encode()
    assert len(data) > SAMPLE_BYTES
    parsed = read_bytes(data + "Zoë Çelik,zoe@example.com\r\n".encode("cp1252"))
    assert parsed.encoding == "cp1252"
    assert (parsed.contacts[-1].line, parsed.contacts[-1].name) == (60_002, "Zoë Çelik")
    assert not any("\ufffd" in c.name for c in parsed.contacts)


def test_bytes_a_sampled_encoding_cannot_read_are_named_by_line():
    """A legacy encoding is chosen from the first megabyte; a later line in a second encoding
    keeps its row, shows the unreadable bytes as \ufffd, and a warning names the line."""
    rows = "".join(f"Zoë Çelik {i},zoe{i}@example.com,Société Générale\r\n" for i in range(30_000))
    head = ("Name,E-mail,Company\r\n" + rows).encode("cp1252")
    assert len(head) > SAMPLE_BYTES
    data = head + b"Ren\xe9e B\x81d,bad@example.com,X\r\nLast Row,last@example.com,Y\r\n"
    parsed = read_bytes(data)
    assert parsed.encoding == "cp1252"
    assert [c.name for c in parsed.contacts[-2:]] == ["Renée B\ufffdd", "Last Row"]
    assert parsed.contacts[-2].line == 30_002
    (warning,) = [w for w in parsed.warnings if "not cp1252" in w]
    assert "Line 30002 " in warning
    assert parsed.contacts[0].name == "Zoë Çelik 0"


def test_a_file_of_one_endless_line_is_refused_without_holding_it(tmp_path):
    path = tmp_path / "one-line.csv"
    with open(path, "wb") as handle:
        handle.write(b"Name,E-mail," + b"x," * (17 * 1024 * 1024))
    with pytest.raises(ImportFileError, match="Line 1 of the file is longer than 32 million"):
        read_file(path)


def test_a_big_vcard_file_is_read_card_by_card_in_every_encoding(tmp_path):
    """vCards over several pieces: UTF-8 with iOS's CR CR LF, and Windows-1252 with lines that
    name their own CHARSET (read line by line in it)."""
    def card(n: int, end: str) -> str:
        return end.join(["BEGIN:VCARD", "VERSION:2.1", f"N:Åström {n};Zoë", f"FN:Zoë Åström {n}",
                         f"EMAIL:zoe{n}@example.com", "NOTE:" + "long notes " * 40,
                         "END:VCARD", ""])
    count = 2_500
    apple = tmp_path / "apple.vcf"
    apple.write_bytes("".join(card(n, "\r\r\n") for n in range(count)).encode())
    parsed = read_file(apple)
    assert len(parsed.contacts) == count and parsed.encoding == "utf-8"
    assert (parsed.contacts[-1].line, parsed.contacts[-1].name) == (
        7 * (count - 1) + 1, f"Zoë Åström {count - 1}")
    legacy = tmp_path / "phone.vcf"
    text = "".join(card(n, "\r\n") for n in range(count)).encode("cp1252")
    text += (b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=SHIFT_JIS:"
             + "山田;太郎".encode("shift_jis") + b"\r\nEND:VCARD\r\n")
    legacy.write_bytes(text)
    parsed = read_file(legacy)
    assert len(parsed.contacts) == count + 1 and parsed.encoding == "cp1252"
    assert parsed.contacts[0].name == "Zoë Åström 0"
    assert parsed.contacts[-1].name == "太郎 山田"


def test_a_letter_cut_by_the_end_of_the_sample_is_still_utf8():
    """A first line longer than the sample, with a two-byte letter across its end: the UTF-8
    check goes on from the half letter, the file stays UTF-8."""
    header = b"Name,E-mail," + b"N" * (SAMPLE_BYTES - 13) + "é".encode()
    parsed = read_bytes(header + "\r\nZoë,zoe@example.com\r\n".encode())
    assert parsed.encoding == "utf-8" and not parsed.warnings
    assert [c.name for c in parsed.contacts] == ["Zoë"]
