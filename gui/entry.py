"""Console entry point: the core command line plus the subcommands that need a window.

Qt is imported only when ``gui`` or ``screenshot`` actually runs, so ``edgetpu-compare run`` and
``doctor`` work on a machine where Qt cannot load.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from core.cli import Command
from core.cli import main as core_main

GUI_COMMANDS = (
    Command("gui", "open the comparison window (the default)", "gui.cli_gui"),
    Command("screenshot", "render the window offscreen after a run and save a PNG",
            "gui.cli_screenshot"),
)


def main(argv: Sequence[str] | None = None) -> int:
    return core_main(argv, extra=GUI_COMMANDS, default="gui")


if __name__ == "__main__":
    sys.exit(main())
