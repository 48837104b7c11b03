"""A CPU backend's threads in the result file: numbers for scripts, a sentence only where shown."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from core.results.records import BackendRecord
from core.results.runtime_fields import cores_text, pinned_cores, typed_runtime, upgraded
from gui.look.formatting import backend_details


def test_the_workers_text_becomes_numbers() -> None:
    assert typed_runtime({"threads": "2", "cores": cores_text((0, 1)), "kernels": "x"}) == {
        "threads": 2, "pinned": True, "cores": [0, 1], "kernels": "x"}
    assert typed_runtime({"threads": "4"}) == {"threads": 4, "pinned": False, "cores": []}
    assert typed_runtime({"device": "usb:0"}) == {"device": "usb:0"}, "an Edge TPU: no threads"


def test_an_old_sentence_is_upgraded_and_new_fields_are_left_alone() -> None:
    assert upgraded({"threads": "one core each (cores 2, 3)"}) == {
        "threads": 2, "pinned": True, "cores": [2, 3]}
    new = {"threads": 2, "pinned": False, "cores": []}
    assert upgraded(new) is new


def test_the_sentence_is_made_where_it_is_shown(qapp: object) -> None:
    record = BackendRecord("cpu", "cpu", "CPU (LiteRT 2.3.0, XNNPACK, 2 of 2 cores)",
                           runtime={"name": "ai-edge-litert", "version": "2.3.0", "threads": 2,
                                    "pinned": True, "cores": [0, 1]})
    assert "one core each (cores 0, 1)" in backend_details(record)
    record.runtime.update(pinned=False, cores=[])
    assert pinned_cores(record.runtime) == []
    assert not any("one core each" in part for part in backend_details(record))
