"""Coral's published Edge TPU latencies, for the exact model files Coral published them for.

A person without an Edge TPU asks whether one would help; a person with one asks whether theirs
is as fast as it should be. Both answers need Coral's own figure beside what was measured here,
and that figure means something only for the model it was measured on. So a figure is found by
the model file's content (the SHA-256 of its bytes), never by its name: a retrained
``mobilenet_v2_1.0_224_quant.tflite`` is another model, and Coral's file renamed is still Coral's.
Each figure is pinned to the published files, the CPU model and its compiled Edge TPU twin, so
that either file of the pair finds it.

Each figure was checked against the page cited beside it (``source``). Coral's benchmark page
names architectures, not files: its MobileNet v2 (224x224) row is attributed here to the ImageNet
MobileNet v2 1.0 224 that Coral distributes (google-coral/edgetpu, test_data/). Coral's model
pages list each model with its latency beside the file to download. A model with no figure here
says so (``NO_FIGURE``) rather than borrowing the figure of a similar one.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

BENCHMARKS_PAGE = "https://coral.ai/docs/edgetpu/benchmarks/"
DETECTION_PAGE = "https://coral.ai/models/object-detection/"
POSE_PAGE = "https://coral.ai/models/pose-estimation/"
SEGMENTATION_PAGE = "https://coral.ai/models/semantic-segmentation/"
NO_FIGURE = "Coral publishes no figure for this model."
NOT_STATED = "not stated"


@dataclass(frozen=True)
class Conditions:
    """Where Coral measured: the accelerator, the computer it was plugged into, the link between
    them and the Edge TPU's clock, as far as the page says (``NOT_STATED`` where it does not)."""

    device: str
    host: str
    link: str
    clock: str

    def describe(self) -> str:
        """``Coral USB Accelerator on a desktop CPU over USB 3.0``: what the page states."""
        text = self.device
        if self.host != NOT_STATED:
            text += f" on a {self.host}"
        if self.link != NOT_STATED:
            text += f" over {self.link}"
        if self.clock != NOT_STATED:
            text += f" at {self.clock} clock"
        return text


@dataclass(frozen=True)
class PublishedFigure:
    """One published latency: the time of one inference on the Edge TPU, in milliseconds."""

    key: str  # stable name in result files, e.g. "mobilenet_v2_1.0_224"
    model: str  # as Coral's page names it
    ms: float
    conditions: Conditions
    source: str  # the page the figure is read from
    method: str  # what the figure measures, as the page says
    pinned: tuple[str, ...]  # SHA-256 of the published files (the model and its compiled twin)

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "model": self.model, "ms": self.ms,
                "conditions": asdict(self.conditions), "source": self.source,
                "method": self.method}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PublishedFigure:
        """A figure as a result file stored it; unknown keys are ignored, missing ones empty."""
        conditions = data.get("conditions") or {}
        return cls(str(data.get("key", "")), str(data.get("model", "")), float(data["ms"]),
                   Conditions(*(str(conditions.get(k, NOT_STATED))
                                for k in ("device", "host", "link", "clock"))),
                   str(data.get("source", "")), str(data.get("method", "")), ())


_USB3_DESKTOP = Conditions("Coral USB Accelerator", "desktop CPU", "USB 3.0", NOT_STATED)
_MODEL_PAGE = Conditions("Coral USB Accelerator", "desktop CPU", NOT_STATED, NOT_STATED)
_BENCHMARK_METHOD = "C++ benchmark of the model's execution only (no resizing of the input)"
_MODEL_PAGE_METHOD = "the time of one inference, as listed on the model page"

FIGURES: tuple[PublishedFigure, ...] = (
    # coral.ai/docs/edgetpu/benchmarks, table 1, "MobileNet v2 (224x224)", column "Desktop CPU
    # + USB Accelerator (USB 3.0) with Edge TPU": 2.6 ms.
    PublishedFigure(
        "mobilenet_v2_1.0_224", "MobileNet v2 (224x224, ImageNet)", 2.6, _USB3_DESKTOP,
        BENCHMARKS_PAGE, _BENCHMARK_METHOD,
        ("51e8256b05665529f8836fe6e8eeed41b2fc75a900d8eebda338d70a6726f8da",  # _quant.tflite
         "a20b5112542b2e14e46a30c365ba03f25deb1c81b9ea42ec7b7dc2a59620f267")),  # _edgetpu
    # coral.ai/models/object-detection: "SSD MobileNet V2, Faces, 320x320x3, TF1": 5.2 ms.
    PublishedFigure(
        "ssd_mobilenet_v2_face", "SSD MobileNet V2 (faces, 320x320)", 5.2, _MODEL_PAGE,
        DETECTION_PAGE, _MODEL_PAGE_METHOD,
        ("6fb1f0accb7caed05957bf94622731e3551aa784945009641c8f25fe0cb824c6",)),
    # coral.ai/models/pose-estimation: "MoveNet.SinglePose.Lightning, 192x192x3": 7.1 ms.
    PublishedFigure(
        "movenet_single_pose_lightning", "MoveNet.SinglePose.Lightning (192x192)", 7.1,
        _MODEL_PAGE, POSE_PAGE, _MODEL_PAGE_METHOD,
        ("cd7cc22fa946e5d146a7b98d496853e1923e22828d3972d579973f27f91bb105",
         "25c88b77586f65c5c80d868c0555fb194f2b38c0b55aa491f4a93b7d7da58e78")),
    # coral.ai/models/semantic-segmentation: "MobileNet v2 DeepLab v3, PASCAL VOC2012, 513x513x3,
    # depth multiplier 1.0": 43.0 ms (its compiled file is the 2.9 MB one the page lists).
    PublishedFigure(
        "deeplabv3_mnv2_pascal", "MobileNet v2 DeepLab v3 (PASCAL VOC, 513x513, depth 1.0)",
        43.0, _MODEL_PAGE, SEGMENTATION_PAGE, _MODEL_PAGE_METHOD,
        ("350af47fd346ea6d74b58833a351f583ba860e9806ec5bd292ff8d8f1f249398",
         "4d899a809ac1d7032880392ef09ee1a891205ecaae2cde288fd3fe7f7dda966e")),
)

_BY_CONTENT = {sha: figure for figure in FIGURES for sha in figure.pinned}


def find_figure(sha256: str) -> PublishedFigure | None:
    """Coral's figure for the model file with this SHA-256 (hex), or None when it has none."""
    return _BY_CONTENT.get(sha256.strip().lower())
