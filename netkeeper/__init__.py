"""NetKeeper: a desktop personal CRM for people who cultivate their network before they need it."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("netkeeper")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.1.0"
