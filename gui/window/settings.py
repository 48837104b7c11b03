"""What the window remembers between sessions: files, run count, backends, language, theme,
geometry.

A thin wrapper so that the keys live in one place and so that tests (and the ``screenshot``
command) can point it at a file of their own: pass ``path``, or set ``EDGETPU_COMPARE_SETTINGS``
to an .ini file, and the user's real settings are never read or written.

A settings file can be edited by hand or damaged, and a bad value must not crash the window at
every start: every value is checked when it is read (a count within the spin box's range, a path
that is short enough and has no NUL), a bad one falls back to its default and is removed from the
file, and ``notes`` says what was reset so that the window can show it once.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings

from core.io.numbers import NumberError, parse_decimal, parse_whole
from core.measure.backend_choice import BackendSet

ORGANIZATION = "edgetpu-compare"
APPLICATION = "edgetpu-compare"
ENV_VAR = "EDGETPU_COMPARE_SETTINGS"
RECENT_MAX = 8
KINDS = ("model", "labels", "image", "result")
MAX_COUNT = 1_000_000  # the run count spin box's maximum
MAX_PATH = 4096
translate = QCoreApplication.translate


class Settings:
    def __init__(self, path: Path | str | None = None) -> None:
        path = path if path is not None else os.environ.get(ENV_VAR) or None
        if path is not None:
            self._qs = QSettings(str(path), QSettings.Format.IniFormat)
        else:
            self._qs = QSettings(ORGANIZATION, APPLICATION)
        self.notes: list[str] = []
        self._check_all()

    def _check_all(self) -> None:
        """Read every value once, so that ``notes`` is complete from the start."""
        self.count()
        self.threshold()
        self.language()
        self.theme()
        self.booth_lock()
        for kind in KINDS:
            self.last_file(kind)
            self.recent(kind)

    def _reset(self, key: str) -> None:
        """Drop a bad stored value (it falls back to its default) and say so once."""
        self._qs.remove(key)
        self.notes.append(translate("Settings", "The saved setting {key} was not valid and was "
                                                "reset.").format(key=key))

    @property
    def file_name(self) -> str:
        return self._qs.fileName()

    def sync(self) -> None:
        self._qs.sync()

    # Files ----------------------------------------------------------------------------------

    def last_file(self, kind: str) -> Path | None:
        key = f"last/{kind}"
        value = self._qs.value(key, "")
        if not value:
            return None
        if not _usable_path(value):
            self._reset(key)
            return None
        return Path(str(value))

    def set_last_file(self, kind: str, path: Path | None) -> None:
        self._qs.setValue(f"last/{kind}", str(path) if path else "")
        if path:
            self.add_recent(kind, path)

    def recent(self, kind: str) -> list[Path]:
        value = self._qs.value(f"recent/{kind}", [])
        if isinstance(value, str):
            items = [value]
        elif isinstance(value, (list, tuple)):
            items = list(value)
        else:
            items = []
        good = [str(v) for v in items[:RECENT_MAX] if v and _usable_path(v)]
        if len(good) != len([v for v in items if v]):
            self._reset(f"recent/{kind}")
            if good:
                self._qs.setValue(f"recent/{kind}", good)
        return [Path(v) for v in good]

    def add_recent(self, kind: str, path: Path) -> None:
        text = str(path)
        items = [str(p) for p in self.recent(kind) if str(p) != text]
        self._qs.setValue(f"recent/{kind}", [text, *items][:RECENT_MAX])

    # Run options ----------------------------------------------------------------------------

    def count(self, default: int = 100) -> int:
        value = self._qs.value("run/count", default)
        try:
            return parse_whole(str(value), 1, MAX_COUNT)
        except NumberError:
            self._reset("run/count")
            return default

    def set_count(self, count: int) -> None:
        self._qs.setValue("run/count", int(count))

    def threshold(self, default: float = 0.5) -> float:
        """The score a detector's object must reach to be shown (0.5, as Coral's example)."""
        value = self._qs.value("run/threshold", default)
        try:
            return parse_decimal(str(value), 0.0, 1.0)
        except NumberError:
            self._reset("run/threshold")
            return default

    def set_threshold(self, value: float) -> None:
        self._qs.setValue("run/threshold", f"{value:g}")

    def backends(self) -> BackendSet | None:
        """The backends last chosen in the window (None: never chosen, or unusable)."""
        value = self._qs.value("run/backends", [])
        texts = [value] if isinstance(value, str) else \
            list(value) if isinstance(value, (list, tuple)) else []
        try:
            baseline = parse_whole(str(self._qs.value("run/baseline", -1)))
        except NumberError:
            baseline = -1
        return BackendSet.from_texts([str(t) for t in texts if t], baseline)

    def set_backends(self, chosen: BackendSet) -> None:
        self._qs.setValue("run/backends", chosen.to_texts())
        self._qs.setValue("run/baseline", chosen.baseline)

    # Appearance -----------------------------------------------------------------------------

    def language(self) -> str:
        """``system``, ``en`` or ``ja``."""
        return self._choice("view/language", ("system", "en", "ja"))

    def set_language(self, value: str) -> None:
        self._qs.setValue("view/language", value)

    def theme(self) -> str:
        """``system``, ``light`` or ``dark``."""
        return self._choice("view/theme", ("system", "light", "dark"))

    def _choice(self, key: str, allowed: tuple[str, ...]) -> str:
        value = str(self._qs.value(key, allowed[0]))
        if value not in allowed:
            self._reset(key)
            return allowed[0]
        return value

    def set_theme(self, value: str) -> None:
        self._qs.setValue("view/theme", value)

    # Booth mode -----------------------------------------------------------------------------

    def booth_lock(self) -> bool:
        """``booth/lock=on``: booth mode ignores Esc and F11 (Ctrl+Alt+Q still leaves)."""
        return self._choice("booth/lock", ("off", "on")) == "on"

    def set_booth_lock(self, locked: bool) -> None:
        self._qs.setValue("booth/lock", "on" if locked else "off")

    # Window ---------------------------------------------------------------------------------

    def geometry(self) -> QByteArray | None:
        value = self._qs.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_geometry(self, data: QByteArray) -> None:
        self._qs.setValue("window/geometry", data)


def _usable_path(value: object) -> bool:
    """A stored path the window can use: text, not too long for the system, no NUL byte."""
    return isinstance(value, str) and 0 < len(value) <= MAX_PATH and "\x00" not in value
