"""Folders that loop, homes that do not exist and fetch sources that are not addresses.

A symbolic-link loop given as ``--models-dir`` or in ``EDGETPU_COMPARE_MODELS`` is named as a loop
(``models list`` goes on, the window's folder list is made); ``--from`` takes only folders and
http(s) addresses, and anything else is one ``error:`` line, never a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from core.cli import main as cli
from core.errors import AppError
from core.io.paths import expand_user, folder_problem, resolve_safely
from core.samples.fetcher import resolve_source
from core.samples.model_dirs import ENV_VAR, default_dest, model_dirs


@pytest.fixture()
def loop(tmp_path: Path) -> Path:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    return tmp_path / "a"


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.setattr(cli, "CORE_COMMANDS",
                        tuple(c for c in cli.CORE_COMMANDS if c.name == "models"))


def test_a_link_loop_as_a_models_folder_is_listed_as_a_loop(
        loop: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    assert loop in model_dirs(loop) and loop in model_dirs(None, {ENV_VAR: str(loop)})
    assert cli.main(["models", "list", "--quick", "--models-dir", str(loop)]) == 0
    assert "--models-dir; it is a loop of symbolic links" in capsys.readouterr().out
    monkeypatch.setenv(ENV_VAR, str(loop))
    assert cli.main(["models", "list", "--quick"]) == 0
    out, err = capsys.readouterr()
    assert f"{ENV_VAR}; it is a loop of symbolic links" in out and err == ""


def test_a_link_loop_as_the_source_is_named_as_one(loop: Path) -> None:
    with pytest.raises(AppError) as caught:
        resolve_source(str(loop))
    assert caught.value.info.code == "source_not_found"
    assert "is a loop of symbolic links" in caught.value.info.message


@pytest.mark.parametrize(("source", "says"), [
    ("http://[", "is not a valid address"),
    ("https://[::1/x", "is not a valid address"),
    ("http://host:99999/coral", "Port out of range"),
    ("http:///coral", "names no server"),
    ("ftp://host/dir", "is a ftp address"),
    ("sftp://host/dir", "is a sftp address"),
    ("~nosuchuser4711/coral", "does not exist"),
])
def test_a_source_that_cannot_be_fetched_from_is_one_clear_line(
        source: str, says: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dest = tmp_path / "dest"
    code = cli.main(["models", "fetch", "--from", source, "--dest", str(dest)])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("error: ") and err.count("\n") == 1
    assert says in err and "Traceback" not in err
    assert not dest.exists()


def test_a_home_folder_that_does_not_exist_is_kept_as_typed() -> None:
    assert expand_user("~nosuchuser4711/x") == Path("~nosuchuser4711/x")
    assert default_dest(Path("~nosuchuser4711")) == Path("~nosuchuser4711")
    assert model_dirs(None, {ENV_VAR: "~nosuchuser4711"})[0] == Path("~nosuchuser4711")


def test_folder_problems_are_told_apart(loop: Path, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    assert folder_problem(tmp_path) == ""
    assert folder_problem(loop) == "is a loop of symbolic links"
    assert folder_problem(tmp_path / "none") == "does not exist"
    assert folder_problem(tmp_path / "file") == "is not a folder"
    assert resolve_safely(loop).is_absolute()


def test_the_window_opens_with_a_looping_models_folder(
        qtbot: Any, loop: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from gui.run.model_choice import ModelChoice
    from gui.window.main_window import MainWindow
    from gui.window.settings import Settings
    from tests import gui_support  # noqa: F401 - offscreen Qt and isolated settings

    monkeypatch.setenv(ENV_VAR, str(loop))
    assert ModelChoice(models_dir=loop).library_pairs() == []
    window = MainWindow(Settings(tmp_path / "settings.ini"), models_dir=loop)
    qtbot.addWidget(window)
    window.show()
    assert window.isVisible()
    assert window.files.scan_models().wait(30)


def test_a_looping_picture_folder_for_booth_mode_is_named_as_a_loop(
        loop: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from gui.app import entry

    assert entry.main(["gui", "--kiosk", "--image-folder", str(loop)]) == 2
    err = capsys.readouterr().err
    assert "is a loop of symbolic links" in err and err.count("\n") == 1


def test_a_looping_destination_is_named_as_a_loop(
        loop: Path, coral: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["models", "fetch", "--from", str(coral), "--dest", str(loop)]) == 2
    err = capsys.readouterr().err
    assert "cannot be created: it is a loop of symbolic links" in err and err.count("\n") == 1


def test_an_output_that_is_a_looping_link_is_not_replaced(loop: Path) -> None:
    from core.io.outputs import write_atomic

    with pytest.raises(AppError) as caught:
        write_atomic(loop, "{}")
    assert "loops back on itself" in caught.value.info.message
    assert loop.is_symlink() and not loop.exists()  # still the link it was
