"""The sample pair that ships inside the package, so that a first launch works offline.

Only the demo's files and the demo model's Edge TPU twin ship (about 8 MB); the rest of the
sample set is fetched or copied. The package folder has the layout of a models folder
(``models/``, ``labels/``, ``images/``), so the ordinary search finds the files there; it is
searched last, after every folder the user can fill, and offered only until the full set is
installed. Files are read from the installed package through importlib.resources; a package
that is not a plain folder (imported from a zip) has no bundled pair.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from core.samples.manifest import Manifest, ManifestEntry, load_manifest
from core.samples.model_dirs import find_demo, locate, model_dirs

PACKAGE = "core.samples.bundled"
NOTICES = ("NOTICE.txt", "LICENSE-Apache-2.0.txt")


def bundled_root() -> Path | None:
    """The folder of the bundled files, or None when the package is not a plain folder."""
    root = resources.files(PACKAGE)
    return root if isinstance(root, Path) and root.is_dir() else None


def bundled_entries(manifest: Manifest) -> tuple[ManifestEntry, ...]:
    """The manifest entries that ship: the demo's three and the Edge TPU twin of its model."""
    twins = [pair.edgetpu for pair in manifest.pairs if pair.cpu == manifest.demo.model]
    return tuple(manifest.entry(path) for path in (*manifest.demo.paths(), *twins))


def bundled_demo(manifest: Manifest | None = None) -> tuple[Path, Path, Path] | None:
    """(model, labels, image) inside the package, when they are there with the right sizes."""
    root = bundled_root()
    return None if root is None else find_demo([root], manifest=manifest)


def full_set_installed(dirs: Sequence[Path], manifest: Manifest | None = None) -> bool:
    """Whether every sample file is in one of ``dirs`` (sizes compared: cheap at start-up)."""
    manifest = manifest or load_manifest()
    return all(locate(entry, dirs, full=False).status.usable for entry in manifest.entries)


def demo_or_bundled(explicit: Path | None = None,
                    manifest: Manifest | None = None) -> tuple[Path, Path, Path] | None:
    """The demo from the user's folders, else the bundled one."""
    manifest = manifest or load_manifest()
    return find_demo(model_dirs(explicit), manifest=manifest) or bundled_demo(manifest)
