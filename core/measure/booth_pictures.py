"""Which sample pictures suit a model, so that the booth never shows a cat to a bird model.

A model only knows its labels: a bird classifier calls Grace Hopper "background", an ImageNet
classifier calls a sunflower whatever flower-like class it has. So the booth's default pictures
are chosen by what the model can name, read from two places and never from a file name:

- the model's task (``core.tasks.model_task``): a pose model wants people, a detector objects;
- the labels file's content: iNaturalist-style bird species ("Cyanocitta cristata (Blue Jay)"),
  the ImageNet classes, the COCO objects, a single "face".

The sample pictures are recognised by their bytes (size and SHA-256 from the manifest), so a
renamed copy is still known and a different picture of the same name is not. Pictures that are
not samples (the exhibitor's own, in the same folder) are always kept, and when nothing would be
left every picture is shown: an unsuitable picture is better than a blank booth.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal

from core.samples.manifest import Manifest, file_digests, load_manifest

Vocabulary = Literal["birds", "imagenet", "objects", "faces", "unknown"]

# What each sample picture shows, by its manifest path.
SAMPLE_SUBJECTS: dict[str, frozenset[str]] = {
    "images/bird.bmp": frozenset({"bird"}),
    "images/owl.jpg": frozenset({"bird"}),
    "images/parrot.jpg": frozenset({"bird"}),
    "images/cat.bmp": frozenset({"cat"}),
    "images/cat_720p.jpg": frozenset({"cat"}),
    "images/grace_hopper.bmp": frozenset({"person", "face"}),
    "images/hot_dog.jpg": frozenset({"food"}),
    "images/sunflower.bmp": frozenset({"flower"}),
}

# The subjects a model with these labels (or this task) can name; None: any picture.
_SUITS: dict[Vocabulary, frozenset[str] | None] = {
    "birds": frozenset({"bird"}),
    "imagenet": None,
    "objects": frozenset({"bird", "cat", "person", "food"}),
    "faces": frozenset({"face"}),
    "unknown": None,
}
_TASK_SUITS: dict[str, frozenset[str]] = {
    "pose": frozenset({"person"}),
    "segmentation": frozenset({"bird", "cat", "person"}),
}

_SPECIES = re.compile(r"^[A-Z][a-z]+ [a-z-]+ \((?P<common>[^()]+)\)$")
# The last word of common bird names ("Blue Jay", "Cassin's Finch").
_BIRD_WORDS = frozenset({
    "finch", "hawk", "jay", "warbler", "sparrow", "owl", "duck", "goose", "swan", "heron",
    "egret", "gull", "tern", "woodpecker", "hummingbird", "kingfisher", "parrot", "macaw",
    "parakeet", "dove", "pigeon", "eagle", "falcon", "kite", "vulture", "crow", "raven",
    "wren", "thrush", "robin", "bunting", "tanager", "oriole", "blackbird", "grackle",
    "swallow", "swift", "flycatcher", "vireo", "chickadee", "titmouse", "nuthatch",
    "sandpiper", "plover", "grebe", "loon", "cormorant", "pelican", "ibis", "stork", "crane",
    "quail", "grouse", "pheasant", "cuckoo", "shrike", "starling", "lark", "pipit",
    "bluebird", "cardinal", "grosbeak", "towhee", "junco", "meadowlark", "waxwing", "kinglet",
    "phoebe", "kingbird", "pewee", "trogon", "toucan", "limpkin", "gannet", "petrel",
    "shearwater", "puffin", "merganser", "teal", "wigeon", "mallard",
})


def labels_vocabulary(names: Iterable[str]) -> Vocabulary:
    """What kind of things the labels name, from their content."""
    labels = [n.strip() for n in names if n and n.strip()]
    if not labels:
        return "unknown"
    heads = {label.split(",")[0].strip().lower() for label in labels}
    if {"tench", "goldfish", "great white shark"} <= heads:
        return "imagenet"
    if {"person", "bicycle", "car", "dog"} <= heads:
        return "objects"
    if heads == {"face"} or heads == {"background", "face"}:
        return "faces"
    common = [m.group("common") for m in map(_SPECIES.match, labels) if m is not None]
    if common and 2 * len(common) >= len(labels):  # mostly "Genus species (Common Name)"
        birds = sum(1 for name in common
                    if name.replace("'", " ").split()[-1].lower() in _BIRD_WORDS)
        if 3 * birds >= len(common):
            return "birds"
    return "unknown"


def suitable_subjects(task: str, vocabulary: Vocabulary) -> frozenset[str] | None:
    """The subjects of pictures a model can name; None when any picture will do."""
    if task in _TASK_SUITS:
        return _TASK_SUITS[task]
    return _SUITS[vocabulary]


def sample_subjects(path: Path, manifest: Manifest) -> frozenset[str] | None:
    """What ``path`` shows when it is one of the sample pictures (by its bytes), else None."""
    try:
        size = path.stat().st_size
    except OSError:
        return None
    for entry in manifest.entries:
        subjects = SAMPLE_SUBJECTS.get(entry.path)
        if subjects is None or entry.kind != "image" or (entry.size and entry.size != size):
            continue
        try:
            sha256, _blob = file_digests(path)
        except OSError:
            return None
        if not entry.sha256 or sha256 == entry.sha256:
            return subjects
    return None


def pictures_for(images: Sequence[Path], task: str, vocabulary: Vocabulary,
                 manifest: Manifest | None = None) -> list[Path]:
    """``images`` without the sample pictures that the model cannot name (all of them when
    none would be left)."""
    wanted = suitable_subjects(task, vocabulary)
    if wanted is None:
        return list(images)
    manifest = manifest or load_manifest()
    kept = []
    for image in images:
        subjects = sample_subjects(image, manifest)
        if subjects is None or subjects & wanted:
            kept.append(image)
    return kept or list(images)
