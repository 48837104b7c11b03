"""The window's languages: Qt Linguist sources in ``resources/i18n``, built and loaded here.

English is the source language. ``edgetpu_compare_ja.ts`` holds every string in Japanese;
``edgetpu_compare_en.ts`` holds only the plural forms (``%n``), so that English reads "1 problem"
and "2 problems" rather than "problem(s)". The built ``.qm`` files are committed in the package
(``gui/assets/i18n``) and read with ``importlib.resources``, so that a wheel carries them; a test
fails when they no longer match their ``.ts``. From the checkout's top folder:

    python -m gui.look.translations update   # lupdate gui/**/*.py, keeping what is translated
    python -m gui.look.translations build    # lrelease the .ts files into gui/assets/i18n/*.qm

Qt's own translations (``qtbase_ja``: the buttons of standard dialogs) come from PySide6.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

ASSETS = "gui.assets"  # the package that holds i18n/*.qm, in a wheel as in a checkout
SOURCE_DIR = Path("resources", "i18n")  # .ts sources, relative to the checkout's top folder
BUILT_DIR = Path("gui", "assets", "i18n")  # where build writes, relative to the same
BASENAME = "edgetpu_compare"
LANGUAGES = ("en", "ja")
CHOICES = ("system", *LANGUAGES)
PLURALS_ONLY = {"en"}  # the source language needs only its numerus forms

_installed: list[QTranslator] = []
_choice = "system"
_lang = "en"  # what set_language last put in effect
_latin_font: QFont | None = None  # the application's font before Japanese replaced it
# Japanese families that also draw Latin letters and digits, most usual first
JAPANESE_FAMILIES = ("Noto Sans CJK JP", "Noto Sans JP", "Source Han Sans JP", "Hiragino Sans",
                     "Hiragino Kaku Gothic ProN", "Yu Gothic UI", "Meiryo UI", "Meiryo",
                     "IPAPGothic", "IPAGothic", "TakaoPGothic", "VL PGothic", "VL Gothic")


def qm_path(lang: str) -> Traversable:
    """The built translation the running app loads, from the installed package."""
    return resources.files(ASSETS) / "i18n" / f"{BASENAME}_{lang}.qm"


def checkout() -> Path:
    """The source checkout the developer commands work on: the current folder."""
    root = Path.cwd()
    if not (root / SOURCE_DIR).is_dir() or not (root / "pyproject.toml").is_file():
        raise SystemExit(f"error: {root} is not the top folder of an edgetpu-compare checkout; "
                         "cd there and run this again")
    return root


def ts_path(lang: str) -> Path:
    return checkout() / SOURCE_DIR / f"{BASENAME}_{lang}.ts"


def built_path(lang: str) -> Path:
    return checkout() / BUILT_DIR / f"{BASENAME}_{lang}.qm"


def source_files() -> list[Path]:
    return sorted(p for p in (checkout() / "gui").rglob("*.py") if p.name != "__init__.py")


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
    subprocess.run(args, check=True, cwd=checkout())


def update() -> None:
    (checkout() / SOURCE_DIR).mkdir(parents=True, exist_ok=True)
    for lang in LANGUAGES:
        lupdate(ts_path(lang), plurals_only=lang in PLURALS_ONLY)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def build() -> list[Path]:
    """lrelease every .ts into the package; returns the .qm files whose bytes changed."""
    written = []
    for lang in LANGUAGES:
        ts, qm = ts_path(lang), built_path(lang)
        if not ts.is_file():
            continue
        before = qm.read_bytes() if qm.is_file() else None
        qm.parent.mkdir(parents=True, exist_ok=True)
        lrelease(ts, qm)
        if qm.read_bytes() != before:
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


def language() -> str:
    """The language in effect: ``en`` or ``ja``."""
    return _lang


def current_choice() -> str:
    """What was asked for: ``system``, ``en`` or ``ja``."""
    return _choice


def set_language(choice: str | None) -> str:
    """Load the translations for ``choice`` into the running application; returns en or ja.

    Installing a translator sends ``LanguageChange`` to every widget; the main window rebuilds
    itself in the new language on it.
    """
    global _choice, _lang
    app = QCoreApplication.instance()
    lang = resolve_language(choice)
    _lang = lang
    _choice = choice if choice in CHOICES else "system"
    if app is None:
        return lang
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(QLocale(QLocale.Language.Japanese if lang == "ja"
                               else QLocale.Language.English))
    ours = QTranslator(app)
    if ours.load(str(qm_path(lang))):  # a wheel is installed as files, never run zipped
        _installed.append(ours)
    elif lang != "en":
        sys.stderr.write(f"warning: {qm_path(lang).name} is missing from the installed "
                         "package; reinstall edgetpu-compare\n")
    if lang != "en":
        qt = QTranslator(app)
        if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            _installed.append(qt)
    for translator in _installed:
        app.installTranslator(translator)
    if isinstance(app, QGuiApplication):
        _use_font_for(lang)
    set_display_name = getattr(app, "setApplicationDisplayName", None)
    if set_display_name is not None:
        set_display_name(QCoreApplication.translate("App", "Edge TPU Compare"))
    return lang


def japanese_family() -> str | None:
    """A font family that draws both kana and Latin text, or None when there is none."""
    found = QFontDatabase.families(QFontDatabase.WritingSystem.Japanese)
    return next((f for f in JAPANESE_FAMILIES if f in found), found[0] if found else None)


def allow_synthetic_bold() -> None:
    """Bold text stays bold in a family without a bold face (IPA Gothic, the Japanese font many
    Linux systems have): Qt draws such a face emboldened only below 64 pixels unless told
    otherwise, so the booth's large figures and the window's big median came out thin in
    Japanese. Only fonts without a bold face are affected."""
    os.environ.setdefault("QT_NO_SYNTHESIZED_BOLD_LIMIT", "1")


def _use_font_for(lang: str) -> None:
    """Japanese text in one font family: in the default (Latin) font every kana falls back to
    another family while digits and Latin letters do not, so a line switches fonts mid-way."""
    global _latin_font
    if _latin_font is None:
        _latin_font = QGuiApplication.font()
    family = japanese_family() if lang == "ja" else None
    font = QFont(_latin_font)
    if family is not None:
        font.setFamilies([family])
    QGuiApplication.setFont(font)


def install_translator(app: QCoreApplication, lang: str | None) -> str:
    """The start-up form of ``set_language``, for the code that has just made ``app``."""
    assert QCoreApplication.instance() is app
    return set_language(lang)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gui.look.translations", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("update", "build"))
    args = parser.parse_args(argv)
    if args.command == "update":
        update()
        print(f"Updated {', '.join(ts_path(lang).name for lang in LANGUAGES)}; translate the "
              "entries marked unfinished (pyside6-linguist), then build.")
    else:
        written = build()
        print(f"Built {', '.join(p.name for p in written)}; commit them" if written
              else "The .qm files already match their .ts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
