"""Without the X11 libraries Qt's xcb plugin needs: one sentence naming them, not an abort."""

import ctypes.util

import pytest

from netkeeper.ui.shell import app


@pytest.mark.parametrize("env, expected", [
    ({"DISPLAY": ":0"}, True),
    ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, False),
    ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, False),
    ({"QT_QPA_PLATFORM": "xcb"}, True),
    ({"WAYLAND_DISPLAY": "wayland-0", "QT_QPA_PLATFORM": "wayland;xcb"}, False),
])
def test_only_an_xcb_session_is_checked(monkeypatch, env, expected):
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(app.sys, "platform", "linux")
    assert app.would_use_xcb() is expected


def test_the_missing_packages_are_named():
    present = {"xcb-icccm", "xcb-keysyms", "xcb-image", "xcb-render-util", "xkbcommon-x11"}
    assert app.missing_xcb_packages(lambda lib: lib in present) == ["libxcb-cursor0"]
    assert app.missing_xcb_packages(lambda lib: True) == []


def test_without_libxcb_cursor_the_app_exits_1_with_one_sentence(monkeypatch, tmp_path, capsys):
    real = ctypes.util.find_library
    monkeypatch.setattr(ctypes.util, "find_library",
                        lambda name: None if name == "xcb-cursor" else real(name))
    monkeypatch.setattr(app.sys, "platform", "linux")
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setenv("DISPLAY", ":0")
    db = tmp_path / "nk.sqlite"
    assert app.run_app(db) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "sudo apt install libxcb-cursor0" in err
    assert not db.exists()  # nothing was opened or written
