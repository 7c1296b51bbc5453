"""``python -m govefficiency`` runs the command line."""

import sys

from govefficiency.cli import main

sys.exit(main())
