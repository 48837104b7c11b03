"""The ``edgetpu-compare`` command line: one parser, one module per subcommand.

Core subcommands (run, doctor, models, inspect) live in ``core``; the window layer adds ``gui`` and
``screenshot`` through ``extra`` so that ``core`` never imports Qt. A user mistake prints one
``error:`` line with a remedy and exits 2; it never prints a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import signal
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NoReturn

from core.errors import AppError
from core.io.streams import guarded, stdout_failure
from core.io.terminal import safe

EXIT_OK = 0
EXIT_BACKEND_FAILED = 1
EXIT_USAGE = 2
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell shows for a reader that went away


@dataclass(frozen=True)
class Command:
    """A subcommand: how to add its options and what to run. ``module`` is imported lazily."""

    name: str
    help: str
    module: str  # provides add_arguments(parser) and run(args) -> int


CORE_COMMANDS = (
    Command("run", "measure a model on the CPU and the Edge TPU and compare", "core.cli.run"),
    Command("doctor", "check runtimes and Edge TPU devices, and say how to fix problems",
            "core.cli.doctor"),
    Command("models", "list or fetch the sample models", "core.cli.models"),
    Command("inspect", "show what runs where: a model's input, output, operations and "
            "parameters", "core.cli.inspect"),
)


class _Parser(argparse.ArgumentParser):
    """argparse that reports a mistake as one line with a remedy, exit code 2."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"error: {safe(message)}. Run '{self.prog} --help' to see the "
                         "options.\n")
        raise SystemExit(EXIT_USAGE)


def build_parser(commands: Sequence[Command]) -> argparse.ArgumentParser:
    parser = _Parser(
        prog="edgetpu-compare",
        description="Compare a TensorFlow Lite model (a classifier, a detector, a segmenter, a "
        "pose model or any other) on the CPU and a Coral Edge TPU: how fast, and whether they "
        "agree. "
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
    """Parse ``argv`` and run the chosen subcommand; ``default`` runs when none is named.

    Whatever happens, the end is one line: Ctrl-C at any moment (even while modules load) is
    ``error: interrupted``, SIGTERM and SIGHUP end like Ctrl-C (files cleaned up by the
    ``finally`` blocks on the way out), and a closed or broken stdout (``| head -1``) ends
    quietly with 141, as a shell reports a process stopped by SIGPIPE. stdout that cannot be
    written (a full disk) or cannot encode a label does not stop the command
    (``core.io.streams``): its files are still written, and a full stdout is reported at the
    end, exit 1 when the command had succeeded.
    """
    _ensure_streams()
    with guarded() as out:
        code = _main(argv, extra, default)
        failure = stdout_failure(out)
    if failure:
        _say(failure)
        return code or EXIT_BACKEND_FAILED
    return code


def _main(argv: Sequence[str] | None, extra: Sequence[Command], default: str | None) -> int:
    previous = _install(_raise_stop)
    try:
        code = _run(argv, extra, default)
        sys.stdout.flush()
        return code
    except KeyboardInterrupt as exc:
        signum = exc.signum if isinstance(exc, Stopped) else signal.SIGINT
        _say("error: interrupted. Run the command again to start over.\n")
        return 128 + signum
    except ImportError:
        # Ctrl-C while a C extension imports (numpy's, Pillow's) is swallowed there and comes
        # back as an ImportError ("could not import module datetime"): still an interruption.
        if not _received:
            raise
        _say("error: interrupted. Run the command again to start over.\n")
        return 128 + _received[-1]
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    finally:
        for s, handler in previous.items():
            with contextlib.suppress(ValueError, OSError):
                signal.signal(s, handler)


def _install(handler: Callable[[int, object], None]) -> dict[int, Any]:
    try:
        return {s: signal.signal(s, handler) for s in _STOP_SIGNALS}
    except ValueError:  # not the main thread (a test): signals stay as they are
        return {}


class Stopped(KeyboardInterrupt):
    """SIGINT, SIGTERM or SIGHUP outside a run: unwinds like Ctrl-C, so that cleanup runs."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


_STOP_SIGNALS = tuple(getattr(signal, n) for n in ("SIGINT", "SIGTERM", "SIGHUP")
                      if hasattr(signal, n))
_received: list[int] = []  # the stop signals this process has received, oldest first


def _raise_stop(signum: int, _frame: object) -> None:
    _received.append(signum)
    raise Stopped(signum)


def _ensure_streams() -> None:
    """A program started with stdout or stderr closed (``>&-``) gets /dev/null instead of None."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so that the exit's flush cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (AttributeError, OSError, ValueError):
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115


def _say(text: str) -> None:
    try:
        sys.stderr.write(text)
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _run(argv: Sequence[str] | None, extra: Sequence[Command], default: str | None) -> int:
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
        _say(f"error: {safe(exc.info.one_line())}\n")
        return EXIT_USAGE
