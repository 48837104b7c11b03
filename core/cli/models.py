"""``edgetpu-compare models list | fetch``: what sample files exist, and getting them.

``fetch --from`` a folder (for example a copy of ``../shared/coral`` on a USB stick) is how an
offline booth laptop and CI get the files; ``--from`` an http(s) address uses a mirror with the
same layout. Exit codes of ``fetch``: 0 all files verified, 1 some failed (one ``error:`` line
each), 2 bad usage (the source or destination cannot be used).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TextIO

from core.io.paths import folder_problem, resolve_safely
from core.io.terminal import safe
from core.samples.fetcher import FetchProgress, FetchSummary, fetch, resolve_source
from core.samples.manifest import load_manifest
from core.samples.model_dirs import default_dest, labelled_model_dirs, locate, model_dirs

EXIT_OK = 0
EXIT_SOME_FAILED = 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="models_command", metavar="ACTION", required=True)
    listing = sub.add_parser("list", help="show the known sample files and which are present",
                             description="Show every sample file the manifest knows, whether a "
                             "verified copy is present, and where.")
    listing.add_argument("--models-dir", type=Path, metavar="DIR",
                         help="look here first (then EDGETPU_COMPARE_MODELS, then the user data "
                         "folder)")
    listing.add_argument("--quick", action="store_true",
                         help="compare sizes only, without computing SHA-256")
    getting = sub.add_parser("fetch", help="download or copy the sample files and verify them",
                             description="Download (or copy from a folder) every sample file, "
                             "check its size and SHA-256, and install it.")
    getting.add_argument("--from", dest="source", metavar="DIR_OR_URL",
                         help="a folder with models/, labels/ and images/, or a mirror's base "
                         "address (default: Coral's GitHub repositories, at pinned commits)")
    getting.add_argument("--dest", type=Path, metavar="DIR",
                         help="install here (default: --models-dir, else the first folder in "
                         "EDGETPU_COMPARE_MODELS, else the user data folder)")
    getting.add_argument("--models-dir", type=Path, metavar="DIR",
                         help="the folder the app is told to look in; the default --dest")


def run(args: argparse.Namespace) -> int:
    if args.models_command == "list":
        return run_list(args.models_dir, full=not args.quick)
    return run_fetch(args.source, args.dest or default_dest(args.models_dir))


def run_list(explicit: Path | None, full: bool = True, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    manifest = load_manifest()
    searched = labelled_model_dirs(explicit)
    dirs = [path for path, _ in searched]
    out.write("Searched, in order:\n")
    for number, (path, label) in enumerate(searched, 1):
        problem = folder_problem(path) if label != "user data" else ""
        note = f"; it {problem}" if problem else ""
        out.write(f"  {number}. {safe(path)} ({label}{note})\n")
    rows = [("FILE", "KIND", "SIZE", "STATUS", "LOCATION")]
    good = 0
    for entry in manifest.entries:
        located = locate(entry, dirs, full)
        root = _root_of(located.path, dirs) if located.path else None
        good += located.status.usable
        rows.append((entry.path, entry.kind, _mb(entry.size) if entry.size else "?",
                     located.status.value,
                     str(root) if root else "-"))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    out.write("\n")
    for row in rows:
        out.write("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4]))
                  + "  " + row[4] + "\n")
    word = "present and verified" if full else "present (sizes match; SHA-256 not checked)"
    out.write(f"\n{good} of {len(manifest.entries)} files {word}.\n")
    if good < len(manifest.entries):
        out.write("Get the missing ones with: edgetpu-compare models fetch\n")
    return EXIT_OK


def run_fetch(source: str | None, dest: Path, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    manifest = load_manifest()
    src = resolve_source(source)
    entries = manifest.demo_first()
    total = sum(e.size for e in entries)
    unsized = sum(1 for e in entries if not e.size)
    more = f" and {unsized} of no stated size" if unsized else ""
    out.write(f"Fetching {len(entries)} files ({_mb(total)}{more}) from {src.describe()} "
              f"into {dest}\n")
    bar = _ProgressPrinter(out)
    summary = fetch(entries, dest, src, on_progress=bar)
    bar.finish()
    _report(summary, dest, out)
    return EXIT_OK if summary.ok else EXIT_SOME_FAILED


def _report(summary: FetchSummary, dest: Path, out: TextIO) -> None:
    out.write(f"Installed {len(summary.installed)}, already present {len(summary.skipped)}, "
              f"failed {len(summary.failed) + len(summary.not_tried)}.\n")
    for failure in summary.failed:
        sys.stderr.write(f"error: {failure.error.one_line()}\n")
    if summary.not_tried:
        sys.stderr.write(f"error: {len(summary.not_tried)} other files were not tried because "
                         "the source could not be reached. Check the connection, or use "
                         "--from with a folder that holds the files.\n")
    manifest = load_manifest()
    if any(f.path in manifest.demo.paths() for f in summary.failed) or summary.not_tried:
        return
    model, labels, image = (manifest.entry(p).local_path(dest) for p in manifest.demo.paths())
    out.write(f"Try: edgetpu-compare run --model {model} --labels {labels} --image {image}\n")
    if resolve_safely(dest) not in {resolve_safely(d) for d in model_dirs()}:
        out.write(f"The app looks in {dest} only when told: pass --models-dir {dest} or set "
                  f"EDGETPU_COMPARE_MODELS={dest}.\n")


class _ProgressPrinter:
    """A one-line bar redrawn in place on a terminal; one line per file otherwise."""

    WIDTH = 24

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.tty = bool(getattr(out, "isatty", lambda: False)())
        self.last_draw = 0.0
        self.drawn = False

    def __call__(self, progress: FetchProgress) -> None:
        if progress.state == "fetching":
            now = time.monotonic()
            if self.tty and now - self.last_draw >= 0.1:
                self.last_draw = now
                self._draw(progress)
            return
        self._clear()
        word = {"installed": "installed", "skipped": "present  ", "failed": "FAILED   ",
                "retrying": "retrying "}.get(progress.state, progress.state)
        detail = f"  ({progress.message})" if progress.state == "retrying" else ""
        self.out.write(f"  [{progress.files_done}/{progress.files_total}] {word} "
                       f"{progress.file}{detail}\n")
        self.out.flush()

    def _draw(self, progress: FetchProgress) -> None:
        fraction = progress.done_bytes / progress.total_bytes if progress.total_bytes else 1.0
        filled = int(fraction * self.WIDTH)
        line = (f"  {fraction:4.0%} [{'#' * filled}{' ' * (self.WIDTH - filled)}] "
                f"{progress.done_bytes / 1e6:5.1f}/{progress.total_bytes / 1e6:.1f} MB  "
                f"{progress.file}")
        self.out.write("\r\033[K" + line)
        self.out.flush()
        self.drawn = True

    def _clear(self) -> None:
        if self.drawn:
            self.out.write("\r\033[K")
            self.drawn = False

    def finish(self) -> None:
        self._clear()
        self.out.flush()


def _root_of(path: Path, dirs: list[Path]) -> Path | None:
    for folder in dirs:
        if path.is_relative_to(folder):
            return folder
    return None


def _mb(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 100_000 else f"{size / 1e3:.1f} kB"

