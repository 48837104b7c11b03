"""The main window's menus, file dialogs, exports and progress wording.

Kept apart from ``main_window`` so that the window module stays about layout and the run; every
dialog goes through ``ask_open`` / ``ask_save`` (tests patch ``QFileDialog``'s static methods).
This module does not import the window: the menus act on an ``ActionTarget``, which the window
is, and put their menus and dialogs on any ``QMainWindow``.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox, QWidget

from core.errors import AppError
from core.inputs.input_files import model_files, scanned_models
from core.io.outputs import plan_outputs
from core.measure.reducer import RunReducer
from gui.look import theme, translations
from gui.look.error_texts import localized
from gui.look.formatting import backend_name
from gui.run.model_choice import ModelChoice
from gui.window import file_kinds
from gui.window.png_output import save_png as write_png
from gui.window.settings import Settings

translate = QCoreApplication.translate


class ActionTarget(Protocol):
    """What the menus read and do; the main window provides it."""

    settings: Settings
    choice: ModelChoice
    state: RunReducer

    def browse(self, kind: str) -> None: ...
    def start_run(self) -> bool: ...
    def stop_run(self) -> None: ...
    def enter_booth(self) -> object: ...
    def set_language(self, choice: str) -> None: ...
    def set_theme(self, choice: str) -> None: ...
    def show_diagnostics(self) -> None: ...
    def show_sample_models(self, copy: bool) -> None: ...


def _filters() -> dict[str, str]:
    return {
        file_kinds.MODEL: translate("Files", "TensorFlow Lite models (*.tflite);;All files (*)"),
        file_kinds.LABELS: translate("Files", "Labels (*.txt);;All files (*)"),
        file_kinds.IMAGE: translate("Files", "Images (*.jpg *.jpeg *.png *.bmp *.gif *.webp);;"
                                    "All files (*)"),
        file_kinds.RESULT: translate("Files", "Result files (*.json);;All files (*)"),
        "csv": translate("Files", "CSV files (*.csv)"),
        "html": translate("Files", "HTML reports (*.html)"),
        "png": translate("Files", "PNG images (*.png)"),
    }


def _titles() -> dict[str, str]:
    return {
        file_kinds.MODEL: translate("Files", "Open a model"),
        file_kinds.LABELS: translate("Files", "Open a labels file"),
        file_kinds.IMAGE: translate("Files", "Open an image"),
        file_kinds.RESULT: translate("Files", "Open a saved result"),
    }


def ask_open(parent: QWidget, kind: str, folder: Path | None) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, _titles()[kind], str(folder or ""),
                                          _filters()[kind])
    return Path(name) if name else None


def ask_save(parent: QWidget, title: str, suggested: str, kind: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, _filters()[kind])
    return Path(name) if name else None


@dataclass
class WindowActions:
    run: QAction
    stop: QAction
    export_json: QAction
    export_csv: QAction
    export_html: QAction
    save_outputs: QAction

    def update_enabled(self, running: bool, has_record: bool) -> None:
        self.run.setEnabled(not running)
        self.stop.setEnabled(running)
        self.export_json.setEnabled(has_record and not running)
        self.export_csv.setEnabled(has_record and not running)
        self.export_html.setEnabled(has_record and not running)
        self.save_outputs.setEnabled(has_record and not running)


def install(window: QMainWindow, target: ActionTarget) -> WindowActions:
    """The menu bar of ``window``, acting on ``target`` (usually the window itself)."""
    bar = window.menuBar()

    def action(menu_title: str, text: str, slot: object, shortcut: str | None = None) -> QAction:
        menu = menus[menu_title]
        act = menu.addAction(text)
        act.triggered.connect(slot)
        if shortcut:
            act.setShortcut(QKeySequence(shortcut))
        return act

    menus = {key: bar.addMenu(title) for key, title in (
        ("file", translate("Window", "&File")), ("run", translate("Window", "&Run")),
        ("view", translate("Window", "&View")), ("tools", translate("Window", "&Tools")),
        ("help", translate("Window", "&Help")))}
    action("file", translate("Window", "Open &Model…"), lambda: target.browse(file_kinds.MODEL),
           "Ctrl+O")
    action("file", translate("Window", "Open &Labels…"),
           lambda: target.browse(file_kinds.LABELS), "Ctrl+L")
    action("file", translate("Window", "Open &Image…"), lambda: target.browse(file_kinds.IMAGE),
           "Ctrl+I")
    menus["file"].addSeparator()
    action("file", translate("Window", "Open Saved &Result…"),
           lambda: target.browse(file_kinds.RESULT), "Ctrl+Shift+O")
    menus["file"].addSeparator()
    action("file", translate("Window", "&Get Sample Models…"),
           lambda: target.show_sample_models(False))
    action("file", translate("Window", "Copy Sample Models from a &Folder…"),
           lambda: target.show_sample_models(True))
    menus["file"].addSeparator()
    export_json = action("file", translate("Window", "Export Result as &JSON…"),
                         lambda: export(window, target, "json"), "Ctrl+S")
    export_csv = action("file", translate("Window", "Export Inferences as &CSV…"),
                        lambda: export(window, target, "csv"))
    export_html = action("file", translate("Window", "Export &HTML Report…"),
                         lambda: export(window, target, "html"))
    save_outputs = action("file", translate("Window", "Save &Outputs…"),
                          lambda: ask_save_outputs(window, target))
    action("file", translate("Window", "Save Window as &PNG…"),
           lambda: save_png(window, target), "Ctrl+Shift+S")
    menus["file"].addSeparator()
    action("file", translate("Window", "&Quit"), window.close, "Ctrl+Q")
    run = action("run", translate("Window", "&Run"), lambda: target.start_run(), "Ctrl+R")
    stop = action("run", translate("Window", "&Stop"), target.stop_run, "Esc")
    action("view", translate("Window", "&Booth Mode (Full Screen Loop)"),
           lambda: target.enter_booth(), "F11")
    full = action("view", translate("Window", "&Full Screen"),
                  lambda: toggle_full_screen(window), FULL_SCREEN)
    full.setCheckable(True)
    menus["view"].addSeparator()
    _choice_menu(menus["view"].addMenu(translate("Window", "&Language")), [
        ("system", translate("Window", "Follow the &System")), ("en", "&English"),
        ("ja", "日本語 (&Japanese)")], translations.current_choice(), target.set_language)
    _choice_menu(menus["view"].addMenu(translate("Window", "&Theme")), [
        ("system", translate("Window", "Follow the &System")),
        ("light", translate("Window", "&Light")), ("dark", translate("Window", "&Dark"))],
        theme.current_choice(), target.set_theme)
    action("tools", translate("Window", "&Diagnostics…"), target.show_diagnostics)
    action("help", translate("Window", "&About Edge TPU Compare"), lambda: about(window))
    actions = WindowActions(run, stop, export_json, export_csv, export_html, save_outputs)
    actions.update_enabled(False, False)
    return actions


def _choice_menu(menu: QMenu, choices: list[tuple[str, str]], checked: str,
                 choose: Callable[[str], None]) -> None:
    """One checkable item per choice, exactly one checked (the one in effect)."""
    group = QActionGroup(menu)
    group.setExclusive(True)
    for value, text in choices:
        act = menu.addAction(text)
        act.setCheckable(True)
        act.setChecked(value == checked)
        act.setData(value)
        group.addAction(act)
        act.triggered.connect(lambda _=False, v=value: choose(v))


FULL_SCREEN = "Ctrl+Shift+F"  # the desktops' other full-screen key: F11 starts booth mode


def toggle_full_screen(window: QMainWindow) -> None:
    window.showNormal() if window.isFullScreen() else window.showFullScreen()


def app_version() -> str:
    """The installed distribution's version: the one number a bug report needs."""
    try:
        return metadata.version("edgetpu-compare")
    except metadata.PackageNotFoundError:
        return translate("Window", "unknown (not installed)")


def project_url() -> str | None:
    """The project's page as the installed package names it (``[project.urls]``), if any."""
    try:
        urls = metadata.metadata("edgetpu-compare").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    pages = [u.partition(",")[2].strip() for u in urls]
    return next((u for u in pages if u.startswith("https://")), None)


def about_text() -> str:
    """The version, what the app does, its licence and links; the project's page when the
    installed package names one."""
    url = project_url()
    page = translate("Window", "<p>Project page: <a href=\"{url}\">{url}</a></p>").format(
        url=html.escape(url)) if url else ""
    return translate(
        "Window",
        "<b>Edge TPU Compare</b> {version}<p>Runs the same TensorFlow Lite model on the CPU and "
        "on a Google Coral Edge TPU, and shows how fast each is and whether they agree.</p>"
        "<p>Licensed under the <a href=\"https://www.apache.org/licenses/LICENSE-2.0\">Apache "
        "License 2.0</a>. The built-in sample is Coral's bird model (Apache License 2.0) and a "
        "parrot photograph from Open Images (CC BY 2.0); their notices ship with the app.</p>"
        "<p>The Edge TPU and its runtime: <a href=\"https://coral.ai/docs/\">coral.ai/docs</a>"
        "</p>").format(version=app_version()) + page


def about(window: QWidget) -> None:
    QMessageBox.about(window, translate("Window", "About Edge TPU Compare"), about_text())


def _suggested(target: ActionTarget, suffix: str) -> str:
    pair = target.choice.pair
    stem = pair.name if pair else "edgetpu-compare"
    folder = target.settings.last_file("export")
    name = f"{stem}-{datetime.now():%Y%m%d-%H%M%S}.{suffix}"
    return str((folder.parent / name) if folder else Path(name))


def export(window: QMainWindow, target: ActionTarget, fmt: str) -> Path | None:
    record = target.state.record
    if record is None:
        return None
    from core.results.result_files import write_csv, write_json
    from gui.look.report_texts import write_report

    title, kind, writer = {
        "json": (translate("Window", "Export result as JSON"), file_kinds.RESULT,
                 write_json),
        "csv": (translate("Window", "Export inferences as CSV"), "csv", write_csv),
        "html": (translate("Window", "Export HTML report"), "html", write_report),
    }[fmt]
    path = ask_save(window, title, _suggested(target, fmt), kind)
    return _save(window, target, path, lambda p: writer(record, p))


def ask_save_outputs(window: QMainWindow, target: ActionTarget) -> list[Path]:
    folder = QFileDialog.getExistingDirectory(
        window, translate("Window", "Save each backend's result in a folder"),
        str(target.settings.last_file("export") or Path.home()))
    return save_outputs(window, target, Path(folder)) if folder else []


def save_outputs(window: QMainWindow, target: ActionTarget, folder: Path) -> list[Path]:
    """What ``run --save-outputs`` writes, for the result shown: each backend's picture with
    its result drawn and its data; checked first, never over an input, each file atomic."""
    from core.io.outputs import write_all
    from core.results.task_outputs import run_picture, task_outputs

    record = target.state.record
    bar = window.statusBar()
    if record is None:
        return []
    outputs = task_outputs(record, folder, run_picture(record))
    if not outputs:
        bar.showMessage(translate("Window", "This result has no files to save: a classifier's "
                                            "answers are in the exported result."), 10000)
        return []
    try:
        plan_outputs([(o.path.name, o.path) for o in outputs], window_inputs(target))
    except AppError as exc:
        bar.showMessage(localized(exc.info).one_line(), 10000)
        return []
    written, failed = write_all(outputs)
    if failed:
        bar.showMessage(localized(failed[0][1]).one_line(), 10000)
    else:
        bar.showMessage(translate("Window", "Saved {n} files in {folder}").format(
            n=len(written), folder=folder), 8000)
    return [o.path for o in written]


def window_inputs(target: ActionTarget) -> list[Path | None]:
    """The files the window reads (its run's, and the models of the folders it lists): an
    export must never replace one of them."""
    pair, choice = target.choice.pair, target.choice
    return [*model_files(pair.cpu if pair else None, pair.edgetpu if pair else None),
            choice.labels, choice.image, *scanned_models(choice.folders_to_scan())]


def save_png(window: QMainWindow, target: ActionTarget) -> Path | None:
    path = ask_save(window, translate("Window", "Save window as PNG"), _suggested(target, "png"),
                    "png")
    return _save(window, target, path, lambda p: write_png(window.grab(), p))


def _save(window: QMainWindow, target: ActionTarget, path: Path | None,
          write: Callable[[Path], object]) -> Path | None:
    """Check ``path`` (never one of the run's inputs), write it atomically, say so."""
    if path is None:
        return None
    try:
        plan_outputs([(path.name, path)], window_inputs(target))
        write(path)
    except AppError as exc:
        window.statusBar().showMessage(localized(exc.info).one_line(), 10000)
        return None
    target.settings.set_last_file("export", path)
    window.statusBar().showMessage(translate("Window", "Saved {path}").format(path=path), 8000)
    return path


def progress_text(state: RunReducer, running: bool, count: int) -> tuple[str, int, int]:
    """The progress bar's words and numbers: which backend, which iteration, of how many
    (``count``: the inferences each backend was asked for)."""
    measured = [b for b in state.backends if b.status != "error"]
    total = sum(state.progress[b.id].total if b.id in state.progress else count
                for b in measured) or 1
    done = sum(state.progress[b.id].done for b in measured if b.id in state.progress)
    if running:
        current = state.backend(state.current) if state.current else None
        if current is None:
            return translate("Window", "Starting…"), 0, total
        name = backend_name(current)
        if current.id not in state.progress:
            return translate("Window", "{name}: loading the model…").format(name=name), done, total
        p = state.progress[current.id]
        return translate("Window", "{name} · iteration {done} of {total}").format(
            name=name, done=p.done, total=p.total), done, total
    if state.rejected is not None:
        return translate("Window", "Not started"), 0, 1
    if not any(b.status != "pending" for b in state.backends):
        return translate("Window", "Ready"), 0, 1
    failed = sum(1 for b in state.backends if b.status == "error")
    if any(b.status == "cancelled" for b in state.backends):
        return translate("Window", "Stopped"), done, total
    if failed:
        text = translate("Window", "Finished · 1 backend could not run") if failed == 1 else \
            translate("Window", "Finished · {n} backends could not run").format(n=failed)
        return text, total, total
    return translate("Window", "Finished"), total, total
