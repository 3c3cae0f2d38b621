"""The frozen bundle's entry point: the same `main` the `netkeeper` console script runs."""

import multiprocessing
import os
import sys

if __name__ == "__main__":
    # A worker process started by a frozen program must not run main() again.
    multiprocessing.freeze_support()
    # matplotlib picks its Qt binding by what is imported, then QT_API; only PySide6 is bundled.
    os.environ.setdefault("QT_API", "pyside6")
    from netkeeper.__main__ import main

    sys.exit(main())
