"""vdirsyncer's conflict command: `python -m netkeeper.sync.resolve BASE_DIR A_FILE B_FILE`.

vdirsyncer calls it with the two versions of an item changed on both sides and takes the result
once both files are equal. BASE_DIR holds the last synced version of items NetKeeper has changed
since, by UID, so a field changed on one side only is never mistaken for a conflict.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from netkeeper.sync.merge import merge_texts
from netkeeper.sync.vdir import base_name


def main(argv: list[str]) -> int:
    base_dir, a_path, b_path = Path(argv[0]), Path(argv[1]), Path(argv[2])
    a_text = a_path.read_text(encoding="utf-8")
    b_text = b_path.read_text(encoding="utf-8")
    uid = re.search(r"^UID:(.*)$", a_text, re.M)
    base_file = base_dir / base_name(uid.group(1).strip()) if uid else None
    base_text = base_file.read_text(encoding="utf-8") if base_file and base_file.exists() else None
    merged = merge_texts(a_text, b_text, base_text)
    a_path.write_text(merged, encoding="utf-8")
    b_path.write_text(merged, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
