"""Where sample models are looked for, in order, and where a fetch puts them by default.

Order: ``--models-dir``, ``EDGETPU_COMPARE_MODELS`` (several folders separated by ``os.pathsep``),
the user's data folder. A source checkout is not special: the app finds the same folders whether
it was installed from a wheel or is run from a clone. The first folder
holding a verified copy of a file wins, so a booth laptop can point at a USB stick without
touching anything else.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from core.io.paths import expand_user, resolve_safely
from core.samples.manifest import FileStatus, Manifest, ManifestEntry, check_file, load_manifest

APP_NAME = "edgetpu-compare"
ENV_VAR = "EDGETPU_COMPARE_MODELS"


@dataclass(frozen=True)
class Located:
    """The best copy of one manifest file found in the search folders."""

    entry: ManifestEntry
    status: FileStatus
    path: Path | None  # None when missing everywhere


def user_models_dir() -> Path:
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "models"


def env_dirs(environ: Mapping[str, str] | None = None) -> list[Path]:
    value = (os.environ if environ is None else environ).get(ENV_VAR, "")
    return [expand_user(part) for part in value.split(os.pathsep) if part.strip()]


def model_dirs(explicit: Path | None = None,
               environ: Mapping[str, str] | None = None) -> list[Path]:
    """The folders searched for sample files, first match wins; duplicates removed."""
    return [path for path, _ in labelled_model_dirs(explicit, environ)]


def labelled_model_dirs(explicit: Path | None = None,
                        environ: Mapping[str, str] | None = None) -> list[tuple[Path, str]]:
    """``model_dirs`` with where each folder came from, for ``models list``."""
    candidates: list[tuple[Path, str]] = []
    if explicit is not None:
        candidates.append((expand_user(explicit), "--models-dir"))
    candidates.extend((path, ENV_VAR) for path in env_dirs(environ))
    candidates.append((user_models_dir(), "user data"))
    seen: set[Path] = set()
    result: list[tuple[Path, str]] = []
    for path, label in candidates:
        key = resolve_safely(path)
        if key not in seen:
            seen.add(key)
            result.append((path, label))
    return result


def default_dest(explicit: Path | None = None,
                 environ: Mapping[str, str] | None = None) -> Path:
    """Where ``models fetch`` writes without ``--dest``: the folder the user pointed at with
    ``--models-dir`` or the environment, else the user's data folder (never the source tree)."""
    if explicit is not None:
        return expand_user(explicit)
    from_env = env_dirs(environ)
    return from_env[0] if from_env else user_models_dir()


def locate(entry: ManifestEntry, dirs: Sequence[Path], full: bool = True) -> Located:
    """The first verified copy of ``entry``; else the first damaged one; else missing."""
    damaged: Located | None = None
    for folder in dirs:
        path = entry.local_path(folder)
        status = check_file(entry, path, full)
        if status.usable:
            return Located(entry, status, path)
        if status is not FileStatus.MISSING and damaged is None:
            damaged = Located(entry, status, path)
    return damaged or Located(entry, FileStatus.MISSING, None)


def find_demo(dirs: Sequence[Path] | None = None, full: bool = False,
              manifest: Manifest | None = None) -> tuple[Path, Path, Path] | None:
    """(model, labels, image) of the demo when all three are present, else None.

    By default only sizes are compared (cheap enough to run while a window opens); ``full``
    also checks SHA-256.
    """
    manifest = manifest or load_manifest()
    dirs = model_dirs() if dirs is None else dirs
    found: list[Path] = []
    for path in manifest.demo.paths():
        located = locate(manifest.entry(path), dirs, full)
        if located.path is None or not located.status.usable:
            return None
        found.append(located.path)
    return found[0], found[1], found[2]
