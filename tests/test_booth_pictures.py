"""The booth's default pictures suit the model: chosen by its task and its labels' content."""

from __future__ import annotations

import shutil
from pathlib import Path

from core.measure.booth import list_images
from core.measure.booth_pictures import labels_vocabulary, pictures_for
from core.measure.session import RunRequest
from gui.booth.launch import booth_images


def _names(paths: list[Path]) -> list[str]:
    return [p.name for p in paths]


def _labels(coral: Path, name: str) -> list[str]:
    return (coral / name).read_text(encoding="utf-8").splitlines()


def test_the_labels_say_what_a_model_can_name(coral: Path) -> None:
    assert labels_vocabulary(_labels(coral, "labels/inat_bird_labels.txt")) == "birds"
    assert labels_vocabulary(_labels(coral, "labels/imagenet_labels.txt")) == "imagenet"
    assert labels_vocabulary(_labels(coral, "labels/coco_labels.txt")) == "objects"
    assert labels_vocabulary(_labels(coral, "detection/face_labels.txt")) == "faces"
    assert labels_vocabulary(["Apis mellifera (Western Honey Bee)",
                              "Bombus terrestris (Buff-tailed Bumblebee)"]) == "unknown"
    assert labels_vocabulary([]) == "unknown"


def test_a_bird_model_gets_the_bird_pictures_and_imagenet_the_mixed_set(coral: Path) -> None:
    images = list_images(coral / "images")
    birds = pictures_for(images, "classification", "birds")
    assert _names(birds) == ["bird.bmp", "owl.jpg", "parrot.jpg"]
    assert pictures_for(images, "classification", "imagenet") == images
    objects = _names(pictures_for(images, "detection", "objects"))
    assert "grace_hopper.bmp" in objects and "sunflower.bmp" not in objects
    assert _names(pictures_for(images, "detection", "faces")) == ["grace_hopper.bmp"]
    assert _names(pictures_for(images, "pose", "unknown")) == ["grace_hopper.bmp"]


def test_pictures_are_known_by_their_bytes_and_the_exhibitors_own_stay(
        tmp_path: Path, coral: Path) -> None:
    shutil.copy(coral / "images" / "cat.bmp", tmp_path / "renamed.bmp")
    shutil.copy(coral / "images" / "owl.jpg", tmp_path / "cat.bmp")  # an owl called cat
    (tmp_path / "mine.jpg").write_bytes(b"not a sample")
    kept = _names(pictures_for(list_images(tmp_path), "classification", "birds"))
    assert kept == ["cat.bmp", "mine.jpg"]
    only_cats = tmp_path / "cats"
    only_cats.mkdir()
    shutil.copy(coral / "images" / "cat.bmp", only_cats / "cat.bmp")
    assert _names(pictures_for(list_images(only_cats), "classification", "birds")) == \
        ["cat.bmp"], "an unsuitable picture rather than none"


def test_the_booth_filters_only_the_default_folder(
        tmp_path: Path, coral: Path, bird_model: Path, bird_labels: Path, parrot: Path) -> None:
    models = tmp_path / "models"
    shutil.copytree(coral / "images", models / "images")
    template = RunRequest(bird_model, parrot, bird_labels)
    images, _start = booth_images(template, None, models)
    assert _names(images) == ["bird.bmp", "owl.jpg", "parrot.jpg"]
    chosen, _start = booth_images(template, models / "images", models)
    assert len(chosen) == 8, "a folder the exhibitor names is shown whole"
