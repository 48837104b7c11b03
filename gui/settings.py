"""What the window remembers between sessions: files, run count, backends, language, theme,
geometry.

A thin wrapper so that the keys live in one place and so that tests (and the ``screenshot``
command) can point it at a file of their own: pass ``path``, or set ``EDGETPU_COMPARE_SETTINGS``
to an .ini file, and the user's real settings are never read or written.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from core.backend_choice import BackendSet

ORGANIZATION = "edgetpu-compare"
APPLICATION = "edgetpu-compare"
ENV_VAR = "EDGETPU_COMPARE_SETTINGS"
RECENT_MAX = 8
KINDS = ("model", "labels", "image", "result")


class Settings:
    def __init__(self, path: Path | str | None = None) -> None:
        path = path if path is not None else os.environ.get(ENV_VAR) or None
        if path is not None:
            self._qs = QSettings(str(path), QSettings.Format.IniFormat)
        else:
            self._qs = QSettings(ORGANIZATION, APPLICATION)

    @property
    def file_name(self) -> str:
        return self._qs.fileName()

    def sync(self) -> None:
        self._qs.sync()

    # Files ----------------------------------------------------------------------------------

    def last_file(self, kind: str) -> Path | None:
        value = self._qs.value(f"last/{kind}", "")
        return Path(str(value)) if value else None

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
        return [Path(str(v)) for v in items if v]

    def add_recent(self, kind: str, path: Path) -> None:
        text = str(path)
        items = [str(p) for p in self.recent(kind) if str(p) != text]
        self._qs.setValue(f"recent/{kind}", [text, *items][:RECENT_MAX])

    # Run options ----------------------------------------------------------------------------

    def count(self, default: int = 100) -> int:
        try:
            return max(1, int(str(self._qs.value("run/count", default))))
        except ValueError:
            return default

    def set_count(self, count: int) -> None:
        self._qs.setValue("run/count", int(count))

    def backends(self) -> BackendSet | None:
        """The backends last chosen in the window (None: never chosen, or unusable)."""
        value = self._qs.value("run/backends", [])
        texts = [value] if isinstance(value, str) else \
            list(value) if isinstance(value, (list, tuple)) else []
        try:
            baseline = int(str(self._qs.value("run/baseline", -1)))
        except ValueError:
            baseline = -1
        return BackendSet.from_texts([str(t) for t in texts if t], baseline)

    def set_backends(self, chosen: BackendSet) -> None:
        self._qs.setValue("run/backends", chosen.to_texts())
        self._qs.setValue("run/baseline", chosen.baseline)

    # Appearance -----------------------------------------------------------------------------

    def language(self) -> str:
        """``system``, ``en`` or ``ja``."""
        value = str(self._qs.value("view/language", "system"))
        return value if value in ("system", "en", "ja") else "system"

    def set_language(self, value: str) -> None:
        self._qs.setValue("view/language", value)

    def theme(self) -> str:
        """``system``, ``light`` or ``dark``."""
        value = str(self._qs.value("view/theme", "system"))
        return value if value in ("system", "light", "dark") else "system"

    def set_theme(self, value: str) -> None:
        self._qs.setValue("view/theme", value)

    # Window ---------------------------------------------------------------------------------

    def geometry(self) -> QByteArray | None:
        value = self._qs.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_geometry(self, data: QByteArray) -> None:
        self._qs.setValue("window/geometry", data)
