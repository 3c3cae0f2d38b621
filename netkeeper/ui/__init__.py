"""The desktop app (PySide6 only here)."""

from netkeeper.ui.shell.qtfixes import install_emit_refcount_fix

install_emit_refcount_fix()
