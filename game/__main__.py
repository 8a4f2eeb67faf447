"""``python -m game``: the same as the ``divergence`` command."""

import sys

from game.cli import main

sys.exit(main())
