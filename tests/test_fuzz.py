"""The fuzz targets, briefly: CI tries a few dozen mutated inputs per reader on every run.

``python bench/fuzz.py --minutes 10`` runs the same targets for ten minutes.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from tests.fuzz.targets import TARGETS


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_a_reader_survives_mutated_files(name: str) -> None:
    target, strategy = TARGETS[name]

    @settings(max_examples=40, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(strategy())
    def check(data: bytes) -> None:
        target(data)

    check()
