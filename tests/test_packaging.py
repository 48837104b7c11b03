"""What an installed copy needs: package data read through importlib.resources, the icon and the
menu entry. The wheel itself is built, installed and run by ``.ci/wheel_check``."""

from __future__ import annotations

import io
import re
from fnmatch import fnmatch
from pathlib import Path

import pytest
import tomllib
from PIL import Image
from PySide6.QtWidgets import QApplication

from core.samples import manifest
from core.samples.manifest import MANIFEST_PATH, load_manifest
from gui.app import desktop_entry
from gui.app.application import make_app
from gui.look import icon
from tests import gui_support  # offscreen Qt and isolated settings, before any QApplication

assert gui_support

REPO = Path(__file__).resolve().parent.parent
CLIMB = re.compile(r"__file__.*(parent\s*\.\s*parent|parents\s*\[|\.\.)")


def test_nothing_in_core_or_gui_climbs_from_its_file_to_the_checkout() -> None:
    """A wheel has no checkout around it: run-time files come from the installed package."""
    found = [f"{path.relative_to(REPO)}:{number}"
             for folder in ("core", "gui") for path in sorted((REPO / folder).rglob("*.py"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if CLIMB.search(line)]
    assert found == []


def test_the_manifest_is_package_data() -> None:
    assert MANIFEST_PATH.is_file()
    assert Path(str(MANIFEST_PATH)).parent == Path(manifest.__file__).parent  # beside its reader
    assert load_manifest().entries


def test_package_data_globs_cover_every_runtime_file() -> None:
    """Each file read at run time matches a package-data glob, so the wheel carries it."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["*"]
    runtime = [*(REPO / "core").rglob("*.json"), *(REPO / "gui" / "assets").rglob("*.*")]
    assert len(runtime) > 10
    for path in runtime:
        if path.suffix == ".py" or "__pycache__" in path.parts:
            continue
        package = next(p for p in path.parents if (p / "__init__.py").is_file())
        inside = path.relative_to(package).as_posix()
        assert any(fnmatch(inside, glob) for glob in globs), f"{inside} is not in the wheel"
    bundled = REPO / "core" / "samples" / "bundled"
    bundled_globs = config["tool"]["setuptools"]["package-data"]["core.samples.bundled"]
    shipped = [p.relative_to(bundled).as_posix() for p in bundled.rglob("*")
               if p.is_file() and p.suffix != ".py" and "__pycache__" not in p.parts]
    assert len(shipped) == 6
    for inside in shipped:
        assert any(fnmatch(inside, glob) for glob in bundled_globs), f"{inside} is not in the wheel"
    assert config["tool"]["setuptools"]["packages"]["find"]["include"] == [
        "core", "core.*", "gui", "gui.*"]  # never tests or bench


def test_every_icon_size_is_the_size_its_name_says() -> None:
    for size in icon.SIZES:
        with Image.open(io.BytesIO(icon.png_bytes(size))) as picture:
            assert picture.size == (size, size)
            assert picture.mode == "RGBA"
            corner = picture.getpixel((0, 0))
            assert isinstance(corner, tuple) and corner[3] == 0  # rounded: transparent corners
    assert b"<svg" in icon.svg_bytes()


def test_the_application_has_the_icon(qapp: QApplication) -> None:
    app = make_app(offscreen=True)
    sizes = {s.width() for s in app.windowIcon().availableSizes()}
    assert set(icon.SIZES) <= sizes
    assert app.desktopFileName() == desktop_entry.NAME == icon.NAME


def test_desktop_entry_installs_and_removes_exactly_its_files(tmp_path: Path) -> None:
    home = tmp_path / "share"
    other = home / "applications" / "someone-else.desktop"
    other.parent.mkdir(parents=True)
    other.write_text("[Desktop Entry]\n", encoding="utf-8")
    program = tmp_path / "my apps" / "edgetpu-compare"
    written = desktop_entry.install(program, home)
    entry = desktop_entry.entry_path(home)
    assert entry in written and entry.is_file()
    text = entry.read_text(encoding="utf-8")
    assert f'Exec="{program}" gui\n' in text
    assert "\nIcon=edgetpu-compare\n" in text and text.startswith("[Desktop Entry]\n")
    png = home / "icons" / "hicolor" / "48x48" / "apps" / "edgetpu-compare.png"
    assert png.read_bytes() == icon.png_bytes(48)
    assert (home / "icons" / "hicolor" / "scalable" / "apps" / "edgetpu-compare.svg").is_file()
    assert not list(home.rglob("*.tmp"))
    removed = desktop_entry.remove(home)
    assert set(removed) == set(written)
    assert not entry.exists() and not png.exists()
    assert other.is_file()  # nothing else is touched
    assert desktop_entry.remove(home) == []


def test_desktop_entry_needs_the_program(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert desktop_entry.main(["install", "--exec", str(tmp_path / "absent")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1
    assert not (tmp_path / "applications").exists()


def test_desktop_entry_follows_xdg_data_home(tmp_path: Path) -> None:
    assert desktop_entry.data_home({"XDG_DATA_HOME": str(tmp_path)}) == tmp_path
    assert desktop_entry.data_home({"XDG_DATA_HOME": "relative"}) == \
        Path.home() / ".local" / "share"  # the spec ignores a relative value
    assert desktop_entry._quoted(Path("/opt/bin/edgetpu-compare")) == "/opt/bin/edgetpu-compare"


def test_about_names_the_installed_version_the_licence_and_a_link(qapp: object) -> None:
    from importlib import metadata

    from gui.window.actions import about_text

    text = about_text()
    assert f"</b> {metadata.version('edgetpu-compare')}<p>" in text
    assert "Apache License 2.0</a>" in text and "CC BY 2.0" in text
    assert 'href="https://' in text
