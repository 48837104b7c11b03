"""Issue 11, cases 1 to 5: outputs never replace inputs, never each other, never non-files,
are written atomically (the PNG too), and one failed write does not lose the others."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from core.cli.main import main
from core.errors import AppError
from core.io import outputs
from core.io.outputs import Output, plan_outputs, write_all, write_atomic

REPO = Path(__file__).resolve().parent.parent
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture()
def inputs(tmp_path: Path, small_model: Path, coral: Path) -> dict[str, Path]:
    """Copies that may be damaged: the pair, labels and an image."""
    files = {"model": tmp_path / "v.tflite", "twin": tmp_path / "v_edgetpu.tflite",
             "labels": tmp_path / "labels.txt", "image": tmp_path / "cat.bmp"}
    shutil.copy(small_model, files["model"])
    shutil.copy(small_model.with_name(small_model.stem + "_edgetpu.tflite"), files["twin"])
    shutil.copy(coral / "labels" / "imagenet_labels.txt", files["labels"])
    shutil.copy(coral / "images" / "cat.bmp", files["image"])
    return files


def _run(inputs: dict[str, Path], *extra: str) -> int:
    return main(["run", "--model", str(inputs["model"]), "--labels", str(inputs["labels"]),
                 "--image", str(inputs["image"]), "--count", "2", "--warmup", "0",
                 "--backend", "cpu", *extra])


def _snapshot(inputs: dict[str, Path]) -> dict[str, bytes]:
    return {k: p.read_bytes() for k, p in inputs.items()}


@pytest.mark.parametrize("flag,target", [("--json", "model"), ("--csv", "image"),
                                         ("--html", "labels"), ("--json", "twin")])
def test_an_output_that_names_an_input_is_refused_before_running(
        inputs: dict[str, Path], capsys: pytest.CaptureFixture[str], flag: str,
        target: str) -> None:
    before = _snapshot(inputs)
    assert _run(inputs, flag, str(inputs[target])) == 2
    err = capsys.readouterr()
    assert "is one of this run's inputs" in err.err and "Saved" not in err.out
    assert "----INFERENCE TIME----" not in err.out  # nothing ran
    assert _snapshot(inputs) == before


def test_an_output_that_reaches_an_input_through_a_link_is_refused(
        inputs: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    symlink, hardlink = tmp_path / "sym.json", tmp_path / "hard.csv"
    symlink.symlink_to(inputs["model"])
    os.link(inputs["image"], hardlink)
    before = _snapshot(inputs)
    assert _run(inputs, "--json", str(symlink)) == 2
    assert _run(inputs, "--csv", str(hardlink)) == 2
    assert capsys.readouterr().err.count("is one of this run's inputs") == 2
    assert _snapshot(inputs) == before


def test_screenshot_onto_its_own_result_file_is_refused(tmp_path: Path) -> None:
    keep = tmp_path / "keep.json"
    keep.write_text('{"schema": "edgetpu-compare/1"}')
    result = subprocess.run([sys.executable, "-m", "gui.app.entry", "screenshot", "--results",
                             str(keep), "--out", str(keep)], cwd=REPO, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 2 and "is one of this run's inputs" in result.stderr
    assert keep.read_text() == '{"schema": "edgetpu-compare/1"}'


def test_two_outputs_on_one_path_are_refused(inputs: dict[str, Path], tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    same = tmp_path / "x"
    assert _run(inputs, "--json", str(same), "--csv", str(same)) == 2
    assert "--json and --csv both name" in capsys.readouterr().err
    assert not same.exists()
    with pytest.raises(AppError):  # also when spelled differently
        plan_outputs([("a", tmp_path / "y"), ("b", tmp_path / "sub" / ".." / "y")], [])


def test_an_existing_path_that_is_not_a_regular_file_is_not_replaced(
        tmp_path: Path, inputs: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "node"
    os.mkfifo(fifo)
    assert _run(inputs, "--json", str(fifo)) == 2
    assert "not an ordinary file" in capsys.readouterr().err and fifo.is_fifo()
    with pytest.raises(AppError) as caught:
        write_atomic(fifo, "{}")
    assert "not an ordinary file" in caught.value.info.message
    assert Path(fifo).is_fifo()
    with pytest.raises(AppError):
        plan_outputs([("--json", Path("/dev/null"))], [])


def test_a_failed_write_leaves_the_old_file_whole_and_no_temporary(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "picture.png"
    target.write_bytes(b"old picture")

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(outputs.os, "fsync", full_disk)
    with pytest.raises(AppError) as caught:
        write_atomic(target, b"new picture" * 1000)
    assert "No space left" in caught.value.info.message
    assert target.read_bytes() == b"old picture"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["picture.png"]


def test_the_window_png_goes_through_the_atomic_writer(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: object) -> None:
    from PySide6.QtGui import QImage

    from gui.window.png_output import save_png

    target = tmp_path / "window.png"
    target.write_bytes(b"old picture")
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(0x336699)
    monkeypatch.setattr(outputs.os, "replace",
                        lambda *_: (_ for _ in ()).throw(OSError(errno.ENOSPC, "full")))
    with pytest.raises(AppError):
        save_png(image, target)
    assert target.read_bytes() == b"old picture"
    monkeypatch.undo()
    save_png(image, target)
    assert target.read_bytes().startswith(b"\x89PNG") and len(list(tmp_path.iterdir())) == 1


def test_after_a_run_one_failed_write_does_not_lose_the_others(
        inputs: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    json_out, csv_out, html_out = (tmp_path / f"out.{s}" for s in ("json", "csv", "html"))
    real = outputs.write_atomic

    def fail_csv(path: Path, content: str | bytes) -> None:
        if Path(path).suffix == ".csv":
            raise AppError(outputs.fail("io_error", f"{path} could not be written (full).").info)
        real(path, content)

    monkeypatch.setattr(outputs, "write_atomic", fail_csv)
    code = _run(inputs, "--json", str(json_out), "--csv", str(csv_out), "--html", str(html_out))
    out, err = capsys.readouterr()
    assert code == 1
    assert json_out.is_file() and html_out.is_file() and not csv_out.exists()
    assert f"Saved {json_out}" in out and f"Saved {html_out}" in out
    assert "error: --csv:" in err and "could not be written" in err


def test_every_output_target_is_checked_before_the_run(
        inputs: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(inputs, "--json", str(tmp_path / "ok.json"), "--html",
                str(tmp_path / "missing" / "r.html")) == 2
    out, err = capsys.readouterr()
    assert "does not exist" in err and "----INFERENCE TIME----" not in out
    assert not (tmp_path / "ok.json").exists()


def test_an_output_name_too_long_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(AppError) as caught:
        plan_outputs([("--json", tmp_path / ("r" * 300 + ".json"))], [])
    assert "longer than the system allows" in caught.value.info.message


def test_write_all_reports_each_failure() -> None:
    written, failed = write_all([Output("--json", Path("/nonexistent-dir/x.json"),
                                        lambda: b"{}")])
    assert written == [] and failed[0][0].what == "--json"
