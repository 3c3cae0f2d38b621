"""NetKeeper: a desktop personal CRM for people who cultivate their network before they need it."""


def __getattr__(name: str) -> str:
    # The installed version is read only when asked for (--version, the About box): reading it
    # imports importlib.metadata and the email package, about 20 ms of every command.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("netkeeper")
        except PackageNotFoundError:  # running from a source tree that was never installed
            return "0.1.0"
    raise AttributeError(f"module 'netkeeper' has no attribute {name!r}")
