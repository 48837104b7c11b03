"""Console entry point: the core command line plus the subcommands that need a window.

Qt is imported only when ``gui`` or ``screenshot`` actually runs, so ``edgetpu-compare run`` and
``doctor`` work on a machine where Qt cannot load. Nothing is imported at module level: Ctrl-C
pressed while the program starts must end in one line, not in an import's traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    try:
        from core.cli.main import Command
        from core.cli.main import main as core_main
    except KeyboardInterrupt:
        sys.stderr.write("error: interrupted. Run the command again to start over.\n")
        return 130
    commands = (
        Command("gui", "open the comparison window (the default)", "gui.app.cli_gui"),
        Command("screenshot", "render the window offscreen after a run and save a PNG",
                "gui.app.cli_screenshot"),
    )
    return core_main(argv, extra=commands, default="gui")


if __name__ == "__main__":
    sys.exit(main())
