"""``edgetpu-compare models fetch | list`` end to end, from the real Coral files (no internet)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from core.cli import main as cli
from core.cli import models as models_command
from core.samples.manifest import FileStatus, check_file
from core.samples.manifest import load_manifest as load_full_manifest
from tests.test_fetcher import MirrorServer
from tests.test_manifest import held_manifest as load_manifest

BIRD = "models/mobilenet_v2_1.0_224_inat_bird_quant.tflite"
OTHER = "models/mobilenet_v1_0.25_128_quant.tflite"


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No user data folder or environment of the machine running the tests; only the models
    command, so that these tests do not depend on the other subcommands' modules; the files
    of this machine only (a test that wants the whole manifest puts it back)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("EDGETPU_COMPARE_MODELS", raising=False)
    monkeypatch.setattr(cli, "CORE_COMMANDS",
                        tuple(c for c in cli.CORE_COMMANDS if c.name == "models"))
    monkeypatch.setattr(models_command, "load_manifest", load_manifest)


def _rows(stdout: str) -> dict[str, str]:
    """FILE -> the rest of its line in the list table."""
    paths = {e.path for e in load_manifest().entries}
    return {line.split()[0]: line for line in stdout.splitlines()
            if line.split() and line.split()[0] in paths}


def test_fetch_from_a_folder_then_list_shows_every_file_verified(
        coral: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dest = tmp_path / "models"

    assert cli.main(["models", "fetch", "--from", str(coral), "--dest", str(dest)]) == 0
    out = capsys.readouterr()
    assert "Installed 29, already present 0, failed 0." in out.out and out.err == ""

    assert cli.main(["models", "list", "--models-dir", str(dest)]) == 0
    listing = capsys.readouterr().out
    rows = _rows(listing)
    assert len(rows) == 29
    for path, row in rows.items():
        assert row.split()[-2:] == ["verified", str(dest)], path
    assert "29 of 29 files present and verified." in listing

    assert cli.main(["models", "fetch", "--from", str(coral), "--dest", str(dest)]) == 0
    assert "Installed 0, already present 29, failed 0." in capsys.readouterr().out


def test_a_folder_arranged_by_task_gives_the_segmenter_and_the_pose_model(
        coral: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """../shared/coral keeps DeepLab in segmentation/ and MoveNet in pose/: found there by name
    (and checked by size and SHA-256), installed where the manifest puts them, and the
    segmenter's labels are found beside it."""
    from core.inputs.model_info import find_labels_beside

    assert not (coral / "models" / "deeplabv3_mnv2_pascal_quant.tflite").exists()
    dest = tmp_path / "models"
    assert cli.main(["models", "fetch", "--from", str(coral), "--dest", str(dest)]) == 0
    capsys.readouterr()
    for path in ("models/deeplabv3_mnv2_pascal_quant_edgetpu.tflite",
                 "models/movenet_single_pose_lightning_ptq.tflite", "images/squat.bmp",
                 "images/bird_segmentation.bmp", "labels/pascal_voc_segmentation_labels.txt"):
        assert path in _verified(dest), path
    assert find_labels_beside(dest / "models" / "deeplabv3_mnv2_pascal_quant.tflite") == \
        dest / "labels" / "pascal_voc_segmentation_labels.txt"


def test_a_mirror_with_one_changed_byte_is_refused_for_that_file_only(
        sample_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mirror, dest = tmp_path / "mirror", tmp_path / "dest"
    shutil.copytree(sample_folder, mirror)
    damaged = mirror / OTHER
    data = bytearray(damaged.read_bytes())
    data[len(data) // 3] ^= 0x20
    damaged.write_bytes(bytes(data))

    assert cli.main(["models", "fetch", "--from", str(mirror), "--dest", str(dest)]) == 1
    out = capsys.readouterr()
    errors = out.err.splitlines()
    assert len(errors) == 1 and errors[0].startswith("error: ")
    assert OTHER in errors[0] and "damaged or changed" in errors[0]
    assert load_manifest().entry(OTHER).sha256[:12] in errors[0]
    assert "Installed 28, already present 0, failed 1." in out.out
    assert not (dest / OTHER).exists()
    assert list(dest.rglob("*.part")) == []

    assert cli.main(["models", "list", "--models-dir", str(dest)]) == 0
    rows = _rows(capsys.readouterr().out)
    assert rows[OTHER].split()[-2:] == ["missing", "-"]
    assert sum("verified" in row for row in rows.values()) == 28


def test_fetch_from_a_folder_that_does_not_exist_is_a_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dest = tmp_path / "dest"
    code = cli.main(["models", "fetch", "--from", str(tmp_path / "nope"), "--dest", str(dest)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("error: ") and "nope" in err
    assert not dest.exists()


def test_fetch_from_a_mirror_address(sample_folder: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    dest = tmp_path / "dest"
    with MirrorServer(sample_folder, cut_once={BIRD: 500_000}) as mirror:
        assert cli.main(["models", "fetch", "--from", mirror.url + "/", "--dest",
                         str(dest)]) == 0
        assert mirror.requests_for(BIRD) == ["", "bytes=500000-"]
    out = capsys.readouterr().out
    assert f"retrying  {BIRD}" in out and "Installed 29" in out
    assert len(_verified(dest)) == 29


def _verified(dest: Path) -> list[str]:
    return [e.path for e in load_manifest().entries
            if check_file(e, e.local_path(dest)) is FileStatus.VERIFIED]


def test_list_finds_files_through_the_environment_and_reports_damage(
        coral: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "stick"
    (folder / "models").mkdir(parents=True)
    shutil.copyfile(coral / BIRD, folder / BIRD)
    shutil.copyfile(coral / OTHER, folder / OTHER)
    data = bytearray((folder / OTHER).read_bytes())
    data[-1] ^= 0x01
    (folder / OTHER).write_bytes(bytes(data))
    monkeypatch.setenv("EDGETPU_COMPARE_MODELS", str(folder))

    assert cli.main(["models", "list"]) == 0
    out = capsys.readouterr().out
    assert f"1. {folder} (EDGETPU_COMPARE_MODELS)" in out
    rows = _rows(out)
    assert rows[BIRD].split()[-2:] == ["verified", str(folder)]
    assert rows[OTHER].split()[-3:] == ["wrong", "hash", str(folder)]
    assert rows["images/parrot.jpg"].split()[-1] == "-"
    assert "1 of 29 files present and verified." in out

    assert cli.main(["models", "list", "--quick"]) == 0
    rows = _rows(capsys.readouterr().out)
    assert rows[OTHER].split()[-2:] == ["present", str(folder)]  # sizes alone cannot tell


def test_fetch_without_dest_installs_into_models_dir(
        coral: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "chosen"
    assert cli.main(["models", "fetch", "--from", str(coral), "--models-dir", str(target)]) == 0
    assert f"into {target}" in capsys.readouterr().out
    assert len(_verified(target)) == 29


def test_files_pinned_by_git_blob_id_that_the_folder_lacks_are_named(
        coral: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(models_command, "load_manifest", load_full_manifest)
    dest = tmp_path / "models"
    assert cli.main(["models", "fetch", "--from", str(coral), "--dest", str(dest)]) == 1
    out = capsys.readouterr()
    assert "Fetching 33 files (" in out.out and " and 4 of no stated size) from " in out.out
    assert "Installed 29, already present 0, failed 4." in out.out
    missing = [line for line in out.err.splitlines() if "is not in" in line]
    assert len(missing) == 4 and all("ssd" in line for line in missing)
    assert cli.main(["models", "list", "--models-dir", str(dest)]) == 0
    listing = capsys.readouterr().out
    [detector] = [line.split() for line in listing.splitlines()
                  if line.startswith("models/ssdlite_mobiledet_coco_qat_postprocess_edgetpu")]
    assert detector[1:4] == ["model", "?", "missing"]
    assert "29 of 33 files present and verified." in listing
