"""``python -m tui.cli``: what the browser tabs of ``kontext serve`` and the tests run."""

import sys

from tui.cli import main

sys.exit(main())
