"""Entry point: `netkeeper` opens the desktop app, `netkeeper COMMAND` runs a command."""

import sys


def main(argv: list[str] | None = None) -> int:
    from netkeeper.cli import run

    return run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
