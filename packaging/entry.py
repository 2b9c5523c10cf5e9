"""Entry point of the frozen application: the same as the ``advisor`` command (no arguments or a
lone profile file opens the window)."""

import sys

from advisor.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
