"""The sync password lives in the system keyring (the `keyring` library), never in a file.

vdirsyncer asks for it by running `python -m netkeeper.sync.password HEX_URL USER`, which prints
it to vdirsyncer alone through a pipe (the address travels hex-encoded: vdirsyncer treats a
command's arguments as paths and would fold the `//` of `https://`).
"""

from __future__ import annotations

import sys

from netkeeper.core.errors import UserError

SERVICE = "NetKeeper sync"
NO_KEYRING = ("No system keyring is available to keep the sync password (NetKeeper never writes "
              "it to a file); install or unlock one — GNOME Keyring, KWallet, macOS Keychain or "
              "Windows Credential Locker — and run `netkeeper sync setup` again.")


def _key(url: str, user: str) -> str:
    return f"{user} @ {url}"


def _keyring():
    try:
        import keyring
        import keyring.errors
    except ImportError:
        raise UserError("Sync needs the sync extra: pip install 'netkeeper[sync]'.") from None
    return keyring


def store(url: str, user: str, password: str) -> None:
    keyring = _keyring()
    try:
        keyring.set_password(SERVICE, _key(url, user), password)
    except (keyring.errors.KeyringError, RuntimeError):
        raise UserError(NO_KEYRING) from None


def fetch(url: str, user: str) -> str | None:
    keyring = _keyring()
    try:
        return keyring.get_password(SERVICE, _key(url, user))
    except (keyring.errors.KeyringError, RuntimeError):
        raise UserError(NO_KEYRING) from None


def forget(url: str, user: str) -> None:
    keyring = _keyring()
    try:
        keyring.delete_password(SERVICE, _key(url, user))
    except (keyring.errors.KeyringError, RuntimeError):
        pass


def main(argv: list[str]) -> int:
    try:
        password = fetch(bytes.fromhex(argv[0]).decode("utf-8"), argv[1])
    except UserError as exc:
        print(exc, file=sys.stderr)
        return 1
    if password is None:
        print("No sync password is stored; run `netkeeper sync setup` again.", file=sys.stderr)
        return 1
    sys.stdout.write(password + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
