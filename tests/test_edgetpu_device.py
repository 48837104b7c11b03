"""On a machine with a real Edge TPU: the bird model on the parrot, as the original write-up did.

Skipped, with the reason, where no Edge TPU or no libedgetpu is present (as on CI).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from core.edgetpu.devices import find_devices
from core.edgetpu.library import locate_library
from core.measure.backends import BackendSpec
from core.measure.session import RunRequest, Session


def _why_not() -> str | None:
    if not locate_library().found:
        return "libedgetpu is not installed (see 'edgetpu-compare doctor')"
    ready = [d for d in find_devices() if d.state in ("ready", "uninitialised")]
    if not ready:
        return "no usable Edge TPU is attached (see 'edgetpu-compare doctor')"
    return None


pytestmark = [pytest.mark.edgetpu,
              pytest.mark.skipif(_why_not() is not None, reason=_why_not() or "")]


def test_the_edgetpu_classifies_the_parrot_like_the_cpu_and_faster(
        bird_model: Path, bird_labels: Path, parrot: Path) -> None:
    request = RunRequest(bird_model, parrot, bird_labels, count=50,
                         backends=(BackendSpec("cpu"), BackendSpec("edgetpu")))
    record = Session(request).run()
    tpu = record.backend("edgetpu")
    assert tpu.status == "ok", tpu.error
    assert tpu.results[0].id == 923  # Ara macao (Scarlet Macaw)
    assert abs(tpu.results[0].score - 0.777) < 0.03
    assert record.comparison is not None and record.comparison.top1_agree is True
    assert record.comparison.speedup_median is not None
