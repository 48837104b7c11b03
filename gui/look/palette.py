"""Every colour the window draws with, in one place, derived from the system palette.

Widgets ask ``current()`` instead of hard-coding colours, so that a light or dark system theme, or
the theme chosen in the window (``gui.look.theme``), changes plots, cards and the style sheet
together.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtGui import QColor, QGuiApplication, QPalette


@dataclass(frozen=True)
class Theme:
    dark: bool
    window: str
    card: str
    card_border: str
    text: str
    muted: str
    grid: str
    accent: str
    accent_soft: str
    good: str
    bad: str
    bad_soft: str
    warn: str
    bar_track: str
    backends: dict[str, str]

    def backend_colour(self, kind: str) -> QColor:
        return QColor(self.backends.get(kind, self.backends["other"]))


_LIGHT_BACKENDS = {"cpu": "#2f6fdb", "edgetpu": "#e8643b", "other": "#6b5bd6"}
_DARK_BACKENDS = {"cpu": "#6aa1ff", "edgetpu": "#ff8a5c", "other": "#a89bff"}


# Colours for a second backend of a kind already shown (two CPUs must not look the same).
_SECOND = {"light": ("#13866f", "#b0408f", "#8a6d00"), "dark": ("#4fd1b0", "#f07cc8", "#e0c050")}


def backend_colours(kinds: Sequence[str], theme: Theme) -> list[str]:
    """A colour per backend: the first of a kind gets the kind's colour, any later one of the
    same kind one of a few clearly different ones (two CPUs must not look the same), in the
    window's panels and in booth mode alike."""
    spare = list(_SECOND["dark" if theme.dark else "light"])
    seen: set[str] = set()
    colours = []
    for kind in kinds:
        if kind in seen:
            colours.append(spare.pop(0) if spare else theme.backend_colour("other").name())
        else:
            colours.append(theme.backend_colour(kind).name())
        seen.add(kind)
    return colours


def _mix(a: QColor, b: QColor, t: float) -> str:
    """``a`` moved ``t`` of the way towards ``b``; cards are a shade off the window colour."""
    r = a.redF() + (b.redF() - a.redF()) * t
    g = a.greenF() + (b.greenF() - a.greenF()) * t
    bl = a.blueF() + (b.blueF() - a.blueF()) * t
    return QColor.fromRgbF(r, g, bl).name()


def is_dark(palette: QPalette | None = None) -> bool:
    pal = palette or QGuiApplication.palette()
    return pal.color(QPalette.ColorRole.Window).lightness() < 128


def current(palette: QPalette | None = None) -> Theme:
    """The theme that matches the application's palette right now."""
    pal = palette or QGuiApplication.palette()
    window = pal.color(QPalette.ColorRole.Window)
    text = pal.color(QPalette.ColorRole.WindowText)
    dark = is_dark(pal)
    white = QColor("#ffffff")
    return Theme(
        dark=dark,
        window=window.name(),
        card=_mix(window, white, 0.06) if dark else _mix(window, white, 0.75),
        card_border=_mix(window, text, 0.16),
        text=text.name(),
        muted=_mix(text, window, 0.42),
        grid=_mix(window, text, 0.25),
        accent=pal.color(QPalette.ColorRole.Highlight).name(),
        accent_soft=_mix(window, pal.color(QPalette.ColorRole.Highlight), 0.45 if dark else 0.35),
        good="#3fb56b" if dark else "#1f8a4c",
        bad="#ff7b72" if dark else "#c4372c",
        bad_soft=_mix(window, QColor("#ff5a4f"), 0.16 if dark else 0.09),
        warn="#e3b341" if dark else "#9a6700",
        bar_track=_mix(window, text, 0.10),
        backends=dict(_DARK_BACKENDS if dark else _LIGHT_BACKENDS),
    )


def stylesheet(theme: Theme) -> str:
    """Cards, headings and the error card; everything else keeps the platform style."""
    return f"""
QFrame#card {{
    background: {theme.card};
    border: 1px solid {theme.card_border};
    border-radius: 12px;
}}
QFrame#errorCard {{
    background: {theme.bad_soft};
    border: 1px solid {theme.card_border};
    border-radius: 10px;
}}
QLabel[role="muted"] {{ color: {theme.muted}; }}
QLabel[role="caption"] {{ color: {theme.muted}; font-size: 9pt; letter-spacing: 0.5px; }}
QLabel[role="title"] {{ font-size: 17pt; font-weight: 700; }}
QLabel[role="headline"] {{ font-size: 15pt; font-weight: 700; }}
QLabel[role="big"] {{ font-size: 38pt; font-weight: 700; }}
QLabel[role="stat"] {{ font-size: 13pt; font-weight: 700; }}
QLabel[role="chip"] {{
    color: {theme.muted};
    border: 1px solid {theme.card_border};
    border-radius: 9px;
    padding: 2px 10px;
    font-size: 9pt;
}}
QLabel[role="chip"][state="running"] {{ color: {theme.accent}; border-color: {theme.accent}; }}
QLabel[role="chip"][state="ok"] {{ color: {theme.good}; border-color: {theme.good}; }}
QLabel[role="chip"][state="error"] {{ color: {theme.bad}; border-color: {theme.bad}; }}
QLabel[role="error-title"] {{ color: {theme.bad}; font-size: 15pt; font-weight: 700; }}
QPushButton#runButton {{
    background: {theme.accent};
    color: white;
    border: none;
    border-radius: 8px;
    padding: 8px 22px;
    font-size: 12pt;
    font-weight: 700;
}}
QPushButton#runButton:disabled {{ background: {theme.bar_track}; color: {theme.muted}; }}
QProgressBar {{
    border: 1px solid {theme.card_border};
    border-radius: 6px;
    background: {theme.bar_track};
    text-align: center;
    min-height: 20px;
}}
QProgressBar::chunk {{ background: {theme.accent_soft}; border-radius: 5px; }}
"""


def fixed_palette(dark: bool) -> QPalette:
    """A plain light or dark palette for the Fusion style: an explicit theme, on any platform."""
    pal = QPalette()
    if dark:
        colours = {"Window": "#1f2227", "WindowText": "#e6e8eb", "Base": "#17191d",
                   "AlternateBase": "#23262b", "Text": "#e6e8eb", "Button": "#2a2e34",
                   "ButtonText": "#e6e8eb", "Highlight": "#3d8bfd", "HighlightedText": "#ffffff",
                   "ToolTipBase": "#2a2e34", "ToolTipText": "#e6e8eb", "PlaceholderText": "#8a9099",
                   "Mid": "#3a3f46", "Dark": "#111316", "Light": "#3a3f46"}
    else:
        colours = {"Window": "#eef0f3", "WindowText": "#1d2125", "Base": "#ffffff",
                   "AlternateBase": "#f5f6f8", "Text": "#1d2125", "Button": "#f7f8fa",
                   "ButtonText": "#1d2125", "Highlight": "#2f6fdb", "HighlightedText": "#ffffff",
                   "ToolTipBase": "#ffffff", "ToolTipText": "#1d2125", "PlaceholderText": "#7a818a",
                   "Mid": "#c5cad1", "Dark": "#9aa1aa", "Light": "#ffffff"}
    for role, colour in colours.items():
        pal.setColor(getattr(QPalette.ColorRole, role), QColor(colour))
    disabled = colours["PlaceholderText"]
    for role in ("WindowText", "Text", "ButtonText"):
        pal.setColor(QPalette.ColorGroup.Disabled, getattr(QPalette.ColorRole, role),
                     QColor(disabled))
    return pal
