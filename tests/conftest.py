"""Shared fixtures. Real Coral files are read from ../shared/coral and never copied in."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# As the app does before any font is drawn (gui.look.translations.allow_synthetic_bold): bold
# text in a family without a bold face is emboldened at every size.
os.environ.setdefault("QT_NO_SYNTHESIZED_BOLD_LIMIT", "1")

REPO = Path(__file__).resolve().parent.parent
CORAL = Path(os.environ.get("EDGETPU_COMPARE_CORAL", REPO.parent / "shared" / "coral"))


def _require_coral() -> Path:
    if not (CORAL / "models").is_dir():
        pytest.fail(f"Coral sample data not found at {CORAL}: tests need ../shared/coral beside "
                    "the repository (or EDGETPU_COMPARE_CORAL pointing at it).")
    return CORAL


@pytest.fixture(scope="session")
def coral() -> Path:
    """The folder with models/, labels/, images/ and invalid/."""
    return _require_coral()


@pytest.fixture(scope="session")
def bird_model(coral: Path) -> Path:
    return coral / "models" / "mobilenet_v2_1.0_224_inat_bird_quant.tflite"


@pytest.fixture(scope="session")
def bird_labels(coral: Path) -> Path:
    return coral / "labels" / "inat_bird_labels.txt"


@pytest.fixture(scope="session")
def parrot(coral: Path) -> Path:
    return coral / "images" / "parrot.jpg"


@pytest.fixture(scope="session")
def small_model(coral: Path) -> Path:
    """The smallest and fastest classifier: MobileNet v1 0.25 at 128x128 (ImageNet)."""
    return coral / "models" / "mobilenet_v1_0.25_128_quant.tflite"


def coral_file(entry_path: str, coral: Path) -> Path:
    """Where a manifest entry's file lies in ../shared/coral: at its own path (models/,
    labels/, images/), or in a task's folder (segmentation/, pose/) by its name."""
    own = coral / entry_path
    if own.is_file():
        return own
    name = Path(entry_path).name
    return next((folder / name for folder in sorted(coral.iterdir())
                 if (folder / name).is_file()), own)


@pytest.fixture(scope="session")
def sample_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """../shared/coral as the fetcher installs it (models/, labels/, images/), in links: the
    folder a mirror serves and a full set is recognised in."""
    from core.samples.manifest import load_manifest

    coral = _require_coral()
    folder = tmp_path_factory.mktemp("sample-folder")
    for entry in load_manifest().entries:
        found = coral_file(entry.path, coral)
        if found.is_file():
            link = folder / entry.path
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(found)
    return folder
