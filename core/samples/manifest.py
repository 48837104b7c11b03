"""The sample-model manifest: which Coral files the project knows, by size and hash.

``manifest.json`` (package data beside this module) pins every file to an upstream commit so that
its hash stays valid; the fetcher downloads by it and ``models list`` checks local copies against
it. A file is pinned by its size and SHA-256, or by its git blob id (the SHA-1 of ``blob <size>``,
a zero byte and the bytes: what git names the file by), or by both. The blob id serves for files
whose bytes were never on a machine of this project: the upstream repository states it, and it
covers the size, so such an entry may leave its size out (0 here). A models folder mirrors the
manifest's relative paths (``models/``, ``labels/``, ``images/``), the same layout as
``../shared/coral``, so that a copy of that folder is a valid mirror.
"""

from __future__ import annotations

import enum
import hashlib
import json
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from core.errors import fail

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

# Package data beside this module, read through importlib.resources: the same from a wheel and
# from a checkout, and never by climbing out of the package to a source tree.
MANIFEST_PATH: Traversable = resources.files(__name__.rpartition(".")[0]) / "manifest.json"
SCHEMA = "edgetpu-compare-models/1"
KINDS = ("model", "labels", "image")
_HASH_CHUNK = 1024 * 1024
MAX_UNSIZED = 1024 * 1024 * 1024  # a file of no stated size: no model this program reads is larger


@dataclass(frozen=True)
class ManifestEntry:
    """One file: where it lives under a models folder and what its bytes must be."""

    path: str  # relative POSIX path, e.g. "models/mobilenet_v1_0.25_128_quant.tflite"
    kind: str  # "model" | "labels" | "image"
    size: int  # 0: not stated (the git blob id pins it)
    sha256: str  # "" when pinned by the git blob id alone
    url: str
    license: str
    git_blob: str = ""

    @property
    def limit(self) -> int:
        """The most bytes a transfer of this file may bring."""
        return self.size or MAX_UNSIZED

    @property
    def name(self) -> str:
        return PurePosixPath(self.path).name

    def local_path(self, root: Path) -> Path:
        return root.joinpath(*PurePosixPath(self.path).parts)


@dataclass(frozen=True)
class Demo:
    """The files the window selects after a first fetch: bird model, its labels, the parrot."""

    model: str
    labels: str
    image: str

    def paths(self) -> tuple[str, str, str]:
        return (self.model, self.labels, self.image)


@dataclass(frozen=True)
class Pair:
    """A CPU model, its Edge TPU-compiled twin and the labels that fit both ("" for a model
    that names no classes, such as a pose model)."""

    cpu: str
    edgetpu: str
    labels: str = ""
    title: str = ""  # what a person calls it: "MobileNet v2 (ImageNet)"


@dataclass(frozen=True)
class Manifest:
    entries: tuple[ManifestEntry, ...]
    demo: Demo
    pairs: tuple[Pair, ...]

    def entry(self, path: str) -> ManifestEntry:
        for entry in self.entries:
            if entry.path == path:
                return entry
        raise KeyError(path)

    def demo_first(self) -> tuple[ManifestEntry, ...]:
        """All entries, the demo's three first: the window can offer the demo soonest."""
        demo = [self.entry(p) for p in self.demo.paths()]
        return (*demo, *(e for e in self.entries if e not in demo))


class FileStatus(enum.Enum):
    VERIFIED = "verified"
    SIZE_OK = "present"  # size matches; the hash was not computed
    WRONG_SIZE = "wrong size"
    WRONG_HASH = "wrong hash"
    MISSING = "missing"

    @property
    def usable(self) -> bool:
        return self in (FileStatus.VERIFIED, FileStatus.SIZE_OK)


def file_digests(path: Path) -> tuple[str, str]:
    """(SHA-256, git blob id) of a file, in one read.

    The blob id's header holds the size, taken from the open file; bytes that differ from it
    (the file changed while read) give an id that matches nothing, never a false match.
    """
    sha256 = hashlib.sha256()
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        blob = hashlib.sha1(f"blob {size}\0".encode(), usedforsecurity=False)
        read = 0
        while chunk := handle.read(_HASH_CHUNK):
            read += len(chunk)
            sha256.update(chunk)
            blob.update(chunk)
    return sha256.hexdigest(), blob.hexdigest() if read == size else ""


def hash_problem(entry: ManifestEntry, path: Path) -> str:
    """Why the file's bytes are not the entry's (a sentence naming the hash), or ""."""
    sha256, blob = file_digests(path)
    if entry.sha256 and sha256 != entry.sha256:
        return f"its SHA-256 is {sha256[:12]}…, not {entry.sha256[:12]}…"
    if entry.git_blob and blob != entry.git_blob:
        return f"its git blob id is {blob[:12] or 'unreadable'}…, not {entry.git_blob[:12]}…"
    return ""


def check_file(entry: ManifestEntry, path: Path, full: bool = True) -> FileStatus:
    """How the file at ``path`` compares with ``entry``; ``full=False`` only compares sizes
    (an entry of no stated size is hashed all the same: nothing else can vouch for it)."""
    try:
        if not path.is_file():
            return FileStatus.MISSING
        if entry.size and path.stat().st_size != entry.size:
            return FileStatus.WRONG_SIZE
        if not full and entry.size:
            return FileStatus.SIZE_OK
        return FileStatus.WRONG_HASH if hash_problem(entry, path) else FileStatus.VERIFIED
    except OSError:
        return FileStatus.MISSING


def load_manifest(path: Path | Traversable | None = None) -> Manifest:
    """Read and validate the manifest; a damaged one is ``invalid_manifest``."""
    path = path or MANIFEST_PATH
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise fail("invalid_manifest", f"The list of sample models ({path}) is missing.",
                   detail=str(path)) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise fail("invalid_manifest", detail=f"{path}: {exc}") from None
    return parse_manifest(data)


def parse_manifest(data: Any) -> Manifest:
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise _bad(f"the schema is not {SCHEMA}")
    files = data.get("files")
    if not isinstance(files, list) or not files:
        raise _bad("'files' is not a non-empty list")
    entries = tuple(_entry(item, i) for i, item in enumerate(files))
    known = {e.path: e for e in entries}
    if len(known) != len(entries):
        raise _bad("a path is listed twice")
    demo_data = data.get("demo")
    if not isinstance(demo_data, dict):
        raise _bad("'demo' is missing")
    demo = Demo(*(_ref(demo_data, key, kind, known) for key, kind in
                  (("model", "model"), ("labels", "labels"), ("image", "image"))))
    pairs_data = data.get("pairs", [])
    if not isinstance(pairs_data, list):
        raise _bad("'pairs' is not a list")
    pairs = tuple(Pair(_ref(p, "cpu", "model", known), _ref(p, "edgetpu", "model", known),
                       _ref(p, "labels", "labels", known)
                       if isinstance(p, dict) and "labels" in p else "", _title(p))
                  for p in pairs_data)
    return Manifest(entries, demo, pairs)


def _entry(item: Any, index: int) -> ManifestEntry:
    if not isinstance(item, dict):
        raise _bad(f"file {index} is not an object")
    try:
        entry = ManifestEntry(path=str(item["path"]), kind=str(item["kind"]),
                              size=item.get("size", 0), sha256=str(item.get("sha256", "")),
                              url=str(item["url"]), license=str(item.get("license", "")),
                              git_blob=str(item.get("git_blob", "")))
    except KeyError as exc:
        raise _bad(f"file {index} has no {exc}") from None
    pure = PurePosixPath(entry.path)
    if pure.is_absolute() or ".." in pure.parts or len(pure.parts) < 2 or "\\" in entry.path:
        raise _bad(f"{entry.path!r} is not a relative path inside a models folder")
    if entry.kind not in KINDS:
        raise _bad(f"{entry.path}: kind {entry.kind!r} is not one of {', '.join(KINDS)}")
    if not isinstance(entry.size, int) or isinstance(entry.size, bool) or entry.size < 0 \
            or (entry.size == 0 and not entry.git_blob) or entry.size > MAX_UNSIZED:
        raise _bad(f"{entry.path}: size is not a positive integer (only a file pinned by its "
                   "git blob id may leave it out)")
    if not (entry.sha256 or entry.git_blob):
        raise _bad(f"{entry.path}: neither sha256 nor git_blob pins its bytes")
    for name, value, digits in (("sha256", entry.sha256, 64), ("git_blob", entry.git_blob, 40)):
        if value and (len(value) != digits or any(c not in "0123456789abcdef" for c in value)):
            raise _bad(f"{entry.path}: {name} is not {digits} lower-case hex digits")
    if not entry.url.startswith("https://"):
        raise _bad(f"{entry.path}: the url is not https")
    return entry


def _ref(data: Any, key: str, kind: str, known: dict[str, ManifestEntry]) -> str:
    path = data.get(key) if isinstance(data, dict) else None
    if not isinstance(path, str) or path not in known or known[path].kind != kind:
        raise _bad(f"{key} {path!r} is not a {kind} listed in 'files'")
    return path


def _title(data: Any) -> str:
    title = data.get("title", "") if isinstance(data, dict) else ""
    if not isinstance(title, str) or len(title) > 80 or not title.isprintable():
        raise _bad(f"the title {title!r} is not a short line of text")
    return title


def _bad(detail: str) -> Exception:
    return fail("invalid_manifest", detail=detail)
