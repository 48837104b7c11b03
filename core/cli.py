"""The ``edgetpu-compare`` command line: one parser, one module per subcommand.

Core subcommands (run, doctor, models, inspect) live in ``core``; the window layer adds ``gui`` and
``screenshot`` through ``extra`` so that ``core`` never imports Qt. A user mistake prints one
``error:`` line with a remedy and exits 2; it never prints a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NoReturn

from core.errors import AppError

EXIT_OK = 0
EXIT_BACKEND_FAILED = 1
EXIT_USAGE = 2


@dataclass(frozen=True)
class Command:
    """A subcommand: how to add its options and what to run. ``module`` is imported lazily."""

    name: str
    help: str
    module: str  # provides add_arguments(parser) and run(args) -> int


CORE_COMMANDS = (
    Command("run", "measure a model on the CPU and the Edge TPU and compare", "core.cli_run"),
    Command("doctor", "check runtimes and Edge TPU devices, and say how to fix problems",
            "core.cli_doctor"),
    Command("models", "list or fetch the sample models", "core.cli_models"),
    Command("inspect", "show what runs where: a model's input, output, operations and "
            "parameters", "core.cli_inspect"),
)


class _Parser(argparse.ArgumentParser):
    """argparse that reports a mistake as one line with a remedy, exit code 2."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"error: {message}. Run '{self.prog} --help' to see the options.\n")
        raise SystemExit(EXIT_USAGE)


def build_parser(commands: Sequence[Command]) -> argparse.ArgumentParser:
    parser = _Parser(
        prog="edgetpu-compare",
        description="Compare a TensorFlow Lite image classifier on the CPU and a Coral Edge TPU. "
        "Without a subcommand, opens the window.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for command in commands:
        child = sub.add_parser(command.name, help=command.help, description=command.help)
        _module(command).add_arguments(child)
    return parser


def _module(command: Command) -> Any:
    return importlib.import_module(command.module)


def main(argv: Sequence[str] | None = None, extra: Sequence[Command] = (),
         default: str | None = None) -> int:
    """Parse ``argv`` and run the chosen subcommand; ``default`` runs when none is named."""
    commands = [*CORE_COMMANDS, *extra]
    args_list = list(sys.argv[1:] if argv is None else argv)
    names = {c.name for c in commands}
    if default and (not args_list or args_list[0] not in names | {"-h", "--help"}):
        args_list.insert(0, default)
    parser = build_parser(commands)
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:  # --help (0) or a usage error already printed (2)
        return int(exc.code or 0)
    if not args.command:
        parser.print_help()
        return EXIT_USAGE
    command = next(c for c in commands if c.name == args.command)
    runner: Callable[[argparse.Namespace], int] = _module(command).run
    try:
        return runner(args)
    except AppError as exc:
        sys.stderr.write(f"error: {exc.info.one_line()}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        sys.stderr.write("error: interrupted. Run the command again to start over.\n")
        return 130
