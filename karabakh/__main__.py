"""``python -m karabakh``: the command line, :mod:`karabakh.build.cli` (``--help`` lists the commands)."""

import sys

from karabakh.build.cli import main

if __name__ == "__main__":
    sys.exit(main())
