"""Returning freed memory to the system, which booth mode does after every comparison."""

from __future__ import annotations

import ctypes
import sys
import types

import pytest

from core.measure.memory import release_free_memory


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")
def test_glibc_is_asked_to_trim(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def malloc_trim(pad: int) -> int:
        calls.append(pad)
        return 1

    fake_libc = types.SimpleNamespace(malloc_trim=malloc_trim)
    monkeypatch.setattr(ctypes, "CDLL", lambda name: fake_libc)
    assert release_free_memory() is True
    assert calls == [0]


def test_a_libc_without_malloc_trim_is_not_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ctypes, "CDLL", lambda name: object())  # like musl: no such symbol
    assert release_free_memory() is False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")
def test_the_real_call_works_here() -> None:
    assert release_free_memory() is True
