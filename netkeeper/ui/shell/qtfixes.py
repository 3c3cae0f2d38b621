"""Work-arounds for bugs in the Qt binding, installed once when the ui package is imported.

PySide6 6.12 on Python 3.11: `SignalInstance.emit()` returns `True` without taking a reference
to it, so every `signal.emit(...)` made from Python drops one reference to `True`. After a few
thousand emits the interpreter aborts ("Fatal Python error: bool_dealloc: deallocating True or
False"), typically at exit. The fix gives back the reference the binding forgot. It is only
installed when a probe emit shows the bug (on Python 3.12+ `True` is immortal and nothing is
lost), so a fixed PySide6 turns it off by itself.
"""

from __future__ import annotations

import ctypes
import logging
import sys

from PySide6.QtCore import QObject, Signal, SignalInstance

log = logging.getLogger("netkeeper.ui")
_installed = False


class _Probe(QObject):
    ping = Signal()


def emit_loses_a_reference() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(10):
        probe.ping.emit()
    return sys.getrefcount(True) < before


def install_emit_refcount_fix() -> bool:
    """Patch `SignalInstance.emit` if (and only if) it loses references; True if patched."""
    global _installed
    if _installed or not emit_loses_a_reference():
        return _installed
    original = SignalInstance.emit
    incref = ctypes.pythonapi.Py_IncRef
    incref.argtypes = [ctypes.py_object]
    incref.restype = None

    def emit(self, *args):
        result = original(self, *args)
        incref(result)  # the reference the binding forgot to take
        return result

    SignalInstance.emit = emit
    _installed = True
    log.debug("installed the SignalInstance.emit reference-count fix")
    return True
