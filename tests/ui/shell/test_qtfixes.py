"""The emit reference-count fix: emitting signals from Python must not eat references to True."""

import sys

import pytest
from PySide6.QtCore import QObject, Signal

import netkeeper.ui  # noqa: F401 (installs the fix)
from netkeeper.ui.shell.qtfixes import emit_loses_a_reference

pytestmark = pytest.mark.gui


class Emitter(QObject):
    value = Signal(object)


def test_emitting_keeps_the_reference_count_of_true():
    emitter = Emitter()
    before = sys.getrefcount(True)
    for _ in range(1000):
        emitter.value.emit(1)
    assert sys.getrefcount(True) >= before
    assert not emit_loses_a_reference()
