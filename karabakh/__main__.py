"""``python -m karabakh``: the command line, :mod:`karabakh.publishing.cli` (``--help`` lists the commands)."""

import sys

from karabakh.publishing.cli import main

if __name__ == "__main__":
    sys.exit(main())
