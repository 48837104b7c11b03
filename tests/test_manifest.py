"""The manifest against the real Coral files and SOURCES.md; the model search order; find_demo."""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from core.errors import AppError
from core.samples.manifest import (
    MANIFEST_PATH,
    FileStatus,
    Manifest,
    check_file,
    load_manifest,
    parse_manifest,
)
from core.samples.model_dirs import (
    ENV_VAR,
    default_dest,
    find_demo,
    locate,
    model_dirs,
    user_models_dir,
)
from tests.conftest import coral_file


def held_manifest() -> Manifest:
    """The manifest without the files whose bytes are not on this machine (Coral's COCO
    detectors, pinned by git blob id): what a copy of ../shared/coral can serve."""
    full = load_manifest()
    held = tuple(e for e in full.entries if e.sha256)
    paths = {e.path for e in held}
    return replace(full, entries=held, pairs=tuple(
        p for p in full.pairs if p.cpu in paths and p.edgetpu in paths))


@pytest.fixture(scope="module")
def manifest() -> Manifest:
    return load_manifest()


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(MANIFEST_PATH.read_text(encoding="utf-8"))
    return data


def _sources_table(coral: Path) -> dict[str, tuple[int, str, str, str]]:
    text = (coral / "SOURCES.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\S+) \| (\d+) \| ([0-9a-f]{64}) \| (google-coral/[\w-]+), (\S+) \|$",
                      text, re.MULTILINE)
    table = {path: (int(size), sha, repo, upstream) for path, size, sha, repo, upstream in rows}
    # segmentation/ and pose/ list their files by name, all from test_data at one commit
    kinds = {".tflite": "models", ".txt": "labels", ".bmp": "images"}
    for task in ("segmentation", "pose"):
        text = (coral / task / "SOURCES.md").read_text(encoding="utf-8")
        for name, size, sha in re.findall(r"^\| (\S+) \| (\d+) \| ([0-9a-f]{64}) \| \S+ \(",
                                          text, re.MULTILINE):
            folder = kinds.get(Path(name).suffix)
            if folder and not name.endswith("_mask.bmp"):
                table[f"{folder}/{name}"] = (int(size), sha, "google-coral/test_data", name)
    return table


def _blob_table(coral: Path) -> dict[str, str]:
    """detection/SOURCES.md: the git blob ids of Coral's COCO detectors (bytes not here)."""
    text = (coral / "detection" / "SOURCES.md").read_text(encoding="utf-8")
    return dict(re.findall(r"^  - (\S+): ([0-9a-f]{40})", text, re.MULTILINE))


def test_every_entry_matches_the_real_file(manifest: Manifest, coral: Path) -> None:
    assert len(manifest.entries) == 33
    held = [e for e in manifest.entries if e.sha256]
    assert len(held) == 29  # the four detectors are pinned by git blob id alone
    for entry in held:
        assert check_file(entry, coral_file(entry.path, coral)) is FileStatus.VERIFIED, entry.path
    coco = manifest.entry("labels/coco_labels.txt")
    assert coco.git_blob == _blob_table(coral)["coco_labels.txt"]  # both hashes checked


def test_manifest_agrees_with_sources_md(manifest: Manifest, coral: Path) -> None:
    table = _sources_table(coral)
    blobs = _blob_table(coral)
    text = (coral / "SOURCES.md").read_text(encoding="utf-8")
    commits = dict(re.findall(r"- (google-coral/[\w-]+) at ([0-9a-f]{40})", text))
    wanted = {path for path in table if not path.startswith("invalid/")}
    wanted |= {f"models/{name}" for name in blobs if name.endswith(".tflite")}
    assert {e.path for e in manifest.entries} == wanted
    for entry in manifest.entries:
        if entry.path in table:
            size, sha, repo, upstream = table[entry.path]
            assert (entry.size, entry.sha256) == (size, sha), entry.path
        else:
            repo, upstream = "google-coral/test_data", entry.name
            assert (entry.size, entry.sha256, entry.git_blob) == (0, "", blobs[entry.name])
        assert entry.url == (f"https://raw.githubusercontent.com/{repo}/{commits[repo]}/"
                             f"{upstream}"), entry.path
        assert entry.license


def test_kinds_demo_and_pairs(manifest: Manifest) -> None:
    kinds = [e.kind for e in manifest.entries]
    assert (kinds.count("model"), kinds.count("labels"), kinds.count("image")) == (18, 5, 10)
    assert manifest.demo.paths() == ("models/mobilenet_v2_1.0_224_inat_bird_quant.tflite",
                                     "labels/inat_bird_labels.txt", "images/parrot.jpg")
    assert len(manifest.pairs) == 9
    assert [p.labels for p in manifest.pairs[-4:]] == ["labels/coco_labels.txt"] * 2 + [
        "labels/pascal_voc_segmentation_labels.txt", ""]  # a pose model names no classes
    for pair in manifest.pairs:
        assert pair.edgetpu == pair.cpu.replace(".tflite", "_edgetpu.tflite")
    assert [e.path for e in manifest.demo_first()[:3]] == list(manifest.demo.paths())
    assert sorted(e.path for e in manifest.demo_first()) == sorted(e.path for e in
                                                                   manifest.entries)


@pytest.mark.parametrize("damage", [
    lambda d: d.update(schema="other/1"),
    lambda d: d["files"][0].update(sha256="ABC"),
    lambda d: d["files"][0].update(path="../escape.tflite"),
    lambda d: d["files"][0].update(size=-1),
    lambda d: d["files"][0].pop("size"),  # only a file pinned by its git blob id may
    lambda d: d["files"][0].pop("sha256"),  # nothing pins the bytes
    lambda d: d["files"][-1].update(git_blob="E6E4"),
    lambda d: d["files"][0].update(kind="video"),
    lambda d: d["files"][0].pop("url"),
    lambda d: d["files"].append(dict(d["files"][0])),
    lambda d: d["demo"].update(image="images/absent.jpg"),
    lambda d: d["demo"].update(image="labels/coco_labels.txt"),
])
def test_a_damaged_manifest_is_invalid_manifest(raw: dict[str, Any], damage: Any) -> None:
    data = copy.deepcopy(raw)
    damage(data)
    with pytest.raises(AppError) as caught:
        parse_manifest(data)
    assert caught.value.info.code == "invalid_manifest"
    assert caught.value.info.detail


def test_unreadable_manifest_file(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text("{not json", encoding="utf-8")
    for path in (tmp_path / "manifest.json", tmp_path / "absent.json"):
        with pytest.raises(AppError) as caught:
            load_manifest(path)
        assert caught.value.info.code == "invalid_manifest"


def test_search_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    a, b, explicit = tmp_path / "a", tmp_path / "b", tmp_path / "explicit"
    environ = {ENV_VAR: f"{a}{os.pathsep}{b}{os.pathsep}"}

    assert model_dirs(explicit, environ) == [explicit, a, b, user_models_dir()]
    assert model_dirs(None, {}) == [user_models_dir()]  # a checkout is not special
    assert model_dirs(a, {ENV_VAR: str(a)}) == [a, user_models_dir()]
    assert user_models_dir().is_relative_to(tmp_path / "xdg")
    assert default_dest(explicit, environ) == explicit
    assert default_dest(None, environ) == a
    assert default_dest(None, {}) == user_models_dir()


def _copy_demo(manifest: Manifest, coral: Path, dest: Path) -> None:
    for path in manifest.demo.paths():
        target = dest / path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(coral / path, target)


def test_find_demo_takes_the_first_good_copy(manifest: Manifest, coral: Path,
                                             tmp_path: Path) -> None:
    first, second, empty = tmp_path / "first", tmp_path / "second", tmp_path / "empty"
    _copy_demo(manifest, coral, first)
    _copy_demo(manifest, coral, second)
    (first / "images" / "parrot.jpg").write_bytes(b"truncated")

    demo = find_demo([empty, first, second], manifest=manifest)

    assert demo == (first / manifest.demo.model, first / manifest.demo.labels,
                    second / manifest.demo.image)
    assert find_demo([empty], manifest=manifest) is None
    assert find_demo([first], manifest=manifest) is None


def test_find_demo_full_check_catches_a_changed_byte(manifest: Manifest, coral: Path,
                                                     tmp_path: Path) -> None:
    _copy_demo(manifest, coral, tmp_path)
    image = tmp_path / manifest.demo.image
    data = bytearray(image.read_bytes())
    data[100] ^= 0xFF
    image.write_bytes(bytes(data))

    assert find_demo([tmp_path], manifest=manifest) is not None  # sizes still match
    assert find_demo([tmp_path], full=True, manifest=manifest) is None
    located = locate(manifest.entry(manifest.demo.image), [tmp_path])
    assert (located.status, located.path) == (FileStatus.WRONG_HASH, image)
