"""The applications-menu entry on Linux: an XDG desktop entry and the icon, for this user only.

    python -m gui.app.desktop_entry install [--exec PATH]   # ./bootstrap app does this
    python -m gui.app.desktop_entry remove

It writes ``applications/edgetpu-compare.desktop`` and ``icons/hicolor/*/apps/edgetpu-compare.*``
under ``$XDG_DATA_HOME`` (``~/.local/share``), nothing system-wide, and removes exactly those.
Qt-free: the icon files are copied from the installed package as bytes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path

from core.io.outputs import mode_for

NAME = "edgetpu-compare"
ASSETS = "gui.assets"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def data_home(environ: Mapping[str, str] | None = None) -> Path:
    value = (os.environ if environ is None else environ).get("XDG_DATA_HOME", "")
    return Path(value) if value and Path(value).is_absolute() else Path.home() / ".local" / "share"


def entry_path(home: Path) -> Path:
    return home / "applications" / f"{NAME}.desktop"


def icon_files(home: Path) -> dict[Path, str]:
    """Where each icon goes, and which file of the package it is."""
    hicolor = home / "icons" / "hicolor"
    files = {hicolor / f"{s}x{s}" / "apps" / f"{NAME}.png": f"{NAME}-{s}.png" for s in SIZES}
    files[hicolor / "scalable" / "apps" / f"{NAME}.svg"] = f"{NAME}.svg"
    return files


def default_exec() -> Path | None:
    """The ``edgetpu-compare`` script beside this Python (a venv's or pipx's bin), else on PATH."""
    beside = Path(sys.executable).parent / NAME
    if beside.is_file():
        return beside.absolute()
    found = shutil.which(NAME)
    return Path(found).absolute() if found else None


def _quoted(path: Path) -> str:
    """An ``Exec`` argument as the Desktop Entry spec quotes it."""
    text = str(path)
    if not any(c in text for c in ' \t"\'\\><~|&;$*?#()`'):
        return text
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`").replace("$", "\\$")
    return f'"{escaped}"'


def entry_text(program: Path) -> str:
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.5",
        "Name=Edge TPU Compare",
        "Name[ja]=Edge TPU 比較",
        "GenericName=Accelerator benchmark",
        "Comment=How much faster a Coral Edge TPU runs a TensorFlow Lite model than the CPU",
        "Comment[ja]=Coral Edge TPU が CPU よりどれだけ速く画像分類を実行するかを比べます",
        f"Exec={_quoted(program)} gui",
        f"Icon={NAME}",
        "Terminal=false",
        "Categories=Development;Science;Education;",
        "Keywords=Coral;TPU;TensorFlow;TFLite;benchmark;",
        f"StartupWMClass={NAME}",
        "",
    ])


def _write(path: Path, data: bytes) -> None:
    """All or nothing: a temporary file in the same folder, renamed over the old one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, mode_for(path))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def install(program: Path, home: Path) -> list[Path]:
    """Write the icon and the entry (the entry last, so a menu never shows it without an icon)."""
    icons = resources.files(ASSETS) / "icons"
    written = []
    for target, name in icon_files(home).items():
        _write(target, (icons / name).read_bytes())
        written.append(target)
    entry = entry_path(home)
    _write(entry, entry_text(program).encode("utf-8"))
    written.append(entry)
    return written


def remove(home: Path) -> list[Path]:
    removed = []
    for path in [entry_path(home), *icon_files(home)]:
        if path.is_file():
            path.unlink()
            removed.append(path)
    return removed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gui.app.desktop_entry", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("install", "remove"))
    parser.add_argument("--exec", dest="program", type=Path, metavar="PATH",
                        help="the edgetpu-compare program the entry starts "
                        "(default: the one beside this Python)")
    args = parser.parse_args(argv)
    home = data_home()
    try:
        if args.command == "remove":
            removed = remove(home)
            print(f"Removed {len(removed)} files of the {NAME} menu entry from {home}"
                  if removed else f"No {NAME} menu entry was installed in {home}")
            return 0
        program = args.program or default_exec()
        if program is None or not program.is_file():
            sys.stderr.write(f"error: the {NAME} program was not found; install the package, "
                             "or give --exec PATH\n")
            return 2
        install(program.absolute(), home)
    except OSError as exc:
        sys.stderr.write(f"error: {exc.filename or home}: {exc.strerror}; check that you may "
                         f"write to {home}\n")
        return 1
    print(f"Installed the menu entry {entry_path(home)} (starts {program}); "
          f"remove it with: python -m gui.app.desktop_entry remove")
    return 0


if __name__ == "__main__":
    sys.exit(main())
