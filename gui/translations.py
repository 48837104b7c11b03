"""The window's languages: Qt Linguist sources in ``resources/i18n``, built and loaded here.

English is the source language. ``edgetpu_compare_ja.ts`` holds every string in Japanese;
``edgetpu_compare_en.ts`` holds only the plural forms (``%n``), so that English reads "1 problem"
and "2 problems" rather than "problem(s)". The ``.qm`` files are built, never committed:

    python -m gui.translations update   # re-read gui/*.py with lupdate, keep what is translated
    python -m gui.translations build    # lrelease the .ts files into .qm (skipped when current)

Qt's own translations (``qtbase_ja``: the buttons of standard dialogs) come from PySide6.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
SOURCES = Path(__file__).resolve().parent
BASENAME = "edgetpu_compare"
LANGUAGES = ("en", "ja")
CHOICES = ("system", *LANGUAGES)
PLURALS_ONLY = {"en"}  # the source language needs only its numerus forms

_installed: list[QTranslator] = []
_choice = "system"


def ts_path(lang: str) -> Path:
    return I18N / f"{BASENAME}_{lang}.ts"


def qm_path(lang: str) -> Path:
    return I18N / f"{BASENAME}_{lang}.qm"


def source_files() -> list[Path]:
    return sorted(p for p in SOURCES.glob("*.py") if p.name != "__init__.py")


def _tool(name: str) -> str:
    """``pyside6-lupdate`` / ``pyside6-lrelease``, beside this Python first (a venv's bin)."""
    beside = Path(sys.executable).parent / f"pyside6-{name}"
    if beside.exists():
        return str(beside)
    found = shutil.which(f"pyside6-{name}")
    if found is None:
        raise SystemExit(f"error: pyside6-{name} not found; install PySide6-Essentials")
    return found


def lupdate(ts: Path, plurals_only: bool = False, files: Sequence[Path] | None = None,
            no_obsolete: bool = True) -> None:
    """Refresh ``ts`` from the sources: new strings are added unfinished, translations kept."""
    args = [_tool("lupdate"), "-silent", "-locations", "none"]
    if no_obsolete:
        args.append("-no-obsolete")
    if plurals_only:
        args.append("-pluralonly")
    args += [str(f) for f in (files or source_files())]
    args += ["-ts", str(ts)]
    subprocess.run(args, check=True, cwd=ROOT)


def update() -> None:
    I18N.mkdir(parents=True, exist_ok=True)
    for lang in LANGUAGES:
        lupdate(ts_path(lang), plurals_only=lang in PLURALS_ONLY)


def build(force: bool = False) -> list[Path]:
    """lrelease every .ts whose .qm is missing or older; returns the .qm files written."""
    written = []
    for lang in LANGUAGES:
        ts, qm = ts_path(lang), qm_path(lang)
        if not ts.is_file():
            continue
        if not force and qm.is_file() and qm.stat().st_mtime >= ts.stat().st_mtime:
            continue
        subprocess.run([_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
        written.append(qm)
    return written


def resolve_language(choice: str | None) -> str:
    """``en`` or ``ja``: ``system`` (or None) follows the system's preferred UI languages."""
    if choice in LANGUAGES:
        return str(choice)
    for name in QLocale.system().uiLanguages():
        lang = name.replace("_", "-").split("-")[0].lower()
        if lang in LANGUAGES:
            return lang
    return "en"


def current_choice() -> str:
    """What was asked for: ``system``, ``en`` or ``ja``."""
    return _choice


def set_language(choice: str | None) -> str:
    """Load the translations for ``choice`` into the running application; returns en or ja.

    Installing a translator sends ``LanguageChange`` to every widget; the main window rebuilds
    itself in the new language on it.
    """
    global _choice
    app = QCoreApplication.instance()
    lang = resolve_language(choice)
    _choice = choice if choice in CHOICES else "system"
    if app is None:
        return lang
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(QLocale(QLocale.Language.Japanese if lang == "ja"
                               else QLocale.Language.English))
    ours = QTranslator(app)
    if ours.load(str(qm_path(lang))):
        _installed.append(ours)
    elif lang != "en":
        sys.stderr.write(f"warning: {qm_path(lang).name} is missing; run "
                         "'python -m gui.translations build' (./bootstrap does)\n")
    if lang != "en":
        qt = QTranslator(app)
        if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            _installed.append(qt)
    for translator in _installed:
        app.installTranslator(translator)
    set_display_name = getattr(app, "setApplicationDisplayName", None)
    if set_display_name is not None:
        set_display_name(QCoreApplication.translate("App", "Edge TPU Compare"))
    return lang


def install_translator(app: QCoreApplication, lang: str | None) -> str:
    """The start-up form of ``set_language``, for the code that has just made ``app``."""
    assert QCoreApplication.instance() is app
    return set_language(lang)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gui.translations", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("update", "build"))
    parser.add_argument("--force", action="store_true", help="build even when up to date")
    args = parser.parse_args(argv)
    if args.command == "update":
        update()
        print(f"Updated {', '.join(ts_path(lang).name for lang in LANGUAGES)}; translate the "
              "entries marked unfinished (pyside6-linguist), then build.")
    else:
        written = build(force=args.force)
        if written:
            print(f"Built {', '.join(p.name for p in written)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
