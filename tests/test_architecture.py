"""House rules that code review alone would let slip."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

_BLOCK_QT = """
import importlib, importlib.abc, pkgutil, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'pyqtgraph', 'gui', 'shiboken6'):
            raise ImportError(f'{name} is blocked: core must not import it')
        return None
sys.meta_path.insert(0, Block())
import core
names = [m.name for m in pkgutil.walk_packages(core.__path__, 'core.')]
for name in names:
    importlib.import_module(name)
print(len(names))
"""


def test_every_core_module_imports_without_qt() -> None:
    """core/ is the engine: the command line and the tests must run where Qt cannot load."""
    result = subprocess.run([sys.executable, "-c", _BLOCK_QT], cwd=REPO, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) >= 15  # every module was really imported


def test_no_coral_model_is_committed() -> None:
    """Models reach users through the fetcher; tests read ../shared/coral. The pair the package
    ships for an offline first launch is copied from there by ./bootstrap, never committed."""
    tracked = subprocess.run(["git", "ls-files", "*.tflite", "*.jpg", "*.bmp"], cwd=REPO,
                             capture_output=True, text=True, check=True).stdout.split()
    assert tracked == []


def test_no_import_cycles_between_modules() -> None:
    """The layers (pyproject's import contracts) order packages; this orders modules: no two
    modules of core or gui import each other, however indirectly, even for type checking."""
    grimp = pytest.importorskip("grimp")  # import-linter's graph library (the dev extra)
    graph = grimp.build_graph("core", "gui")
    modules = sorted(m for m in graph.modules if m.split(".")[0] in ("core", "gui"))
    cycles = sorted({" <-> ".join(sorted((a, b))) for a in modules
                     for b in graph.find_upstream_modules(a)
                     if b != a and a in graph.find_upstream_modules(b)})
    assert cycles == []
