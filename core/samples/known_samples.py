"""What the sample set offers a person choosing files: the readable title of a sample model, and
the sample pictures installed on this computer.

A model is known by its content, as the manifest pins it (SHA-256, or git blob id), never by its
name: Coral's file renamed is still "MobileNet v2 (ImageNet)", and a retrained model saved under
Coral's name is not. Pictures are found where the app keeps the samples (the model folders, then
the pair shipped inside the package), as the fetcher or a copy left them.
"""

from __future__ import annotations

import functools
from pathlib import Path

from core.errors import AppError
from core.samples import bundled_pair
from core.samples.manifest import Manifest, file_digests, load_manifest
from core.samples.model_dirs import locate, model_dirs


@functools.lru_cache(maxsize=1)
def _default_manifest() -> Manifest | None:
    try:
        return load_manifest()
    except AppError:
        return None  # a damaged list names no samples; the fetcher reports it where it is used


def sample_title(path: Path, sha256: str = "", manifest: Manifest | None = None) -> str:
    """The manifest's title of the model file at ``path`` (``sha256``, when already known,
    spares one reading of it), or ``""`` when it is not one of the sample models."""
    manifest = manifest or _default_manifest()
    if manifest is None:
        return ""
    titles = {model: pair.title for pair in manifest.pairs if pair.title
              for model in (pair.cpu, pair.edgetpu)}
    try:
        size = path.stat().st_size
    except OSError:
        return ""
    candidates = [e for e in manifest.entries if e.path in titles and e.size in (0, size)]
    if not candidates:
        return ""
    if not sha256 or any(not e.sha256 for e in candidates):
        try:
            sha256, blob = file_digests(path)
        except OSError:
            return ""
    else:
        blob = ""
    for entry in candidates:
        same = entry.sha256 == sha256 if entry.sha256 else bool(blob) and entry.git_blob == blob
        if same:
            return titles[entry.path]
    return ""


def sample_pictures(explicit: Path | None = None, manifest: Manifest | None = None
                    ) -> list[Path]:
    """The sample pictures present in the model folders or inside the package, in the
    manifest's order, each from the first folder holding it (sizes compared, as at start-up)."""
    manifest = manifest or _default_manifest()
    if manifest is None:
        return []
    root = bundled_pair.bundled_root()
    folders = [*model_dirs(explicit), *([root] if root is not None else [])]
    found = []
    for entry in manifest.entries:
        if entry.kind != "image":
            continue
        located = locate(entry, folders, full=False)
        if located.path is not None and located.status.usable:
            found.append(located.path)
    return found
