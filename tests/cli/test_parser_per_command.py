"""The command line builds only the parser of the command being run, and it is the same parser
the whole command line has (help and mistakes still see every command)."""

from __future__ import annotations

import pytest

from netkeeper.cli import build_parser, command_named


def _subparsers(parser):
    return next(a for a in parser._actions if a.dest == "command").choices


def _shape(parser) -> list[tuple]:
    """What a parser accepts, nested actions included."""
    shape = []
    for a in parser._actions:
        shape.append((tuple(a.option_strings), a.dest, a.nargs, repr(a.default), a.required,
                      getattr(a.type, "__name__", repr(a.type)), repr(a.choices)
                      if not isinstance(a.choices, dict) else sorted(a.choices)))
        if isinstance(a.choices, dict):
            shape += [(name, *_shape(p)) for name, p in sorted(a.choices.items())]
    return shape


ALL = _subparsers(build_parser())


@pytest.mark.parametrize("name", sorted(ALL))
def test_a_commands_own_parser_is_the_one_the_whole_command_line_has(name):
    built = _subparsers(build_parser(name))
    assert list(built) == [name]  # only this one was built
    assert _shape(built[name]) == _shape(ALL[name])


def test_a_mistyped_command_is_told_every_command(capsys):
    with pytest.raises(SystemExit) as exit_:
        build_parser(command_named(["--today", "2026-11-22", "plna"])).parse_args(
            ["--today", "2026-11-22", "plna"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'plna'" in err and "'plan'" in err and "'queue'" in err


def test_the_command_is_found_after_the_global_options():
    assert command_named(["--db", "plan.sqlite", "--today", "2026-11-22", "plan", "--json"]) \
        == "plan"
    assert command_named(["--db=x.sqlite", "queue"]) == "queue"
    assert command_named(["--version"]) is None and command_named([]) is None


def test_the_table_of_commands_names_what_each_module_registers():
    """`COMMANDS` (which module to import for a command) against each module's own register."""
    import argparse
    import importlib

    from netkeeper.commands import COMMANDS, MODULE_NAMES

    class Recorder:
        def __init__(self):
            self.names = []

        def add_parser(self, name, **kwargs):
            self.names.append(name)
            return argparse.ArgumentParser(add_help=False)

    assert sorted(COMMANDS) == sorted(MODULE_NAMES)
    for module in MODULE_NAMES:
        recorder = Recorder()
        importlib.import_module(f"netkeeper.commands.{module}").register(recorder)
        assert recorder.names == COMMANDS[module], module
    assert sorted(ALL) == sorted(n for names in COMMANDS.values() for n in names)
