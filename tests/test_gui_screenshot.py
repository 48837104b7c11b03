"""``edgetpu-compare screenshot``: the real window rendered offscreen and saved as a PNG.

Run as the documentation build runs it, in a child process, after a real run or from a saved
result; the picture is checked for its size and for the colours of what it must show.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from core.results.report_html import format_ms
from core.results.result_files import read_json
from gui.look import palette
from gui.look.formatting import fmt_ms
from tests import gui_support  # noqa: F401 - offscreen Qt and isolated settings

pytestmark = pytest.mark.gui

REPO = Path(__file__).resolve().parent.parent


def _screenshot(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)  # the command must go offscreen by itself
    return subprocess.run([sys.executable, "-m", "gui.app.entry", "screenshot", *map(str, args)],
                          cwd=REPO, env=env, capture_output=True, text=True, check=False)


def _share_near(image: QImage, colour: QColor, tolerance: int = 10) -> float:
    """The share of sampled pixels within ``tolerance`` of ``colour`` on every channel."""
    hits = total = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            total += 1
            if abs(c.red() - colour.red()) <= tolerance and \
                    abs(c.green() - colour.green()) <= tolerance and \
                    abs(c.blue() - colour.blue()) <= tolerance:
                hits += 1
    return hits / total


def test_screenshot_after_a_real_run_shows_what_it_must(
        qapp: object, tmp_path: Path, bird_model: Path, bird_labels: Path, parrot: Path) -> None:
    out = tmp_path / "shot.png"
    saved = {suffix: tmp_path / f"shot.{suffix}" for suffix in ("json", "csv", "html")}
    done = _screenshot("--model", bird_model, "--labels", bird_labels, "--image", parrot,
                       "--count", "100", "--out", out, "--json", saved["json"],
                       "--csv", saved["csv"], "--html", saved["html"])
    assert done.returncode == 0, done.stderr
    assert "top-1 Ara macao (Scarlet Macaw) (0." in done.stdout
    assert "Edge TPU did not run" in done.stdout
    record = read_json(saved["json"])  # the run the picture shows, with its numbers
    cpu = record.backend("cpu")
    assert cpu.status == "ok" and len(cpu.latencies_ms) == 100 and cpu.stats is not None
    assert f"median {fmt_ms(cpu.stats.median)} ms" in done.stdout.splitlines()[0]
    assert len(saved["csv"].read_text().splitlines()) == 1 + 1 + 100  # header, first, timed
    # the report writes its own digits (12.26 where the window shows 12.3)
    assert format_ms(cpu.stats.median) in saved["html"].read_text()
    assert all(f"Saved {path}" in done.stdout for path in saved.values())
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1600, 1000)
    theme = palette.current()  # the same offscreen default palette as the child's
    assert _share_near(image, QColor(theme.backends["cpu"])) > 0.001, "no CPU plot or bars"
    assert _share_near(image, QColor(theme.bad_soft), 4) > 0.05, "no Edge TPU error card"


def test_screenshot_from_a_saved_result_at_another_size(
        tmp_path: Path, bird_model: Path, parrot: Path) -> None:
    result = tmp_path / "r.json"
    run = subprocess.run([sys.executable, "-m", "gui.app.entry", "run", "--model", str(bird_model),
                          "--image", str(parrot), "--count", "10", "--backend", "cpu",
                          "--json", str(result)], cwd=REPO, capture_output=True, text=True,
                         check=False)
    assert run.returncode == 0, run.stderr
    out = tmp_path / "small.png"
    done = _screenshot("--results", result, "--size", "1280x800", "--out", out)
    assert done.returncode == 0, done.stderr
    assert "only one backend was run" in done.stdout
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 800)


@pytest.mark.parametrize("args", [
    ["--out", "x.png"],
    ["--out", "x.png", "--results", "missing.json"],
    ["--out", "x.png", "--model", "missing.tflite", "--image", "missing.jpg"],
    ["--out", "x.png", "--results", "r.json", "--size", "big"],
    ["--out", "x.png", "--results", "r.json", "--json", "no/such/folder/r.json"],
])
def test_bad_input_is_one_error_line_and_exit_2(tmp_path: Path, args: list[str]) -> None:
    done = _screenshot(*[str(tmp_path / a) if a.endswith((".png", ".json", ".tflite", ".jpg"))
                         else a for a in args])
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), done.stderr
    assert not list(tmp_path.glob("*.png"))


def test_screenshot_of_the_model_details_view(qapp: object, tmp_path: Path,
                                              bird_model: Path) -> None:
    out = tmp_path / "details.png"
    done = _screenshot("--model-details", "--model", bird_model, "--size", "1100x600",
                       "--out", out)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "65 of 65 operations on the Edge TPU."
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1100, 600)
    broken = tmp_path / "broken.tflite"
    broken.write_bytes(b"\x00" * 64)
    done = _screenshot("--model-details", "--model", broken, "--out", tmp_path / "no.png")
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert "only zero bytes" in done.stderr and not (tmp_path / "no.png").exists()


def test_model_details_never_write_over_the_twin_they_read(
        tmp_path: Path, small_model: Path) -> None:
    cpu = tmp_path / small_model.name
    twin = tmp_path / (small_model.stem + "_edgetpu.tflite")
    cpu.write_bytes(small_model.read_bytes())
    twin.write_bytes((small_model.parent / twin.name).read_bytes())
    before = twin.read_bytes()
    done = _screenshot("--model-details", "--model", cpu, "--out", twin)
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert "one of this run's inputs" in done.stderr and twin.read_bytes() == before
    done = _screenshot("--model-details", "--model", twin, "--out", cpu)
    assert done.returncode == 2 and cpu.read_bytes() == small_model.read_bytes()


def test_a_screenshot_where_no_backend_could_run_exits_1_as_run_does(
        tmp_path: Path, small_model: Path, parrot: Path) -> None:
    out = tmp_path / "shot.png"
    done = _screenshot("--model", small_model, "--image", parrot, "--count", "3",
                       "--backend", "edgetpu", "--out", out)
    assert done.returncode == 1, done.stderr
    assert "no backend could run" in done.stderr and "Traceback" not in done.stderr
    assert QImage(str(out)).width() == 1600  # the picture of why is still saved


def test_a_screenshot_never_writes_over_what_its_window_reads(
        tmp_path: Path, small_model: Path, parrot: Path, coral: Path) -> None:
    model = tmp_path / "X.tflite"
    model.write_bytes(small_model.read_bytes())
    other = tmp_path / "Y.tflite"  # listed by the window: its header is read
    other.write_bytes(small_model.read_bytes())
    labels = tmp_path / "X_labels.txt"  # found beside the model by the window
    labels.write_bytes((coral / "labels" / "imagenet_labels.txt").read_bytes())
    for target in (other, labels):
        before = target.read_bytes()
        done = _screenshot("--model", model, "--image", parrot, "--count", "2",
                           "--backend", "cpu", "--out", target)
        assert done.returncode == 2 and "one of this run's inputs" in done.stderr, done.stderr
        assert target.read_bytes() == before


def test_an_export_from_the_window_never_replaces_a_model_it_lists(
        qtbot: object, tmp_path: Path, small_model: Path) -> None:
    from gui.window.actions import window_inputs
    from gui.window.main_window import MainWindow
    from gui.window.settings import Settings

    model, other = tmp_path / "X.tflite", tmp_path / "Y.tflite"
    model.write_bytes(small_model.read_bytes())
    other.write_bytes(small_model.read_bytes())
    window = MainWindow(Settings(tmp_path / "settings.ini"), restore=False)
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.open_path(model)
    assert other in window_inputs(window)
